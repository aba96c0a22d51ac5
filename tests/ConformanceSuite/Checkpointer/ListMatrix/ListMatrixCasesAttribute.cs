using System.Reflection;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Generates the rows of <see cref="ListMatrixTests"/>: every combination of thread, namespace, limit, before and
/// filter (6 x 3 x 3 x 3 x 4 = 648), each in both <see cref="ApiMode"/>s. Rows hold only enums and integers, so
/// runners can enumerate and name each case at discovery.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ListMatrixCasesAttribute : DataAttribute
{
    private static readonly int?[] Limits = [null, 1, 2];

    /// <inheritdoc />
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var rows = new List<ITheoryDataRow>();
        foreach (var mode in Enum.GetValues<ApiMode>())
        {
            foreach (var thread in Enum.GetValues<ListMatrixThread>())
            {
                foreach (var checkpointNs in Enum.GetValues<ListMatrixNamespace>())
                {
                    foreach (var limit in Limits)
                    {
                        foreach (var before in Enum.GetValues<ListMatrixBefore>())
                        {
                            foreach (var filter in Enum.GetValues<ListMatrixFilter>())
                            {
                                rows.Add(new TheoryDataRow<ApiMode, ListMatrixThread, ListMatrixNamespace, int?, ListMatrixBefore, ListMatrixFilter>(
                                    mode, thread, checkpointNs, limit, before, filter));
                            }
                        }
                    }
                }
            }
        }

        return new(rows);
    }

    /// <inheritdoc />
    public override bool SupportsDiscoveryEnumeration() => true;
}
