using Checkpoint.ConformanceSuite;
using Xunit;

[assembly: AssemblyFixture(typeof(Checkpoint.Mongo.Tests.Conformance.MongoFixture))]

namespace Checkpoint.Mongo.Tests.Conformance;

// One line per kit test class: the whole kit runs against MongoDB when CHECKPOINT_TEST_MONGO (or Docker) gives a server.
// (Kept in one file on purpose: these classes carry no code of their own.)
#pragma warning disable SA1402, SA1649

public sealed class MongoPutTests(MongoFixture fixture) : PutTests(fixture);

public sealed class MongoPutWritesTests(MongoFixture fixture) : PutWritesTests(fixture);

public sealed class MongoGetTupleTests(MongoFixture fixture) : GetTupleTests(fixture);

public sealed class MongoListTests(MongoFixture fixture) : ListTests(fixture);

public sealed class MongoListMatrixTests(MongoFixture fixture) : ListMatrixTests(fixture);

public sealed class MongoDeleteThreadTests(MongoFixture fixture) : DeleteThreadTests(fixture);

public sealed class MongoDeleteForRunsTests(MongoFixture fixture) : DeleteForRunsTests(fixture);

public sealed class MongoCopyThreadTests(MongoFixture fixture) : CopyThreadTests(fixture);

public sealed class MongoPruneTests(MongoFixture fixture) : PruneTests(fixture);

public sealed class MongoLongListStorageTests(MongoFixture fixture) : LongListStorageTests(fixture);

public sealed class MongoChunkCacheTests(MongoFixture fixture) : ChunkCacheTests(fixture);

public sealed class MongoDeltaChannelHistoryTests(MongoFixture fixture) : DeltaChannelHistoryTests(fixture);

public sealed class MongoListThreadsTests(MongoFixture fixture) : ListThreadsTests(fixture);

public sealed class MongoLegacyPendingSendsTests(MongoFixture fixture) : LegacyPendingSendsTests(fixture);

public sealed class MongoValueRoundTripTests(MongoFixture fixture) : ValueRoundTripTests(fixture);

public sealed class MongoEncryptionTests(MongoFixture fixture) : EncryptionTests(fixture);

public sealed class MongoDamagedDataTests(MongoFixture fixture) : DamagedDataTests(fixture);

public sealed class MongoInputValidationTests(MongoFixture fixture) : InputValidationTests(fixture)
{
    // MongoDB keeps NUL inside strings (so PreservesNulInJsonStrings holds) but no BSON field name can hold one, so a
    // metadata key with NUL is refused with ArgumentException and nothing is stored: the branch the kit runs for
    // backends without the capability, asserted here for this backend.
    public override async Task Nul_in_metadata_keys_round_trips_or_is_refused_per_capability(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var metadata = TestData.Metadata(extra: new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["key\0with nul"] = "value" });

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), metadata, TestData.NoVersions()));

        Assert.Empty(await saver.ListAsync(new RunConfig(threadId, checkpointNs: null)));
    }
}

public sealed class MongoStoreItemTests(MongoFixture fixture) : StoreItemTests(fixture);

public sealed class MongoStoreFilterTests(MongoFixture fixture) : StoreFilterTests(fixture);

public sealed class MongoStoreStringOrderTests(MongoFixture fixture) : StoreStringOrderTests(fixture);

public sealed class MongoCheckpointStringOrderTests(MongoFixture fixture) : CheckpointStringOrderTests(fixture);

public sealed class MongoStoreSearchTests(MongoFixture fixture) : StoreSearchTests(fixture);

public sealed class MongoSemanticSearchTests(MongoFixture fixture) : SemanticSearchTests(fixture);

public sealed class MongoListNamespacesTests(MongoFixture fixture) : ListNamespacesTests(fixture);

public sealed class MongoNamespaceValidationTests(MongoFixture fixture) : NamespaceValidationTests(fixture);

public sealed class MongoStoreBatchTests(MongoFixture fixture) : StoreBatchTests(fixture);

public sealed class MongoStoreTtlTests(MongoFixture fixture) : StoreTtlTests(fixture);

public sealed class MongoRawItemListingTests(MongoFixture fixture) : RawItemListingTests(fixture);

public sealed class MongoDamagedItemTests(MongoFixture fixture) : DamagedItemTests(fixture);

public sealed class MongoSetupTests(MongoFixture fixture) : SetupTests(fixture);

public sealed class MongoTelemetryTests(MongoFixture fixture) : TelemetryTests(fixture);

public sealed class MongoConfigurationTests(MongoFixture fixture) : ConfigurationTests(fixture);

public sealed class MongoConcurrencyTests(MongoFixture fixture) : ConcurrencyTests(fixture);

public sealed class MongoModelBasedCheckpointerTests(MongoFixture fixture) : ModelBasedCheckpointerTests(fixture);

public sealed class MongoModelBasedStoreTests(MongoFixture fixture) : ModelBasedStoreTests(fixture);

public sealed class MongoSuiteCompletenessTests : TestSuiteImplementationTests;
