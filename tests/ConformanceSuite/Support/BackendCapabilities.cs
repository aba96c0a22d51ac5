namespace Checkpoint.ConformanceSuite;

/// <summary>
/// What a backend can do. A test that needs a capability the backend lacks is reported as <em>skipped</em>, with the
/// reason, never silently passed.
/// </summary>
public sealed record BackendCapabilities
{
    private readonly bool? _preservesNulInJsonKeys;

    /// <summary>Gets whether NUL characters inside JSON strings (metadata values, store documents) are stored faithfully.
    /// A backend that cannot (PostgreSQL <c>jsonb</c>) must instead reject them with an <see cref="ArgumentException"/> and store nothing.</summary>
    public bool PreservesNulInJsonStrings { get; init; } = true;

    /// <summary>
    /// Gets whether NUL characters inside JSON object keys (metadata keys) are stored faithfully; the same as
    /// <see cref="PreservesNulInJsonStrings"/> unless set. A backend that cannot (BSON field names) must instead reject
    /// them with an <see cref="ArgumentException"/> and store nothing.
    /// </summary>
    public bool PreservesNulInJsonKeys
    {
        get => _preservesNulInJsonKeys ?? PreservesNulInJsonStrings;
        init => _preservesNulInJsonKeys = value;
    }

    /// <summary>Gets the largest single channel value, in bytes, the conformance tests may write (default 4 MiB).</summary>
    public int MaxValueBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Gets how many concurrent writers the concurrency tests start (default 8).</summary>
    public int ConcurrentWriters { get; init; } = 8;

    /// <summary>
    /// Gets whether the backend's operations need <c>Setup()</c> first (tables or a schema): then every operation on a
    /// database never set up throws <see cref="SchemaNotSetUpException"/>; otherwise they work without it.
    /// </summary>
    public bool RequiresSetup { get; init; }
}
