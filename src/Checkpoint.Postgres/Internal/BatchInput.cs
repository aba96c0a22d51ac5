using Npgsql;

namespace Checkpoint.Postgres.Internal;

/// <summary>Questions about the caller's input carried by a batch's parameters.</summary>
internal static class BatchInput
{
    /// <summary>Returns whether a text parameter (or element of a text array, or escaped in JSON text) holds NUL.</summary>
    public static bool ContainsNul(NpgsqlBatch batch)
    {
        foreach (var command in batch.BatchCommands)
        {
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                var nul = parameter.Value switch
                {
                    string text => HasNul(text),
                    IEnumerable<string?> texts => texts.Any(HasNul),
                    _ => false,
                };
                if (nul)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasNul(string? text) => text is not null && (text.Contains('\0', StringComparison.Ordinal) || JsonNulGuard.MayContainNul(text));
}
