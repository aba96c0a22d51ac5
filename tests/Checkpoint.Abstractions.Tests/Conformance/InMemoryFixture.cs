using Checkpoint.ConformanceSuite;

namespace Checkpoint.Abstractions.Tests.Conformance;

/// <summary>The kit's fixture for the in-memory implementations.</summary>
public sealed class InMemoryFixture : CheckpointFixture
{
    /// <inheritdoc />
    public override CheckpointTestStore TestStore => InMemoryTestStore.Instance;
}
