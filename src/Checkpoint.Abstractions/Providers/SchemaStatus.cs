namespace Checkpoint.Providers;

/// <summary>Where one component's schema (a checkpointer's or a store's) stands in a database.</summary>
/// <param name="Component">What and where, for people: backend, component and schema, prefix or file.</param>
/// <param name="AppliedVersion">The version the database records, or <see langword="null"/> when it was never set up.</param>
/// <param name="CurrentVersion">The version this release's <c>Setup</c> brings a database to.</param>
/// <param name="Pending">The migrations <c>Setup</c> would apply, oldest first; empty when the schema is current or newer.</param>
public sealed record SchemaStatus(string Component, int? AppliedVersion, int CurrentVersion, IReadOnlyList<SchemaMigration> Pending)
{
    /// <summary>Gets whether the database records a version newer than this release knows (its <c>Setup</c> refuses it).</summary>
    public bool IsNewer => AppliedVersion > CurrentVersion;

    /// <summary>Gets whether the database is at exactly the version this release uses.</summary>
    public bool IsCurrent => AppliedVersion == CurrentVersion;
}
