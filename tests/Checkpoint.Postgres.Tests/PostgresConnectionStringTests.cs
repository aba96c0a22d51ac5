using Npgsql;
using Xunit;

namespace Checkpoint.Postgres.Tests;

/// <summary>The connection strings PostgreSQL users paste: libpq URIs next to Npgsql's native form.</summary>
public sealed class PostgresConnectionStringTests : PostgresTest
{
    [Theory]
    [InlineData("postgresql://user:pw@db.example.com:5433/app")]
    [InlineData("postgres://user:pw@db.example.com:5433/app")]
    [InlineData("  POSTGRESQL://user:pw@db.example.com:5433/app  ")]
    public void A_uri_becomes_the_equivalent_npgsql_connection_string(string uri)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.ToNpgsql(uri));

        Assert.Equal("db.example.com:5433", builder.Host);
        Assert.Equal("user", builder.Username);
        Assert.Equal("pw", builder.Password);
        Assert.Equal("app", builder.Database);
    }

    [Fact]
    public void Query_parameters_map_to_npgsql_keywords()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.ToNpgsql(
            "postgresql://u@h/db?sslmode=verify-full&connect_timeout=7&application_name=agent%20service&target_session_attrs=read-write&Maximum%20Pool%20Size=12"));

        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal("agent service", builder.ApplicationName);
        Assert.Equal("read-write", builder.TargetSessionAttributes);
        Assert.Equal(12, builder.MaxPoolSize);
    }

    [Fact]
    public void Percent_encoded_credentials_and_several_hosts_are_decoded()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.ToNpgsql("postgresql://me%40corp:p%40ss%3Aw0rd@h1:5432,h2:5433,[::1]:5434/my%20db"));

        Assert.Equal("me@corp", builder.Username);
        Assert.Equal("p@ss:w0rd", builder.Password);
        Assert.Equal("my db", builder.Database);
        Assert.Equal("h1:5432,h2:5433,[::1]:5434", builder.Host);
    }

    [Fact]
    public void A_native_connection_string_is_returned_unchanged()
    {
        const string native = "Host=localhost;Username=postgres;Password=secret;Database=app";

        Assert.Equal(native, PostgresConnectionString.ToNpgsql(native));
    }

    [Theory]
    [InlineData("postgresql://user:hunter2@host:54x32/db", "port '54x32'")]
    [InlineData("postgresql://user:hunter2@host/db?sslmode=sometimes", "'sslmode'")]
    [InlineData("postgresql://user:hunter2@host/db?no_such_thing=1", "'no_such_thing'")]
    [InlineData("postgresql://user:hunter2@host:70000/db", "port '70000'")]
    public void A_bad_part_is_named_and_the_password_is_never_echoed(string uri, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresConnectionString.ToNpgsql(uri));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saver_built_from_a_uri_works_against_the_server()
    {
        var native = new NpgsqlConnectionStringBuilder(Server.ConnectionString);
        var uri = $"postgresql://{Uri.EscapeDataString(native.Username!)}:{Uri.EscapeDataString(native.Password ?? string.Empty)}@{native.Host}:{native.Port}/{Uri.EscapeDataString(native.Database!)}?sslmode=disable&application_name=uri-test";
        var database = CreateDatabase();
        await using var saver = PostgresSaver.FromConnectionString(uri, new PostgresSaverOptions { SchemaName = database.Schema });
        await saver.SetupAsync(CancellationToken);

        var checkpoint = new GraphCheckpoint { Id = CheckpointId.Create() };
        var config = await saver.PutAsync(new RunConfig(NewThreadId()), checkpoint, new CheckpointMetadata(), new Dictionary<string, string>(), CancellationToken);

        Assert.Equal(checkpoint.Id, (await saver.GetTupleAsync(config, CancellationToken))?.Checkpoint.Id);
        Assert.Equal("uri-test", new NpgsqlConnectionStringBuilder(saver.DataSource.ConnectionString).ApplicationName);
    }
}
