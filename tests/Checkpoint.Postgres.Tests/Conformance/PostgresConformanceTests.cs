using Checkpoint.ConformanceSuite;
using Xunit;

[assembly: AssemblyFixture(typeof(Checkpoint.Postgres.Tests.Conformance.PostgresFixture))]

namespace Checkpoint.Postgres.Tests.Conformance;

// One line per kit test class: the whole kit runs against PostgreSQL. (Kept in one file on purpose: these classes
// carry no code of their own.)
#pragma warning disable SA1402, SA1649

public sealed class PostgresPutTests(PostgresFixture fixture) : PutTests(fixture);

public sealed class PostgresSuiteCompletenessTests : TestSuiteImplementationTests;
