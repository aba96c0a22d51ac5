using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Registration from configuration (contract "Configuration"): a section binds the options after the container's
/// defaults and before the caller's callback, keyed registrations give distinct working instances, stores take the
/// container's embedding generator, bad sections fail the registration with an error naming the key (never the
/// connection string), and the container disposes what it created and nothing it was given.
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ConfigurationTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private const string SaverSection = "Checkpoint:Saver";
    private const string StoreSection = "Checkpoint:Store";

    [Fact]
    public virtual async Task A_saver_and_store_registered_from_configuration_bind_the_section_and_work()
    {
        var registration = RequireRegistration();
        CheckpointSaverOptions? saverOptions = null;
        var configuration = Configuration(registration, new()
        {
            [$"{SaverSection}:ChunkCache:MaxBytes"] = "1048576",
            [$"{SaverSection}:Diagnostics:SlowOperationThreshold"] = "00:00:05",
            [$"{StoreSection}:Ttl:DefaultTtl"] = "01:00:00",
            [$"{StoreSection}:Ttl:RefreshOnRead"] = "false",
        });
        var services = new ServiceCollection();
        registration.AddSaver(services, null, configuration.GetSection(SaverSection), (_, o) => saverOptions = o);
        registration.AddStore(services, null, configuration.GetSection(StoreSection), null);
        await using var provider = services.BuildServiceProvider();

        var saver = provider.GetRequiredService<BaseCheckpointSaver>();
        var store = provider.GetRequiredService<BaseStore>();

        Assert.Same(saver, provider.GetRequiredService(saver.GetType()));
        Assert.Same(store, provider.GetRequiredService(store.GetType()));
        Assert.Equal(1048576, saverOptions!.ChunkCache.MaxBytes);
        Assert.Equal(TimeSpan.FromSeconds(5), saverOptions.Diagnostics!.SlowOperationThreshold);
        Assert.Equal(TimeSpan.FromHours(1), store.Options.Ttl!.DefaultTtl);
        Assert.False(store.Options.Ttl.RefreshOnRead);
        await AssertWorksAsync(saver, store);
    }

    [Fact]
    public virtual async Task Keyed_registrations_give_distinct_savers_and_stores_that_both_work()
    {
        var registration = RequireRegistration();
        var configuration = Configuration(registration, []);
        var services = new ServiceCollection();
        foreach (var key in new[] { "first", "second" })
        {
            registration.AddSaver(services, key, configuration.GetSection(SaverSection), null);
            registration.AddStore(services, key, configuration.GetSection(StoreSection), null);
        }

        await using var provider = services.BuildServiceProvider();
        var first = provider.GetRequiredKeyedService<BaseCheckpointSaver>("first");
        var second = provider.GetRequiredKeyedService<BaseCheckpointSaver>("second");
        var firstStore = provider.GetRequiredKeyedService<BaseStore>("first");
        var secondStore = provider.GetRequiredKeyedService<BaseStore>("second");

        Assert.NotSame(first, second);
        Assert.NotSame(firstStore, secondStore);
        Assert.Same(first, provider.GetRequiredKeyedService(first.GetType(), "first"));
        Assert.Same(secondStore, provider.GetRequiredKeyedService(secondStore.GetType(), "second"));
        Assert.Null(provider.GetService<BaseCheckpointSaver>());
        Assert.Null(provider.GetService<BaseStore>());
        await AssertWorksAsync(first, firstStore);
        await AssertWorksAsync(second, secondStore);
    }

    [Fact]
    public virtual async Task Defaults_come_first_then_the_section_then_the_callback_which_wins()
    {
        var registration = RequireRegistration();
        var registeredSerializer = new JsonCheckpointSerializer();
        var callbackSerializer = new JsonCheckpointSerializer();
        var loggerFactory = new RecordingLoggerFactory();
        var registeredClock = new FakeTimeProvider();
        var callbackClock = new FakeTimeProvider();
        var configuration = Configuration(registration, new()
        {
            [$"{SaverSection}:ChunkCache:MaxBytes"] = "1000",
            [$"{StoreSection}:Ttl:DefaultTtl"] = "00:10:00",
        });
        CheckpointSaverOptions? seenBySaverCallback = null;
        StoreOptions? seenByStoreCallback = null;
        var services = new ServiceCollection()
            .AddSingleton<ICheckpointSerializer>(registeredSerializer)
            .AddSingleton<ILoggerFactory>(loggerFactory)
            .AddSingleton<TimeProvider>(registeredClock);
        registration.AddSaver(services, null, configuration.GetSection(SaverSection), (_, o) =>
        {
            Assert.Same(registeredSerializer, o.Serializer);
            Assert.Same(loggerFactory, o.Diagnostics?.LoggerFactory);
            Assert.Equal(1000, o.ChunkCache.MaxBytes);
            o.Serializer = callbackSerializer;
            seenBySaverCallback = o;
        });
        registration.AddStore(services, null, configuration.GetSection(StoreSection), (_, o) =>
        {
            Assert.Same(registeredClock, o.TimeProvider);
            Assert.Equal(TimeSpan.FromMinutes(10), o.Ttl?.DefaultTtl);
            o.TimeProvider = callbackClock;
            seenByStoreCallback = o;
        });
        await using var provider = services.BuildServiceProvider();

        var saver = provider.GetRequiredService<BaseCheckpointSaver>();
        var store = provider.GetRequiredService<BaseStore>();

        // The callbacks asserted what they were handed (defaults, then the section); what they set is what is used.
        Assert.NotNull(seenBySaverCallback);
        Assert.NotNull(seenByStoreCallback);
        Assert.Same(callbackSerializer, saver.Serializer);
        Assert.Same(callbackClock, store.Options.TimeProvider);
    }

    [Fact]
    public virtual async Task A_store_indexed_in_configuration_embeds_with_the_container_generator()
    {
        var registration = RequireRegistration();
        var generator = new FakeEmbeddingGenerator();
        var configuration = Configuration(registration, new()
        {
            [$"{StoreSection}:Index:Dimensions"] = generator.Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{StoreSection}:Index:Fields:0"] = "text",
        });
        var services = new ServiceCollection().AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generator);
        registration.AddStore(services, null, configuration.GetSection(StoreSection), null);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<BaseStore>();
        StoreNamespace ns = [.. NewNamespace(), "docs"];

        await store.PutAsync(ns, "pie", new JsonObject { ["text"] = "red apple pie", ["other"] = "sky" }, null, null, CancellationToken);
        await store.PutAsync(ns, "sky", new JsonObject { ["text"] = "blue sky over the sea", ["other"] = "red apple pie" }, null, null, CancellationToken);
        var results = await store.SearchAsync(ns, query: "red apple pie", cancellationToken: CancellationToken).ToListAsync(CancellationToken);

        Assert.Same(generator, store.Options.Index!.EmbeddingGenerator);
        Assert.Equal(["text"], store.Options.Index.Fields);
        Assert.Equal(["pie", "sky"], results.Select(r => r.Key));
        Assert.Equal(1.0, results[0].Score!.Value, 1e-6);
        Assert.True(generator.Calls >= 3, "The container's generator embeds puts and the query.");
    }

    [Fact]
    public virtual async Task An_index_without_a_generator_anywhere_fails_when_the_store_is_resolved()
    {
        var registration = RequireRegistration();
        var configuration = Configuration(registration, new() { [$"{StoreSection}:Index:Dimensions"] = "8" });
        var services = new ServiceCollection();
        registration.AddStore(services, null, configuration.GetSection(StoreSection), null);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<ArgumentException>(() => provider.GetRequiredService<BaseStore>());

        Assert.Contains("EmbeddingGenerator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public virtual void A_missing_connection_string_fails_the_registration_naming_the_key()
    {
        var registration = RequireRegistration();
        SkipUnless(registration.RequiresConnectionString, "This backend needs no connection string.");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{SaverSection}:ChunkCache:MaxBytes"] = "10" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => registration.AddSaver(new ServiceCollection(), null, configuration.GetSection(SaverSection), null));

        Assert.Contains($"{SaverSection}:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SaverSection, "ChunkCahce:MaxBytes", "10", "ChunkCahce")]
    [InlineData(SaverSection, "ChunkCache:MaxBytes", "plenty", "Checkpoint:Saver:ChunkCache:MaxBytes")]
    [InlineData(SaverSection, "Diagnostics:SlowOperationThreshold", "slow", "Checkpoint:Saver:Diagnostics:SlowOperationThreshold")]
    [InlineData(StoreSection, "Ttl:DefaultTtl", "soon", "Checkpoint:Store:Ttl:DefaultTtl")]
    [InlineData(StoreSection, "Index:Dimension", "8", "Dimension")]
    public virtual void An_unknown_key_or_a_bad_value_fails_the_registration_naming_the_section_and_key_and_not_the_connection_string(string section, string key, string value, string named)
    {
        var registration = RequireRegistration();
        var configuration = Configuration(registration, new() { [$"{section}:{key}"] = value });
        var services = new ServiceCollection();
        Action register = section == SaverSection
            ? () => registration.AddSaver(services, null, configuration.GetSection(section), null)
            : () => registration.AddStore(services, null, configuration.GetSection(section), null);

        var error = Assert.Throws<InvalidOperationException>(register);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains(section, error.Message, StringComparison.Ordinal);
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            // Connection strings may hold passwords: no setting's value may appear in a message.
            foreach (var setting in registration.SaverSettings.Values.Concat(registration.StoreSettings.Values).Where(v => v is { Length: > 5 }))
            {
                Assert.DoesNotContain(setting!, e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public virtual async Task The_container_disposes_the_savers_and_stores_it_created_but_not_what_it_was_given()
    {
        var registration = RequireRegistration();
        var generator = new FakeEmbeddingGenerator();
        var configuration = Configuration(registration, new() { [$"{StoreSection}:Index:Dimensions"] = generator.Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var services = new ServiceCollection().AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generator);
        registration.AddSaver(services, "keyed", configuration.GetSection(SaverSection), null);
        registration.AddStore(services, null, configuration.GetSection(StoreSection), null);
        BaseCheckpointSaver saver;
        BaseStore store;
        await using (var provider = services.BuildServiceProvider())
        {
            saver = provider.GetRequiredKeyedService<BaseCheckpointSaver>("keyed");
            store = provider.GetRequiredService<BaseStore>();
            await AssertWorksAsync(saver, store);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => saver.GetTupleAsync(TestData.Config(NewThreadId()), CancellationToken));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAsync(NewNamespace(), "key", cancellationToken: CancellationToken));
        Assert.False(generator.IsDisposed);
    }

    private static IConfiguration Configuration(ConfigurationRegistration registration, Dictionary<string, string?> extra)
    {
        var values = registration.SaverSettings.Select(s => KeyValuePair.Create($"{SaverSection}:{s.Key}", s.Value))
            .Concat(registration.StoreSettings.Select(s => KeyValuePair.Create($"{StoreSection}:{s.Key}", s.Value)))
            .Concat(extra);
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private async Task AssertWorksAsync(BaseCheckpointSaver saver, BaseStore store)
    {
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["answer"] = "configured" });
        var config = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint), CancellationToken);
        Assert.Equal("configured", (await saver.GetTupleAsync(config, CancellationToken))!.Checkpoint.ChannelValues["answer"]);

        var ns = NewNamespace();
        await store.PutAsync(ns, "key", new JsonObject { ["value"] = threadId }, null, null, CancellationToken);
        Assert.Equal(threadId, (string?)(await store.GetAsync(ns, "key", cancellationToken: CancellationToken))!.Value["value"]);
    }

    private ConfigurationRegistration RequireRegistration()
    {
        TestStore.EnsureAvailable();
        var registration = TestStore.Registration;
        SkipUnless(registration is not null, $"{TestStore.GetType().Name} supplies no {nameof(CheckpointTestStore.Registration)}.");
        return registration!;
    }
}
