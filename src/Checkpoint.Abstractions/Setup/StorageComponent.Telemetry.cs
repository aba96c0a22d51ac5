namespace Checkpoint;

/// <content>
/// What tracing, metrics and logs need from a checkpointer or store (see <see cref="CheckpointTelemetry"/>): the
/// database system and namespace a backend names, the collection and diagnostics options its base class supplies.
/// </content>
public abstract partial class StorageComponent
{
    private ComponentTelemetry? _telemetry;

    /// <summary>Gets the database system reported as <c>db.system.name</c> (OpenTelemetry's well-known values: <c>postgresql</c>, <c>redis</c>, <c>sqlite</c>, <c>mongodb</c>).</summary>
    protected virtual string DatabaseSystemName => "other";

    /// <summary>Gets the database namespace reported as <c>db.namespace</c> (a schema, a database), or <see langword="null"/>.</summary>
    protected virtual string? DatabaseNamespace => null;

    /// <summary>Gets the <c>db.collection.name</c> of every operation: <c>checkpoints</c> or <c>store</c>.</summary>
    private protected virtual string TelemetryCollection => "storage";

    /// <summary>Gets the logging and tracing settings from the instance's options.</summary>
    private protected virtual CheckpointDiagnosticsOptions? DiagnosticsOptions => null;

    // Created on first use: a backend's namespace may depend on state its constructor sets after the base constructor.
    private protected ComponentTelemetry Telemetry =>
        _telemetry ??= new ComponentTelemetry(DatabaseSystemName, TelemetryCollection, DatabaseNamespace, DiagnosticsOptions, GetType().FullName ?? GetType().Name);

    private Task ObservedSetup(bool async, CancellationToken cancellationToken) =>
        ObservedCall.Run(Telemetry, Operations.Setup, null, (Component: this, async, cancellationToken), static (s, _) => s.Component.SetupCore(s.async, s.cancellationToken));
}
