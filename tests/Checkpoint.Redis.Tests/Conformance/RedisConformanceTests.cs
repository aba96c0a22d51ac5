using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Tests.Support;
using Xunit;

[assembly: AssemblyFixture(typeof(RedisFixture))]
[assembly: AssemblyFixture(typeof(RedisClusterFixture))]

namespace Checkpoint.Redis.Tests.Conformance;

// One line per kit test class and topology: the whole kit runs against a standalone server and against a cluster.
// (Kept in one file on purpose: these classes carry no code of their own.)
#pragma warning disable SA1402, SA1649

public sealed class RedisPutTests(RedisFixture fixture) : PutTests(fixture);

public sealed class RedisClusterPutTests(RedisClusterFixture fixture) : PutTests(fixture);

public sealed class RedisSuiteCompletenessTests : TestSuiteImplementationTests;
