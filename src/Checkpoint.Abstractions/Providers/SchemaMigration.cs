namespace Checkpoint.Providers;

/// <summary>One migration step as <c>Setup</c> would run it.</summary>
/// <param name="Version">The version recorded once the step has run.</param>
/// <param name="Script">What runs: the SQL statements (already qualified with the schema) or, for databases without SQL, the commands.</param>
public sealed record SchemaMigration(int Version, string Script);
