namespace Checkpoint.Benchmarks;

/// <summary>A backend cannot be measured (not configured or not reachable); the run records why and goes on.</summary>
internal sealed class BackendNotAvailableException(string message) : Exception(message);
