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

public sealed class MongoDeltaChannelHistoryTests(MongoFixture fixture) : DeltaChannelHistoryTests(fixture);

public sealed class MongoListThreadsTests(MongoFixture fixture) : ListThreadsTests(fixture);

public sealed class MongoLegacyPendingSendsTests(MongoFixture fixture) : LegacyPendingSendsTests(fixture);

public sealed class MongoValueRoundTripTests(MongoFixture fixture) : ValueRoundTripTests(fixture);

public sealed class MongoInputValidationTests(MongoFixture fixture) : InputValidationTests(fixture);

public sealed class MongoStoreItemTests(MongoFixture fixture) : StoreItemTests(fixture);

public sealed class MongoStoreFilterTests(MongoFixture fixture) : StoreFilterTests(fixture);

public sealed class MongoStoreSearchTests(MongoFixture fixture) : StoreSearchTests(fixture);

public sealed class MongoSemanticSearchTests(MongoFixture fixture) : SemanticSearchTests(fixture);

public sealed class MongoListNamespacesTests(MongoFixture fixture) : ListNamespacesTests(fixture);

public sealed class MongoNamespaceValidationTests(MongoFixture fixture) : NamespaceValidationTests(fixture);

public sealed class MongoStoreBatchTests(MongoFixture fixture) : StoreBatchTests(fixture);

public sealed class MongoStoreTtlTests(MongoFixture fixture) : StoreTtlTests(fixture);

public sealed class MongoSetupTests(MongoFixture fixture) : SetupTests(fixture);

public sealed class MongoConcurrencyTests(MongoFixture fixture) : ConcurrencyTests(fixture);

public sealed class MongoSuiteCompletenessTests : TestSuiteImplementationTests;
