using System.Reflection;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Checkpoint.ConformanceSuite;

/// <summary>Runs a theory once per <see cref="ApiMode"/>: <c>[Theory, BothModes]</c>, with an <see cref="ApiMode"/> parameter.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BothModesAttribute : DataAttribute
{
    /// <inheritdoc />
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new([new TheoryDataRow<ApiMode>(ApiMode.Sync), new TheoryDataRow<ApiMode>(ApiMode.Async)]);

    /// <inheritdoc />
    public override bool SupportsDiscoveryEnumeration() => true;
}
