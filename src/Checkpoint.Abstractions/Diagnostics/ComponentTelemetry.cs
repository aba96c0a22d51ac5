using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Checkpoint;

/// <summary>
/// What the spans, metrics and logs of one checkpointer or store share: its database system, collection, namespace,
/// options and logger. Operations start here.
/// </summary>
internal sealed class ComponentTelemetry
{
    public ComponentTelemetry(string system, string collection, string? @namespace, CheckpointDiagnosticsOptions? options, string category)
    {
        System = system;
        Collection = collection;
        Namespace = @namespace;
        Options = options ?? new CheckpointDiagnosticsOptions();
        Logger = Options.LoggerFactory?.CreateLogger(category);
    }

    public string System { get; }

    public string Collection { get; }

    public string? Namespace { get; }

    public CheckpointDiagnosticsOptions Options { get; }

    public ILogger? Logger { get; }

    /// <summary>Gets whether anything listens: otherwise operations run without a scope and cost nothing extra.</summary>
    public bool IsEnabled => Logger is not null || CheckpointTelemetry.Source.HasListeners() || CheckpointInstruments.AnyEnabled;

    /// <summary>Starts an operation: a client span (when traced) and the ambient scope that backends report to.</summary>
    /// <param name="operation">The operation name (<c>db.operation.name</c>).</param>
    /// <param name="threadId">The thread, recorded only when <see cref="CheckpointDiagnosticsOptions.RecordThreadIds"/> is set.</param>
    /// <returns>The operation; dispose it when the work ends.</returns>
    public StorageOperation Start(string operation, string? threadId = null)
    {
        var activity = CheckpointTelemetry.Source.StartActivity($"{operation} {Collection}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", System);
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.collection.name", Collection);
            if (Namespace is not null)
            {
                activity.SetTag("db.namespace", Namespace);
            }

            if (threadId is not null && Options.RecordThreadIds)
            {
                activity.SetTag("checkpoint.thread_id", threadId);
            }
        }

        return StorageOperation.Begin(this, operation, activity);
    }
}
