using Checkpoint.ConformanceSuite;

namespace Checkpoint.Redis.Tests.Support;

/// <summary>The kit's fixture for the standalone server.</summary>
public sealed class RedisFixture : CheckpointFixture
{
    public override CheckpointTestStore TestStore => StandaloneRedisTestStore.Instance;

    public RedisTestStore Redis => StandaloneRedisTestStore.Instance;
}

/// <summary>The kit's fixture for the cluster.</summary>
public sealed class RedisClusterFixture : CheckpointFixture
{
    public override CheckpointTestStore TestStore => ClusterRedisTestStore.Instance;

    public RedisTestStore Redis => ClusterRedisTestStore.Instance;
}
