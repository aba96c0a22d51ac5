using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Checkpoint.Postgres.Tests.Conformance;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>
/// Hostile and awkward input: SQL metacharacters, NUL characters and very long strings in identifiers, namespaces,
/// metadata keys and filter keys are either stored verbatim or rejected with an <see cref="ArgumentException"/>, and
/// never executed or half-written.
/// </summary>
public sealed class BadInputTests : PostgresTest
{
    private const string Injection = "x'); DROP TABLE checkpoints; DROP TABLE store; -- \" $1 \\ % _ ;";

    [Fact]
    public async Task Sql_metacharacters_in_thread_namespace_and_metadata_keys_are_stored_verbatim()
    {
        var database = CreateDatabase();
        await using var saver = database.CreateSaver();
        await saver.SetupAsync(CancellationToken);
        var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, 1);
        metadata[Injection] = Injection;

        var stored = await saver.PutAsync(new RunConfig(Injection, Injection), NewCheckpoint(), metadata, new Dictionary<string, string>(), CancellationToken);
        var tuple = await saver.GetTupleAsync(stored, CancellationToken);
        var filtered = await saver.ListAsync(null, new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { [Injection] = Injection } }, CancellationToken).ToListAsync(CancellationToken);

        Assert.NotNull(tuple);
        Assert.Equal(new RunConfig(Injection, Injection, stored.CheckpointId), tuple.Config);
        Assert.Equal(metadata, tuple.Metadata);
        Assert.Equal(stored, Assert.Single(filtered).Config);
        Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM \"{database.Schema}\".checkpoints"));
    }

    [Fact]
    public async Task Sql_metacharacters_in_store_namespaces_keys_and_filter_keys_are_never_executed()
    {
        var database = CreateDatabase();
        await using var store = database.CreateStore(new StoreOptions());
        await store.SetupAsync(CancellationToken);
        StoreNamespace ns = ["root", Injection.Replace(".", string.Empty, StringComparison.Ordinal)];
        var document = new JsonObject { [Injection] = Injection, ["n"] = 1 };

        await store.PutAsync(ns, Injection, document, null, null, CancellationToken);
        var item = await store.GetAsync(ns, Injection, cancellationToken: CancellationToken);
        var byHostileKey = await store.SearchAsync(["root"], filter: new Dictionary<string, JsonNode?> { ["n; DELETE FROM store; --"] = 1 }, cancellationToken: CancellationToken).ToListAsync(CancellationToken);
        var namespaces = await store.ListNamespacesAsync(prefix: ns, cancellationToken: CancellationToken).ToListAsync(CancellationToken);

        Assert.NotNull(item);
        Assert.True(JsonNode.DeepEquals(document, item.Value));
        Assert.Empty(byHostileKey);
        Assert.Equal([ns], namespaces);
        Assert.Throws<ArgumentException>(() => store.Search(["root"], filter: new Dictionary<string, JsonNode?> { ["n'; DROP TABLE store; --"] = 1 }));
        Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM \"{database.Schema}\".store"));
    }

    [Theory, BothModes]
    public async Task Nul_in_metadata_is_rejected_naming_its_path_and_nothing_is_written(ApiMode mode)
    {
        await using var saver = Server.CreateSaver();
        var api = new SaverApi(saver, mode);
        var threadId = NewThreadId();
        var inValue = CheckpointMetadata.Create(CheckpointSource.Loop, 1);
        inValue["nested"] = new JsonObject { ["note"] = "a\0b" };
        var inKey = CheckpointMetadata.Create(CheckpointSource.Loop, 1);
        inKey["bad\0key"] = 1;
        var checkpoint = NewCheckpoint(("messages", "hello"));

        var valueError = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.PutAsync(new RunConfig(threadId), checkpoint, inValue, new Dictionary<string, string>(checkpoint.ChannelVersions)));
        var keyError = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.PutAsync(new RunConfig(threadId), checkpoint, inKey, new Dictionary<string, string>(checkpoint.ChannelVersions)));

        Assert.Contains("$.nested.note", valueError.Message, StringComparison.Ordinal);
        Assert.Contains("property name", keyError.Message, StringComparison.Ordinal);
        Assert.Null(await api.GetTupleAsync(new RunConfig(threadId)));
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM \"{PostgresTestStore.KitSchema}\".checkpoint_blobs WHERE thread_id = $1", threadId));
    }

    [Theory, BothModes]
    public async Task Nul_in_store_documents_is_rejected_and_nul_in_filters_matches_nothing(ApiMode mode)
    {
        var api = new StoreApi(Own(Server.CreateStore(new StoreOptions())), mode);
        StoreNamespace ns = ["nul-" + Guid.NewGuid().ToString("N")];
        await api.PutAsync(ns, "clean", new JsonObject { ["text"] = "plain" });

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => api.BatchAsync(
        [
            new PutOperation(ns, "first", new JsonObject { ["ok"] = true }),
            new PutOperation(ns, "second", new JsonObject { ["list"] = new JsonArray("fine", "bad\0") }),
        ]));

        Assert.Contains("$.list[1]", error.Message, StringComparison.Ordinal);
        Assert.Null(await api.GetAsync(ns, "first"));
        Assert.Null(await api.GetAsync(ns, "clean\0"));
        Assert.Empty(await api.SearchAsync(ns, filter: new Dictionary<string, JsonNode?> { ["text"] = "plain\0" }));
        Assert.Single(await api.SearchAsync(ns, filter: new Dictionary<string, JsonNode?> { ["text"] = new JsonObject { ["$ne"] = "plain\0" } }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => api.SearchAsync(ns, filter: new Dictionary<string, JsonNode?> { ["text"] = new JsonObject { ["$gt"] = "a\0" } }));
    }

    [Fact]
    public async Task Nul_in_a_metadata_filter_value_matches_nothing()
    {
        await using var saver = Server.CreateSaver();
        var threadId = NewThreadId();
        await PutStepAsync(saver, threadId, null, 0);

        var found = await saver.ListAsync(new RunConfig(threadId), new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { ["source"] = "loop\0" } }, CancellationToken).ToListAsync(CancellationToken);

        Assert.Empty(found);
    }

    [Fact]
    public async Task Long_identifiers_are_stored_verbatim_when_they_fit_an_index_entry_and_rejected_cleanly_when_not()
    {
        await using var saver = Server.CreateSaver();
        var longThread = NewThreadId() + new string('t', 10_000);
        var hugeKey = new string('k', 100_000);
        var metadata = CheckpointMetadata.Create(CheckpointSource.Loop, 1);
        metadata[hugeKey] = hugeKey;
        var incompressible = Incompressible(10_000);

        var stored = await saver.PutAsync(new RunConfig(longThread), NewCheckpoint(("messages", "hi")), metadata, new Dictionary<string, string> { ["messages"] = "1" }, CancellationToken);
        var tuple = await saver.GetTupleAsync(new RunConfig(longThread), CancellationToken);
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(new RunConfig(incompressible), NewCheckpoint(("messages", "hi")), metadata, new Dictionary<string, string> { ["messages"] = "1" }, CancellationToken));

        Assert.NotNull(tuple);
        Assert.Equal(stored, tuple.Config);
        Assert.Equal(metadata, tuple.Metadata);
        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM \"{PostgresTestStore.KitSchema}\".checkpoint_blobs WHERE thread_id = $1", incompressible));
        Assert.Null(await saver.GetTupleAsync(new RunConfig(incompressible), CancellationToken));
    }

    [Fact]
    public async Task Long_store_keys_and_filter_keys_are_stored_or_rejected_cleanly()
    {
        await using var store = Server.CreateStore(new StoreOptions());
        StoreNamespace ns = ["long-" + Guid.NewGuid().ToString("N")];
        var longKey = new string('k', 10_000);
        var incompressible = Incompressible(10_000);

        await store.PutAsync(ns, longKey, new JsonObject { ["v"] = 1 }, null, null, CancellationToken);
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(ns, incompressible, new JsonObject { ["v"] = 2 }, null, null, CancellationToken));
        var byLongFilterKey = await store.SearchAsync(ns, filter: new Dictionary<string, JsonNode?> { [new string('f', 10_000)] = 1 }, cancellationToken: CancellationToken).ToListAsync(CancellationToken);

        Assert.NotNull(await store.GetAsync(ns, longKey, cancellationToken: CancellationToken));
        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync(ns, incompressible, cancellationToken: CancellationToken));
        Assert.Empty(byLongFilterKey);
    }

    private static GraphCheckpoint NewCheckpoint(params (string Channel, object? Value)[] values)
    {
        var checkpoint = new GraphCheckpoint { Id = CheckpointId.Create(), Ts = DateTimeOffset.UtcNow.ToString("O") };
        foreach (var (channel, value) in values)
        {
            checkpoint.ChannelValues[channel] = value;
            checkpoint.ChannelVersions[channel] = "1";
        }

        return checkpoint;
    }

    /// <summary>Characters that compress badly, so the string cannot fit a B-tree entry even compressed.</summary>
    private static string Incompressible(int length)
    {
        var random = new Random(42);
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)r.Next(0x4E00, 0x9FFF);
            }
        });
    }
}
