using Checkpoint.ConformanceSuite;
using Xunit;

[assembly: AssemblyFixture(typeof(Checkpoint.Postgres.Tests.Conformance.PgBouncerFixture))]

namespace Checkpoint.Postgres.Tests.Conformance;

// The whole kit again, through PgBouncer in transaction mode (pool size 10) with TransactionPooling set: every
// operation, Setup included, must hold when consecutive transactions land on different server connections. (Kept in
// one file on purpose: these classes carry no code of their own.)
#pragma warning disable SA1402, SA1649

public sealed class PgBouncerPutTests(PgBouncerFixture fixture) : PutTests(fixture);

public sealed class PgBouncerPutWritesTests(PgBouncerFixture fixture) : PutWritesTests(fixture);

public sealed class PgBouncerGetTupleTests(PgBouncerFixture fixture) : GetTupleTests(fixture);

public sealed class PgBouncerListTests(PgBouncerFixture fixture) : ListTests(fixture);

public sealed class PgBouncerListMatrixTests(PgBouncerFixture fixture) : ListMatrixTests(fixture);

public sealed class PgBouncerDeleteThreadTests(PgBouncerFixture fixture) : DeleteThreadTests(fixture);

public sealed class PgBouncerDeleteForRunsTests(PgBouncerFixture fixture) : DeleteForRunsTests(fixture);

public sealed class PgBouncerCopyThreadTests(PgBouncerFixture fixture) : CopyThreadTests(fixture);

public sealed class PgBouncerPruneTests(PgBouncerFixture fixture) : PruneTests(fixture);

public sealed class PgBouncerLongListStorageTests(PgBouncerFixture fixture) : LongListStorageTests(fixture);

public sealed class PgBouncerChunkCacheTests(PgBouncerFixture fixture) : ChunkCacheTests(fixture);

public sealed class PgBouncerDeltaChannelHistoryTests(PgBouncerFixture fixture) : DeltaChannelHistoryTests(fixture);

public sealed class PgBouncerListThreadsTests(PgBouncerFixture fixture) : ListThreadsTests(fixture);

public sealed class PgBouncerLegacyPendingSendsTests(PgBouncerFixture fixture) : LegacyPendingSendsTests(fixture);

public sealed class PgBouncerValueRoundTripTests(PgBouncerFixture fixture) : ValueRoundTripTests(fixture);

public sealed class PgBouncerEncryptionTests(PgBouncerFixture fixture) : EncryptionTests(fixture);

public sealed class PgBouncerDamagedDataTests(PgBouncerFixture fixture) : DamagedDataTests(fixture);

public sealed class PgBouncerInputValidationTests(PgBouncerFixture fixture) : InputValidationTests(fixture);

public sealed class PgBouncerStoreItemTests(PgBouncerFixture fixture) : StoreItemTests(fixture);

public sealed class PgBouncerStoreFilterTests(PgBouncerFixture fixture) : StoreFilterTests(fixture);

public sealed class PgBouncerStoreStringOrderTests(PgBouncerFixture fixture) : StoreStringOrderTests(fixture);

public sealed class PgBouncerCheckpointStringOrderTests(PgBouncerFixture fixture) : CheckpointStringOrderTests(fixture);

public sealed class PgBouncerStoreSearchTests(PgBouncerFixture fixture) : StoreSearchTests(fixture);

public sealed class PgBouncerSemanticSearchTests(PgBouncerFixture fixture) : SemanticSearchTests(fixture);

public sealed class PgBouncerListNamespacesTests(PgBouncerFixture fixture) : ListNamespacesTests(fixture);

public sealed class PgBouncerNamespaceValidationTests(PgBouncerFixture fixture) : NamespaceValidationTests(fixture);

public sealed class PgBouncerStoreBatchTests(PgBouncerFixture fixture) : StoreBatchTests(fixture);

public sealed class PgBouncerStoreTtlTests(PgBouncerFixture fixture) : StoreTtlTests(fixture);

public sealed class PgBouncerRawItemListingTests(PgBouncerFixture fixture) : RawItemListingTests(fixture);

public sealed class PgBouncerDamagedItemTests(PgBouncerFixture fixture) : DamagedItemTests(fixture);

public sealed class PgBouncerSetupTests(PgBouncerFixture fixture) : SetupTests(fixture);

public sealed class PgBouncerTelemetryTests(PgBouncerFixture fixture) : TelemetryTests(fixture);

public sealed class PgBouncerConfigurationTests(PgBouncerFixture fixture) : ConfigurationTests(fixture);

public sealed class PgBouncerConcurrencyTests(PgBouncerFixture fixture) : ConcurrencyTests(fixture);

public sealed class PgBouncerModelBasedCheckpointerTests(PgBouncerFixture fixture) : ModelBasedCheckpointerTests(fixture);

public sealed class PgBouncerModelBasedStoreTests(PgBouncerFixture fixture) : ModelBasedStoreTests(fixture);
