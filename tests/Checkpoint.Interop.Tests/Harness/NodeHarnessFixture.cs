using Xunit;

namespace Checkpoint.Interop.Tests.Harness;

/// <summary>A class fixture: one LangGraph.js harness process for all tests of a class.</summary>
public sealed class NodeHarnessFixture : IAsyncLifetime
{
    private NodeHarness? _harness;

    /// <summary>Gets the harness.</summary>
    public NodeHarness Harness => _harness ?? throw new InvalidOperationException("The harness has not started.");

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _harness = await NodeHarness.StartAsync(TestContext.Current.CancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
