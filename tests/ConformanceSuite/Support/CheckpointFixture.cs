using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The fixture of the kit's test classes: holds the backend's <see cref="CheckpointTestStore"/> and starts it.
/// Derive one per backend (usually one line) and register it as an assembly fixture.
/// </summary>
public abstract class CheckpointFixture : IAsyncLifetime
{
    /// <summary>Gets the backend under test.</summary>
    public abstract CheckpointTestStore TestStore { get; }

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync() => await TestStore.ReferenceCountingStartAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public virtual async ValueTask DisposeAsync()
    {
        await TestStore.ReferenceCountingStopAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
