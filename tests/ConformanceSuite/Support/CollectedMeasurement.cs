namespace Checkpoint.ConformanceSuite;

/// <summary>One measurement a <see cref="TelemetryCollector"/> saw.</summary>
/// <param name="Instrument">The instrument's name.</param>
/// <param name="Value">The value.</param>
/// <param name="Tags">The attributes.</param>
public sealed record CollectedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
