using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Tests.Support;
using Xunit;

[assembly: AssemblyFixture(typeof(RedisFixture))]
[assembly: AssemblyFixture(typeof(RedisClusterFixture))]

namespace Checkpoint.Redis.Tests.Conformance;

// One line per kit test class and topology: the whole kit runs against a standalone server and against a cluster.
// (Kept in one file on purpose: these classes carry no code of their own.)
#pragma warning disable SA1402, SA1649

public sealed class RedisPutTests(RedisFixture fixture) : PutTests(fixture);

public sealed class RedisPutWritesTests(RedisFixture fixture) : PutWritesTests(fixture);

public sealed class RedisGetTupleTests(RedisFixture fixture) : GetTupleTests(fixture);

public sealed class RedisListTests(RedisFixture fixture) : ListTests(fixture);

public sealed class RedisListMatrixTests(RedisFixture fixture) : ListMatrixTests(fixture);

public sealed class RedisDeleteThreadTests(RedisFixture fixture) : DeleteThreadTests(fixture);

public sealed class RedisDeleteForRunsTests(RedisFixture fixture) : DeleteForRunsTests(fixture);

public sealed class RedisCopyThreadTests(RedisFixture fixture) : CopyThreadTests(fixture);

public sealed class RedisPruneTests(RedisFixture fixture) : PruneTests(fixture);

public sealed class RedisLongListStorageTests(RedisFixture fixture) : LongListStorageTests(fixture);

public sealed class RedisChunkCacheTests(RedisFixture fixture) : ChunkCacheTests(fixture);

public sealed class RedisDeltaChannelHistoryTests(RedisFixture fixture) : DeltaChannelHistoryTests(fixture);

public sealed class RedisListThreadsTests(RedisFixture fixture) : ListThreadsTests(fixture);

public sealed class RedisLegacyPendingSendsTests(RedisFixture fixture) : LegacyPendingSendsTests(fixture);

public sealed class RedisValueRoundTripTests(RedisFixture fixture) : ValueRoundTripTests(fixture);

public sealed class RedisEncryptionTests(RedisFixture fixture) : EncryptionTests(fixture);

public sealed class RedisDamagedDataTests(RedisFixture fixture) : DamagedDataTests(fixture);

public sealed class RedisInputValidationTests(RedisFixture fixture) : InputValidationTests(fixture);

public sealed class RedisStoreItemTests(RedisFixture fixture) : StoreItemTests(fixture);

public sealed class RedisStoreFilterTests(RedisFixture fixture) : StoreFilterTests(fixture);

public sealed class RedisStoreStringOrderTests(RedisFixture fixture) : StoreStringOrderTests(fixture);

public sealed class RedisCheckpointStringOrderTests(RedisFixture fixture) : CheckpointStringOrderTests(fixture);

public sealed class RedisStoreSearchTests(RedisFixture fixture) : StoreSearchTests(fixture);

public sealed class RedisSemanticSearchTests(RedisFixture fixture) : SemanticSearchTests(fixture);

public sealed class RedisListNamespacesTests(RedisFixture fixture) : ListNamespacesTests(fixture);

public sealed class RedisNamespaceValidationTests(RedisFixture fixture) : NamespaceValidationTests(fixture);

public sealed class RedisStoreBatchTests(RedisFixture fixture) : StoreBatchTests(fixture);

public sealed class RedisStoreTtlTests(RedisFixture fixture) : StoreTtlTests(fixture);

public sealed class RedisRawItemListingTests(RedisFixture fixture) : RawItemListingTests(fixture);

public sealed class RedisDamagedItemTests(RedisFixture fixture) : DamagedItemTests(fixture);

public sealed class RedisSetupTests(RedisFixture fixture) : SetupTests(fixture);

public sealed class RedisTelemetryTests(RedisFixture fixture) : TelemetryTests(fixture);

public sealed class RedisConfigurationTests(RedisFixture fixture) : ConfigurationTests(fixture);

public sealed class RedisConcurrencyTests(RedisFixture fixture) : ConcurrencyTests(fixture);


public sealed class RedisModelBasedCheckpointerTests(RedisFixture fixture) : ModelBasedCheckpointerTests(fixture);

public sealed class RedisModelBasedStoreTests(RedisFixture fixture) : ModelBasedStoreTests(fixture);

public sealed class RedisClusterPutTests(RedisClusterFixture fixture) : PutTests(fixture);

