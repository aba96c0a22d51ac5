using System.Net;
using Checkpoint.Redis.Tests.Support;
using StackExchange.Redis;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>The connection strings Redis users paste: <c>redis://</c> and <c>rediss://</c> URIs next to StackExchange.Redis's native form.</summary>
/// <param name="fixture">The standalone server.</param>
public sealed class RedisConnectionStringTests(RedisFixture fixture)
{
    [Fact]
    public void A_uri_gives_endpoint_credentials_and_database()
    {
        var options = RedisConnectionString.Parse("redis://agent:s%40cret@cache.example.com:6380/3");

        var endpoint = Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(("cache.example.com", 6380), (endpoint.Host, endpoint.Port));
        Assert.Equal("agent", options.User);
        Assert.Equal("s@cret", options.Password);
        Assert.Equal(3, options.DefaultDatabase);
        Assert.False(options.Ssl);
    }

    [Fact]
    public void Rediss_turns_on_tls_and_the_default_port_is_6379()
    {
        var options = RedisConnectionString.Parse("rediss://:only-password@cache.example.com?connectTimeout=2500&abortConnect=false");

        var endpoint = Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(6379, endpoint.Port);
        Assert.True(options.Ssl);
        Assert.Null(options.User);
        Assert.Equal("only-password", options.Password);
        Assert.Equal(2500, options.ConnectTimeout);
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public void A_native_configuration_string_is_read_as_before()
    {
        var options = RedisConnectionString.Parse("h1:7000,h2:7001,password=secret,defaultDatabase=2");

        Assert.Equal(2, options.EndPoints.Count);
        Assert.Equal("secret", options.Password);
        Assert.Equal(2, options.DefaultDatabase);
    }

    [Theory]
    [InlineData("redis://user:hunter2@host:63a79", "port '63a79'")]
    [InlineData("redis://user:hunter2@host/two", "database number 'two'")]
    [InlineData("redis://user:hunter2@host?fancy=1", "'fancy'")]
    [InlineData("redis://user:hunter2@", "no host")]
    [InlineData("redis://user:hunter2@host?ssl=maybe", "'ssl'")]
    public void A_bad_part_is_named_and_the_password_is_never_echoed(string uri, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => RedisConnectionString.Parse(uri));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saver_built_from_a_uri_works_against_the_server()
    {
        fixture.Redis.EnsureAvailable();
        var native = ConfigurationOptions.Parse(fixture.Redis.Configuration);
        var endpoint = native.EndPoints[0];
        var (host, port) = endpoint switch
        {
            DnsEndPoint dns => (dns.Host, dns.Port),
            IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            _ => throw new InvalidOperationException($"Unexpected endpoint {endpoint}."),
        };
        await using var saver = await RedisSaver.FromConnectionStringAsync($"redis://{host}:{port}/0?clientName=uri-test", new RedisSaverOptions { KeyPrefix = "uri-" + Guid.NewGuid().ToString("N") + ":" });
        await saver.SetupAsync(TestContext.Current.CancellationToken);

        var checkpoint = new GraphCheckpoint { Id = CheckpointId.Create() };
        var config = await saver.PutAsync(new RunConfig("thread-" + Guid.NewGuid().ToString("N")), checkpoint, new CheckpointMetadata(), new Dictionary<string, string>(), TestContext.Current.CancellationToken);

        Assert.Equal(checkpoint.Id, (await saver.GetTupleAsync(config, TestContext.Current.CancellationToken))?.Checkpoint.Id);
    }
}
