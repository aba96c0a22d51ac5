using Checkpoint.Cli.Backends;

namespace Checkpoint.Cli.Transfer;

/// <summary>A failure to open or set up a copy's target, reported against the target rather than the source.</summary>
/// <param name="target">The target.</param>
/// <param name="inner">What failed.</param>
internal sealed class TargetException(BackendSpec target, Exception inner) : Exception(inner.Message, inner)
{
    /// <summary>Gets the target.</summary>
    public BackendSpec Target { get; } = target;
}
