using Microsoft.Extensions.Logging;

namespace Checkpoint.ConformanceSuite;

/// <summary>One message a <see cref="RecordingLoggerFactory"/> kept.</summary>
/// <param name="Category">The logger category.</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception, if any.</param>
public sealed record RecordedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
