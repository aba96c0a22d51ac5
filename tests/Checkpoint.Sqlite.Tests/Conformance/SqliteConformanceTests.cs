using Checkpoint.ConformanceSuite;
using Xunit;

[assembly: AssemblyFixture(typeof(Checkpoint.Sqlite.Tests.Conformance.SqliteFixture))]

namespace Checkpoint.Sqlite.Tests.Conformance;

// One line per kit test class: the whole kit runs against SQLite, with nothing skipped.
// (Kept in one file on purpose: these classes carry no code of their own.)
#pragma warning disable SA1402, SA1649

public sealed class SqlitePutTests(SqliteFixture fixture) : PutTests(fixture);

public sealed class SqlitePutWritesTests(SqliteFixture fixture) : PutWritesTests(fixture);

public sealed class SqliteGetTupleTests(SqliteFixture fixture) : GetTupleTests(fixture);

public sealed class SqliteListTests(SqliteFixture fixture) : ListTests(fixture);

public sealed class SqliteListMatrixTests(SqliteFixture fixture) : ListMatrixTests(fixture);

public sealed class SqliteDeleteThreadTests(SqliteFixture fixture) : DeleteThreadTests(fixture);

public sealed class SqliteDeleteForRunsTests(SqliteFixture fixture) : DeleteForRunsTests(fixture);

public sealed class SqliteCopyThreadTests(SqliteFixture fixture) : CopyThreadTests(fixture);

public sealed class SqlitePruneTests(SqliteFixture fixture) : PruneTests(fixture);

public sealed class SqliteLongListStorageTests(SqliteFixture fixture) : LongListStorageTests(fixture);

public sealed class SqliteChunkCacheTests(SqliteFixture fixture) : ChunkCacheTests(fixture);

public sealed class SqliteDeltaChannelHistoryTests(SqliteFixture fixture) : DeltaChannelHistoryTests(fixture);

public sealed class SqliteListThreadsTests(SqliteFixture fixture) : ListThreadsTests(fixture);

public sealed class SqliteLegacyPendingSendsTests(SqliteFixture fixture) : LegacyPendingSendsTests(fixture);

public sealed class SqliteValueRoundTripTests(SqliteFixture fixture) : ValueRoundTripTests(fixture);

public sealed class SqliteEncryptionTests(SqliteFixture fixture) : EncryptionTests(fixture);

public sealed class SqliteDamagedDataTests(SqliteFixture fixture) : DamagedDataTests(fixture);

public sealed class SqliteInputValidationTests(SqliteFixture fixture) : InputValidationTests(fixture);

public sealed class SqliteStoreItemTests(SqliteFixture fixture) : StoreItemTests(fixture);

public sealed class SqliteStoreFilterTests(SqliteFixture fixture) : StoreFilterTests(fixture);

public sealed class SqliteStoreStringOrderTests(SqliteFixture fixture) : StoreStringOrderTests(fixture);

public sealed class SqliteCheckpointStringOrderTests(SqliteFixture fixture) : CheckpointStringOrderTests(fixture);

public sealed class SqliteStoreSearchTests(SqliteFixture fixture) : StoreSearchTests(fixture);

public sealed class SqliteSemanticSearchTests(SqliteFixture fixture) : SemanticSearchTests(fixture);

public sealed class SqliteListNamespacesTests(SqliteFixture fixture) : ListNamespacesTests(fixture);

public sealed class SqliteNamespaceValidationTests(SqliteFixture fixture) : NamespaceValidationTests(fixture);

public sealed class SqliteStoreBatchTests(SqliteFixture fixture) : StoreBatchTests(fixture);

public sealed class SqliteStoreTtlTests(SqliteFixture fixture) : StoreTtlTests(fixture);

public sealed class SqliteRawItemListingTests(SqliteFixture fixture) : RawItemListingTests(fixture);

public sealed class SqliteDamagedItemTests(SqliteFixture fixture) : DamagedItemTests(fixture);

public sealed class SqliteSetupTests(SqliteFixture fixture) : SetupTests(fixture);

public sealed class SqliteTelemetryTests(SqliteFixture fixture) : TelemetryTests(fixture);

public sealed class SqliteConfigurationTests(SqliteFixture fixture) : ConfigurationTests(fixture);

public sealed class SqliteConcurrencyTests(SqliteFixture fixture) : ConcurrencyTests(fixture);

public sealed class SqliteModelBasedCheckpointerTests(SqliteFixture fixture) : ModelBasedCheckpointerTests(fixture);

public sealed class SqliteModelBasedStoreTests(SqliteFixture fixture) : ModelBasedStoreTests(fixture);

public sealed class SqliteSuiteCompletenessTests : TestSuiteImplementationTests;
