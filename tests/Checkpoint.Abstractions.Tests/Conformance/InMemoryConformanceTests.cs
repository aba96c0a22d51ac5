using Checkpoint.ConformanceSuite;
using Xunit;

[assembly: AssemblyFixture(typeof(Checkpoint.Abstractions.Tests.Conformance.InMemoryFixture))]

namespace Checkpoint.Abstractions.Tests.Conformance;

// One line per kit test class: the whole kit runs against the in-memory reference, with nothing skipped.
// (Kept in one file on purpose: these classes carry no code of their own.)
#pragma warning disable SA1402, SA1649

public sealed class InMemoryPutTests(InMemoryFixture fixture) : PutTests(fixture);

public sealed class InMemorySuiteCompletenessTests : TestSuiteImplementationTests;
