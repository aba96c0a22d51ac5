using System.Text;

namespace Checkpoint.Postgres.Internal;

/// <summary>A validated PostgreSQL schema name and the quoted, schema-qualified names of the tables inside it.</summary>
internal sealed class SchemaName
{
    // NAMEDATALEN - 1: PostgreSQL silently truncates longer identifiers, which would make two schemas collide.
    private const int MaxIdentifierBytes = 63;

    public SchemaName(string? name, string parameterName)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("The schema name must not be empty.", parameterName);
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The schema name must not contain NUL characters.", parameterName);
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxIdentifierBytes)
        {
            throw new ArgumentException($"The schema name must be at most {MaxIdentifierBytes} bytes in UTF-8 (PostgreSQL truncates longer names).", parameterName);
        }

        Name = name;
        Quoted = Quote(name);
    }

    /// <summary>Gets the schema name as given.</summary>
    public string Name { get; }

    /// <summary>Gets the schema name as a quoted SQL identifier.</summary>
    public string Quoted { get; }

    /// <summary>Returns the quoted, schema-qualified name of an object in this schema.</summary>
    public string Qualify(string objectName) => Quoted + "." + Quote(objectName);

    /// <summary>Quotes an identifier, doubling embedded quotes: the only escaping an identifier needs.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public override string ToString() => Name;
}
