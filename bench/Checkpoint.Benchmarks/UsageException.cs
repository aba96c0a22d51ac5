namespace Checkpoint.Benchmarks;

/// <summary>Bad command-line input: the harness prints the message and the usage, and exits with 2.</summary>
internal sealed class UsageException(string? message) : Exception(message ?? string.Empty);
