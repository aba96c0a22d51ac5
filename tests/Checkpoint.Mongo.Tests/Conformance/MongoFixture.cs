using Checkpoint.ConformanceSuite;

namespace Checkpoint.Mongo.Tests.Conformance;

/// <summary>The kit's fixture for MongoDB.</summary>
public sealed class MongoFixture : CheckpointFixture
{
    /// <inheritdoc />
    public override CheckpointTestStore TestStore => MongoTestStore.Instance;
}
