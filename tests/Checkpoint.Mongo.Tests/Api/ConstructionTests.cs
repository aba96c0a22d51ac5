using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Tests.Api;

/// <summary>Construction, validation and registration: nothing here talks to a server (none is listening on the address used).</summary>
public sealed class ConstructionTests
{
    // Nothing listens here, and server selection gives up quickly: a test that reached the network would fail with a TimeoutException.
    private const string Nowhere = "mongodb://127.0.0.1:9/appdb?serverSelectionTimeoutMS=300&connectTimeoutMS=300";

    [Fact]
    public void From_connection_string_takes_the_database_from_the_url()
    {
        using var saver = MongoSaver.FromConnectionString(Nowhere);
        using var store = MongoStore.FromConnectionString(Nowhere, "other");

        Assert.Equal("appdb", saver.Database.DatabaseNamespace.DatabaseName);
        Assert.Equal("other", store.Database.DatabaseNamespace.DatabaseName);
    }

    [Fact]
    public void From_connection_string_without_a_database_name_says_how_to_give_one()
    {
        var error = Assert.Throws<ArgumentException>(() => MongoSaver.FromConnectionString("mongodb://127.0.0.1:9"));

        Assert.Contains("databaseName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_url_is_rejected_without_echoing_the_password()
    {
        var error = Assert.Throws<ArgumentException>(() => MongoStore.FromConnectionString("mongodb://user:s3cret-pw@host:notaport/db"));

        Assert.DoesNotContain("s3cret-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16 * 1024 * 1024)]
    public void A_chunk_size_outside_the_document_limit_is_rejected(int chunkSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MongoSaver(Database(), new MongoSaverOptions { ChunkSize = chunkSize }));
    }

    [Fact]
    public void A_negative_grace_period_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MongoSaver(Database(), new MongoSaverOptions { OrphanGracePeriod = TimeSpan.FromSeconds(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MongoStore(Database(), new MongoStoreOptions { TtlIndexGracePeriod = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void Null_database_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => new MongoSaver(null!));
        Assert.Throws<ArgumentNullException>(() => new MongoStore(null!));
    }

    [Fact]
    public async Task Metadata_with_a_nul_key_is_rejected_before_anything_is_sent()
    {
        using var saver = new MongoSaver(Database());
        var metadata = new CheckpointMetadata(new JsonObject { ["bad\0"] = 1 });

        Assert.Throws<ArgumentException>(() => saver.Put(new RunConfig("t"), GraphCheckpoint.CreateEmpty(), metadata, new Dictionary<string, string>()));
        await Assert.ThrowsAsync<ArgumentException>(() => saver.PutAsync(new RunConfig("t"), GraphCheckpoint.CreateEmpty(), metadata, new Dictionary<string, string>(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_batch_with_a_document_mongodb_cannot_hold_is_rejected_before_anything_is_sent()
    {
        using var store = new MongoStore(Database());
        var good = new PutOperation(["m"], "ok", new JsonObject { ["a"] = 1 });
        var bad = new PutOperation(["m"], "bad", new JsonObject { ["k\0"] = 1 });

        Assert.Throws<ArgumentException>(() => store.Batch([good, bad]));
        await Assert.ThrowsAsync<ArgumentException>(() => store.BatchAsync([good, bad], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Disposing_a_saver_from_a_connection_string_disposes_its_client_and_a_passed_in_database_is_left_alone()
    {
        var owned = MongoSaver.FromConnectionString(Nowhere);
        owned.Dispose();
        var database = Database();
        new MongoSaver(database).Dispose();

        Assert.Throws<ObjectDisposedException>(() => owned.Database.Client.ListDatabaseNames(TestContext.Current.CancellationToken));
        Assert.NotNull(database.Client.GetDatabase("still-usable"));
    }

    [Fact]
    public void Add_mongo_checkpoint_saver_from_a_connection_string_registers_one_saver_under_both_types()
    {
        var services = new ServiceCollection().AddMongoCheckpointSaver(Nowhere, configure: o => o.CollectionPrefix = "app_");
        using var provider = services.BuildServiceProvider();

        var saver = provider.GetRequiredService<MongoSaver>();

        Assert.Same(saver, provider.GetRequiredService<BaseCheckpointSaver>());
        Assert.Equal("appdb", saver.Database.DatabaseNamespace.DatabaseName);
    }

    [Fact]
    public void Add_mongo_checkpoint_saver_uses_the_registered_database_and_serializer()
    {
        var database = Database();
        var serializer = new JsonCheckpointSerializer();
        using var provider = new ServiceCollection()
            .AddSingleton(database)
            .AddSingleton<ICheckpointSerializer>(serializer)
            .AddMongoCheckpointSaver()
            .BuildServiceProvider();

        var saver = provider.GetRequiredService<BaseCheckpointSaver>();

        Assert.Same(database, ((MongoSaver)saver).Database);
        Assert.Same(serializer, saver.Serializer);
    }

    [Fact]
    public void Add_mongo_store_uses_the_registered_database_and_clock()
    {
        var database = Database();
        var clock = new FakeTimeProvider();
        using var provider = new ServiceCollection()
            .AddSingleton(database)
            .AddSingleton<TimeProvider>(clock)
            .AddMongoStore(o => o.Ttl = new StoreTtlOptions { DefaultTtl = TimeSpan.FromHours(1) })
            .BuildServiceProvider();

        var store = provider.GetRequiredService<MongoStore>();

        Assert.Same(store, provider.GetRequiredService<BaseStore>());
        Assert.Same(database, store.Database);
        Assert.Same(clock, store.Options.TimeProvider);
        Assert.Equal(TimeSpan.FromHours(1), store.Options.Ttl!.DefaultTtl);
    }

    [Fact]
    public void Add_mongo_store_from_a_connection_string_names_the_database()
    {
        using var provider = new ServiceCollection().AddMongoStore(Nowhere, "memories").BuildServiceProvider();

        Assert.Equal("memories", provider.GetRequiredService<MongoStore>().Database.DatabaseNamespace.DatabaseName);
    }

    private static IMongoDatabase Database() => new MongoClient(Nowhere).GetDatabase("appdb");
}
