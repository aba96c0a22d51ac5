using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Collects the spans and measurements of <see cref="CheckpointTelemetry"/> made under one test's own root span, so
/// tests running in parallel in the same process never see each other's telemetry.
/// </summary>
public sealed class TelemetryCollector : IDisposable
{
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;
    private readonly Activity _root;
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<CollectedMeasurement> _measurements = new();

    /// <summary>Starts listening and starts the test's root span (current until disposal).</summary>
    public TelemetryCollector()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CheckpointTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == CheckpointTelemetry.ActivitySourceName && IsMine(activity))
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CheckpointTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meterListener.Start();
        _root = new Activity("telemetry test").Start();
    }

    /// <summary>Gets the finished spans of this test, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => [.. _spans];

    /// <summary>Gets the measurements of this test.</summary>
    public IReadOnlyList<CollectedMeasurement> Measurements => [.. _measurements];

    /// <summary>Returns the finished spans whose <c>db.operation.name</c> is <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The spans.</returns>
    public IReadOnlyList<Activity> SpansOf(string operation) => [.. Spans.Where(s => (string?)s.GetTagItem("db.operation.name") == operation)];

    /// <summary>Returns the measurements of one instrument for one operation.</summary>
    /// <param name="instrument">The instrument name.</param>
    /// <param name="operation">The operation.</param>
    /// <returns>The measurements.</returns>
    public IReadOnlyList<CollectedMeasurement> MeasurementsOf(string instrument, string operation) =>
        [.. Measurements.Where(m => m.Instrument == instrument && (string?)m.Tags.GetValueOrDefault("db.operation.name") == operation)];

    /// <inheritdoc />
    public void Dispose()
    {
        _root.Dispose();
        _meterListener.Dispose();
        _activityListener.Dispose();
    }

    private bool IsMine(Activity? activity)
    {
        for (var current = activity; current is not null; current = current.Parent)
        {
            if (current == _root)
            {
                return true;
            }
        }

        return false;
    }

    // Measurements are recorded on the flow of the operation, whose span is current: that tells which test made them.
    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (IsMine(Activity.Current))
        {
            var copied = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copied[tag.Key] = tag.Value;
            }

            _measurements.Enqueue(new CollectedMeasurement(instrument.Name, value, copied));
        }
    }
}
