using Checkpoint.ConformanceSuite;
using Xunit;

[assembly: AssemblyFixture(typeof(Checkpoint.Abstractions.Tests.Conformance.InMemoryFixture))]

namespace Checkpoint.Abstractions.Tests.Conformance;

// One line per kit test class: the whole kit runs against the in-memory reference, with nothing skipped.
// (Kept in one file on purpose: these classes carry no code of their own.)
#pragma warning disable SA1402, SA1649

public sealed class InMemoryPutTests(InMemoryFixture fixture) : PutTests(fixture);

public sealed class InMemoryPutWritesTests(InMemoryFixture fixture) : PutWritesTests(fixture);

public sealed class InMemoryGetTupleTests(InMemoryFixture fixture) : GetTupleTests(fixture);

public sealed class InMemoryListTests(InMemoryFixture fixture) : ListTests(fixture);

public sealed class InMemoryListMatrixTests(InMemoryFixture fixture) : ListMatrixTests(fixture);

public sealed class InMemoryDeleteThreadTests(InMemoryFixture fixture) : DeleteThreadTests(fixture);

public sealed class InMemoryDeleteForRunsTests(InMemoryFixture fixture) : DeleteForRunsTests(fixture);

public sealed class InMemoryCopyThreadTests(InMemoryFixture fixture) : CopyThreadTests(fixture);

public sealed class InMemoryPruneTests(InMemoryFixture fixture) : PruneTests(fixture);

public sealed class InMemoryLongListStorageTests(InMemoryFixture fixture) : LongListStorageTests(fixture);

public sealed class InMemoryChunkCacheTests(InMemoryFixture fixture) : ChunkCacheTests(fixture);

public sealed class InMemoryDeltaChannelHistoryTests(InMemoryFixture fixture) : DeltaChannelHistoryTests(fixture);

public sealed class InMemoryListThreadsTests(InMemoryFixture fixture) : ListThreadsTests(fixture);

public sealed class InMemoryLegacyPendingSendsTests(InMemoryFixture fixture) : LegacyPendingSendsTests(fixture);

public sealed class InMemoryValueRoundTripTests(InMemoryFixture fixture) : ValueRoundTripTests(fixture);

public sealed class InMemoryEncryptionTests(InMemoryFixture fixture) : EncryptionTests(fixture);

public sealed class InMemoryDamagedDataTests(InMemoryFixture fixture) : DamagedDataTests(fixture);

public sealed class InMemoryInputValidationTests(InMemoryFixture fixture) : InputValidationTests(fixture);

public sealed class InMemoryStoreItemTests(InMemoryFixture fixture) : StoreItemTests(fixture);

public sealed class InMemoryStoreFilterTests(InMemoryFixture fixture) : StoreFilterTests(fixture);

public sealed class InMemoryStoreStringOrderTests(InMemoryFixture fixture) : StoreStringOrderTests(fixture);

public sealed class InMemoryCheckpointStringOrderTests(InMemoryFixture fixture) : CheckpointStringOrderTests(fixture);

public sealed class InMemoryStoreSearchTests(InMemoryFixture fixture) : StoreSearchTests(fixture);

public sealed class InMemorySemanticSearchTests(InMemoryFixture fixture) : SemanticSearchTests(fixture);

public sealed class InMemoryListNamespacesTests(InMemoryFixture fixture) : ListNamespacesTests(fixture);

public sealed class InMemoryNamespaceValidationTests(InMemoryFixture fixture) : NamespaceValidationTests(fixture);

public sealed class InMemoryStoreBatchTests(InMemoryFixture fixture) : StoreBatchTests(fixture);

public sealed class InMemoryStoreTtlTests(InMemoryFixture fixture) : StoreTtlTests(fixture);

public sealed class InMemoryRawItemListingTests(InMemoryFixture fixture) : RawItemListingTests(fixture);

public sealed class InMemoryDamagedItemTests(InMemoryFixture fixture) : DamagedItemTests(fixture);

public sealed class InMemorySetupTests(InMemoryFixture fixture) : SetupTests(fixture);

public sealed class InMemoryTelemetryTests(InMemoryFixture fixture) : TelemetryTests(fixture);

public sealed class InMemoryConfigurationTests(InMemoryFixture fixture) : ConfigurationTests(fixture);

public sealed class InMemoryConcurrencyTests(InMemoryFixture fixture) : ConcurrencyTests(fixture);

public sealed class InMemoryModelBasedCheckpointerTests(InMemoryFixture fixture) : ModelBasedCheckpointerTests(fixture);

public sealed class InMemoryModelBasedStoreTests(InMemoryFixture fixture) : ModelBasedStoreTests(fixture);

public sealed class InMemorySuiteCompletenessTests : TestSuiteImplementationTests;
