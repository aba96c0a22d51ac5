using Checkpoint.Postgres.Tests.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests.PgBouncer;

/// <summary>
/// <see cref="PostgresSaverOptions.TransactionPooling"/> and <see cref="PostgresStoreOptions.TransactionPooling"/>: the
/// settings a transaction-mode pooler needs are added to data sources the library builds and required of data sources
/// passed in. Nothing here connects.
/// </summary>
public sealed class TransactionPoolingOptionTests
{
    private const string Server = "Host=127.0.0.1;Port=1;Username=nobody";

    [Theory]
    [InlineData("saver")]
    [InlineData("store")]
    public void A_data_source_without_the_pooler_settings_is_refused_naming_each_missing_setting(string component)
    {
        using var dataSource = NpgsqlDataSource.Create(Server + ";Max Auto Prepare=20");

        var error = Assert.Throws<ArgumentException>(() => Create(component, dataSource));

        Assert.Equal("dataSource", error.ParamName);
        Assert.Contains("TransactionPooling is set", error.Message, StringComparison.Ordinal);
        Assert.Contains("No Reset On Close=true (", error.Message, StringComparison.Ordinal);
        Assert.Contains("Max Auto Prepare=0 (it is 20", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("saver")]
    [InlineData("store")]
    public void A_data_source_with_only_max_auto_prepare_wrong_is_refused_naming_only_that(string component)
    {
        using var dataSource = NpgsqlDataSource.Create(Server + ";No Reset On Close=true;Max Auto Prepare=5");

        var error = Assert.Throws<ArgumentException>(() => Create(component, dataSource));

        Assert.DoesNotContain("No Reset On Close=true (", error.Message, StringComparison.Ordinal);
        Assert.Contains("Max Auto Prepare=0 (it is 5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("saver")]
    [InlineData("store")]
    public void A_data_source_with_the_documented_settings_is_accepted(string component)
    {
        using var dataSource = NpgsqlDataSource.Create($"{Server};{PostgresTestStore.PgBouncerSettings}");

        using var created = Create(component, dataSource);

        Assert.NotNull(created);
    }

    [Fact]
    public void A_data_source_without_the_settings_is_accepted_when_the_option_is_off()
    {
        using var dataSource = NpgsqlDataSource.Create(Server);

        using var saver = new PostgresSaver(dataSource);
        using var store = new PostgresStore(dataSource);

        Assert.Same(dataSource, saver.DataSource);
        Assert.Same(dataSource, store.DataSource);
    }

    [Fact]
    public void FromConnectionString_adds_the_pooler_settings_to_the_data_source_it_builds_and_leaves_them_alone_otherwise()
    {
        const string ConnectionString = Server + ";Max Auto Prepare=20";

        using var pooledSaver = PostgresSaver.FromConnectionString(ConnectionString, new PostgresSaverOptions { TransactionPooling = true });
        using var pooledStore = PostgresStore.FromConnectionString(ConnectionString, new PostgresStoreOptions { TransactionPooling = true });
        using var directSaver = PostgresSaver.FromConnectionString(ConnectionString);

        Assert.Equal((true, 0), Settings(pooledSaver.DataSource));
        Assert.Equal((true, 0), Settings(pooledStore.DataSource));
        Assert.Equal((false, 20), Settings(directSaver.DataSource));
    }

    [Fact]
    public void Dependency_injection_applies_the_settings_to_its_own_data_source_and_checks_a_registered_one()
    {
        using var owned = new ServiceCollection()
            .AddPostgresCheckpointSaver(Server, o => o.TransactionPooling = true)
            .BuildServiceProvider();
        using var registered = new ServiceCollection()
            .AddSingleton(NpgsqlDataSource.Create(Server))
            .AddPostgresStore(o => o.TransactionPooling = true)
            .BuildServiceProvider();

        Assert.Equal((true, 0), Settings(owned.GetRequiredService<PostgresSaver>().DataSource));
        var error = Assert.Throws<ArgumentException>(() => registered.GetRequiredService<BaseStore>());
        Assert.Contains("No Reset On Close=true", error.Message, StringComparison.Ordinal);
    }

    private static IDisposable Create(string component, NpgsqlDataSource dataSource) => component == "saver"
        ? new PostgresSaver(dataSource, new PostgresSaverOptions { TransactionPooling = true })
        : new PostgresStore(dataSource, new PostgresStoreOptions { TransactionPooling = true });

    private static (bool NoResetOnClose, int MaxAutoPrepare) Settings(NpgsqlDataSource dataSource)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return (settings.NoResetOnClose, settings.MaxAutoPrepare);
    }
}
