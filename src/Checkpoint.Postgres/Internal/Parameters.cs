using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres.Internal;

/// <summary>Positional (<c>$n</c>) parameters with explicit types, so statements prepare and plan the same way every time.</summary>
internal static class Parameters
{
    public static NpgsqlBatchCommand Add(this NpgsqlBatchCommand command, object? value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        return command;
    }

    public static NpgsqlBatchCommand AddText(this NpgsqlBatchCommand command, string? value) => command.Add(value, NpgsqlDbType.Text);

    public static NpgsqlBatchCommand AddTextArray(this NpgsqlBatchCommand command, IReadOnlyList<string?> values) =>
        command.Add(values as string?[] ?? [.. values], NpgsqlDbType.Array | NpgsqlDbType.Text);
}
