using System.Text;

namespace Checkpoint.AgentFramework.Internal;

/// <summary>
/// Turns any identifier into a store namespace label. Labels may not contain <c>.</c> (the path separator), so
/// <c>%</c>, <c>.</c> and <c>=</c> (which joins partition names and values) are percent-encoded; everything else is
/// kept verbatim, so labels stay readable and two different identifiers never share a label.
/// </summary>
internal static class NamespaceLabel
{
    public static string Encode(string value, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameter);
        if (value.AsSpan().IndexOfAny("%.=") < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '%' => builder.Append("%25"),
                '.' => builder.Append("%2E"),
                '=' => builder.Append("%3D"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
