using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Checkpoint.Mongo.Tests.Api;

/// <summary>
/// Registration from configuration without a server (the kit's <c>MongoConfigurationTests</c> cover the rest against
/// one): the section's database, options and errors, and the container's clock for the saver's own.
/// </summary>
public sealed class ConfigurationRegistrationTests
{
    private const string Nowhere = "mongodb://user:s3cret-pw@127.0.0.1:9/appdb?serverSelectionTimeoutMS=300&connectTimeoutMS=300";

    [Fact]
    public async Task A_section_gives_the_database_and_the_options_after_the_container_clock()
    {
        var clock = new FakeTimeProvider();
        var configuration = Section(new()
        {
            ["ConnectionString"] = Nowhere,
            ["Database"] = "agents",
            ["CollectionPrefix"] = "app_",
            ["OrphanGracePeriod"] = "00:30:00",
            ["Transactions"] = "Never",
        });
        MongoSaverOptions? options = null;
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddMongoCheckpointSaver(configuration, (_, o) => options = o);
        await using var provider = services.BuildServiceProvider();

        var saver = provider.GetRequiredService<MongoSaver>();

        Assert.Equal("agents", saver.Database.DatabaseNamespace.DatabaseName);
        Assert.Equal("app_", options!.CollectionPrefix);
        Assert.Equal(TimeSpan.FromMinutes(30), options.OrphanGracePeriod);
        Assert.Equal(MongoTransactionMode.Never, options.Transactions);
        Assert.Same(clock, options.TimeProvider);
    }

    [Fact]
    public void An_unknown_key_fails_the_registration_naming_it_and_not_the_password()
    {
        var configuration = Section(new() { ["ConnectionString"] = Nowhere, ["CollectionPrefx"] = "app_" });

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddMongoStore(configuration));

        Assert.Contains("CollectionPrefx", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_connection_string_names_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddKeyedMongoCheckpointSaver("k", Section(new() { ["Database"] = "agents" })));

        Assert.Contains("Checkpoint:Mongo:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create("Checkpoint:Mongo:" + v.Key, v.Value))).Build().GetSection("Checkpoint:Mongo");
}
