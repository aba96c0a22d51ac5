using Checkpoint.ConformanceSuite;
using Xunit;

[assembly: AssemblyFixture(typeof(Checkpoint.Postgres.Tests.Conformance.PostgresFixture))]

namespace Checkpoint.Postgres.Tests.Conformance;

// One line per kit test class: the whole kit runs against PostgreSQL. (Kept in one file on purpose: these classes
// carry no code of their own.)
#pragma warning disable SA1402, SA1649

public sealed class PostgresPutTests(PostgresFixture fixture) : PutTests(fixture);

public sealed class PostgresPutWritesTests(PostgresFixture fixture) : PutWritesTests(fixture);

public sealed class PostgresGetTupleTests(PostgresFixture fixture) : GetTupleTests(fixture);

public sealed class PostgresListTests(PostgresFixture fixture) : ListTests(fixture);

public sealed class PostgresListMatrixTests(PostgresFixture fixture) : ListMatrixTests(fixture);

public sealed class PostgresDeleteThreadTests(PostgresFixture fixture) : DeleteThreadTests(fixture);

public sealed class PostgresDeleteForRunsTests(PostgresFixture fixture) : DeleteForRunsTests(fixture);

public sealed class PostgresCopyThreadTests(PostgresFixture fixture) : CopyThreadTests(fixture);

public sealed class PostgresPruneTests(PostgresFixture fixture) : PruneTests(fixture);

public sealed class PostgresLongListStorageTests(PostgresFixture fixture) : LongListStorageTests(fixture);

public sealed class PostgresChunkCacheTests(PostgresFixture fixture) : ChunkCacheTests(fixture);

public sealed class PostgresDeltaChannelHistoryTests(PostgresFixture fixture) : DeltaChannelHistoryTests(fixture);

public sealed class PostgresListThreadsTests(PostgresFixture fixture) : ListThreadsTests(fixture);

public sealed class PostgresLegacyPendingSendsTests(PostgresFixture fixture) : LegacyPendingSendsTests(fixture);

public sealed class PostgresValueRoundTripTests(PostgresFixture fixture) : ValueRoundTripTests(fixture);

public sealed class PostgresEncryptionTests(PostgresFixture fixture) : EncryptionTests(fixture);

public sealed class PostgresDamagedDataTests(PostgresFixture fixture) : DamagedDataTests(fixture);

public sealed class PostgresInputValidationTests(PostgresFixture fixture) : InputValidationTests(fixture);

public sealed class PostgresStoreItemTests(PostgresFixture fixture) : StoreItemTests(fixture);

public sealed class PostgresStoreFilterTests(PostgresFixture fixture) : StoreFilterTests(fixture);

public sealed class PostgresStoreStringOrderTests(PostgresFixture fixture) : StoreStringOrderTests(fixture);

public sealed class PostgresCheckpointStringOrderTests(PostgresFixture fixture) : CheckpointStringOrderTests(fixture);

public sealed class PostgresStoreSearchTests(PostgresFixture fixture) : StoreSearchTests(fixture);

public sealed class PostgresSemanticSearchTests(PostgresFixture fixture) : SemanticSearchTests(fixture);

public sealed class PostgresListNamespacesTests(PostgresFixture fixture) : ListNamespacesTests(fixture);

public sealed class PostgresNamespaceValidationTests(PostgresFixture fixture) : NamespaceValidationTests(fixture);

public sealed class PostgresStoreBatchTests(PostgresFixture fixture) : StoreBatchTests(fixture);

public sealed class PostgresStoreTtlTests(PostgresFixture fixture) : StoreTtlTests(fixture);

public sealed class PostgresRawItemListingTests(PostgresFixture fixture) : RawItemListingTests(fixture);

public sealed class PostgresDamagedItemTests(PostgresFixture fixture) : DamagedItemTests(fixture);

public sealed class PostgresSetupTests(PostgresFixture fixture) : SetupTests(fixture);

public sealed class PostgresTelemetryTests(PostgresFixture fixture) : TelemetryTests(fixture);

public sealed class PostgresConfigurationTests(PostgresFixture fixture) : ConfigurationTests(fixture);

public sealed class PostgresConcurrencyTests(PostgresFixture fixture) : ConcurrencyTests(fixture);

public sealed class PostgresModelBasedCheckpointerTests(PostgresFixture fixture) : ModelBasedCheckpointerTests(fixture);

public sealed class PostgresModelBasedStoreTests(PostgresFixture fixture) : ModelBasedStoreTests(fixture);

public sealed class PostgresSuiteCompletenessTests : TestSuiteImplementationTests;
