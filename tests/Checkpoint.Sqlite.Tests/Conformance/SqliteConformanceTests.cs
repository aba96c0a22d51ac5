using Checkpoint.ConformanceSuite;
using Xunit;

[assembly: AssemblyFixture(typeof(Checkpoint.Sqlite.Tests.Conformance.SqliteFixture))]

namespace Checkpoint.Sqlite.Tests.Conformance;

// One line per kit test class: the whole kit runs against SQLite, with nothing skipped.
// (Kept in one file on purpose: these classes carry no code of their own.)
#pragma warning disable SA1402, SA1649

public sealed class SqlitePutTests(SqliteFixture fixture) : PutTests(fixture);

public sealed class SqliteSuiteCompletenessTests : TestSuiteImplementationTests;