public sealed class RedisClusterPutWritesTests(RedisClusterFixture fixture) : PutWritesTests(fixture);

public sealed class RedisClusterGetTupleTests(RedisClusterFixture fixture) : GetTupleTests(fixture);

public sealed class RedisClusterListTests(RedisClusterFixture fixture) : ListTests(fixture);

public sealed class RedisClusterListMatrixTests(RedisClusterFixture fixture) : ListMatrixTests(fixture);

public sealed class RedisClusterDeleteThreadTests(RedisClusterFixture fixture) : DeleteThreadTests(fixture);

public sealed class RedisClusterDeleteForRunsTests(RedisClusterFixture fixture) : DeleteForRunsTests(fixture);

public sealed class RedisClusterCopyThreadTests(RedisClusterFixture fixture) : CopyThreadTests(fixture);

public sealed class RedisClusterPruneTests(RedisClusterFixture fixture) : PruneTests(fixture);

public sealed class RedisClusterLongListStorageTests(RedisClusterFixture fixture) : LongListStorageTests(fixture);

public sealed class RedisClusterChunkCacheTests(RedisClusterFixture fixture) : ChunkCacheTests(fixture);

public sealed class RedisClusterDeltaChannelHistoryTests(RedisClusterFixture fixture) : DeltaChannelHistoryTests(fixture);

public sealed class RedisClusterListThreadsTests(RedisClusterFixture fixture) : ListThreadsTests(fixture);

public sealed class RedisClusterLegacyPendingSendsTests(RedisClusterFixture fixture) : LegacyPendingSendsTests(fixture);

public sealed class RedisClusterValueRoundTripTests(RedisClusterFixture fixture) : ValueRoundTripTests(fixture);

public sealed class RedisClusterEncryptionTests(RedisClusterFixture fixture) : EncryptionTests(fixture);

public sealed class RedisClusterDamagedDataTests(RedisClusterFixture fixture) : DamagedDataTests(fixture);

public sealed class RedisClusterInputValidationTests(RedisClusterFixture fixture) : InputValidationTests(fixture);

public sealed class RedisClusterStoreItemTests(RedisClusterFixture fixture) : StoreItemTests(fixture);

public sealed class RedisClusterStoreFilterTests(RedisClusterFixture fixture) : StoreFilterTests(fixture);

public sealed class RedisClusterStoreStringOrderTests(RedisClusterFixture fixture) : StoreStringOrderTests(fixture);

public sealed class RedisClusterCheckpointStringOrderTests(RedisClusterFixture fixture) : CheckpointStringOrderTests(fixture);

public sealed class RedisClusterStoreSearchTests(RedisClusterFixture fixture) : StoreSearchTests(fixture);

public sealed class RedisClusterSemanticSearchTests(RedisClusterFixture fixture) : SemanticSearchTests(fixture);

public sealed class RedisClusterListNamespacesTests(RedisClusterFixture fixture) : ListNamespacesTests(fixture);

public sealed class RedisClusterNamespaceValidationTests(RedisClusterFixture fixture) : NamespaceValidationTests(fixture);

public sealed class RedisClusterStoreBatchTests(RedisClusterFixture fixture) : StoreBatchTests(fixture);

public sealed class RedisClusterStoreTtlTests(RedisClusterFixture fixture) : StoreTtlTests(fixture);

public sealed class RedisClusterRawItemListingTests(RedisClusterFixture fixture) : RawItemListingTests(fixture);

public sealed class RedisClusterDamagedItemTests(RedisClusterFixture fixture) : DamagedItemTests(fixture);

public sealed class RedisClusterSetupTests(RedisClusterFixture fixture) : SetupTests(fixture);

public sealed class RedisClusterTelemetryTests(RedisClusterFixture fixture) : TelemetryTests(fixture);

public sealed class RedisClusterConfigurationTests(RedisClusterFixture fixture) : ConfigurationTests(fixture);

public sealed class RedisClusterConcurrencyTests(RedisClusterFixture fixture) : ConcurrencyTests(fixture);

public sealed class RedisClusterModelBasedCheckpointerTests(RedisClusterFixture fixture) : ModelBasedCheckpointerTests(fixture);

public sealed class RedisClusterModelBasedStoreTests(RedisClusterFixture fixture) : ModelBasedStoreTests(fixture);

public sealed class RedisSuiteCompletenessTests : TestSuiteImplementationTests;
