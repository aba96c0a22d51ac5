using System.Reflection;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The completeness guard: fails when the backend's test assembly has no concrete subclass of some kit test class, so
/// a backend cannot silently skip an area, and a new kit release fails loudly until its new classes are wired up.
/// </summary>
public abstract class TestSuiteImplementationTests
{
    /// <summary>Gets kit test classes this backend deliberately does not run; say why beside each entry.</summary>
    protected virtual IReadOnlyCollection<Type> IgnoredTestBases => [];

    /// <summary>Checks that every kit test class is subclassed in the calling test assembly.</summary>
    [Fact]
    public virtual void Every_conformance_test_class_is_implemented()
    {
        var kitClasses = typeof(ConformanceTest).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && t.IsClass && t.IsSubclassOf(typeof(ConformanceTest)) && t.Name.EndsWith("Tests", StringComparison.Ordinal))
            .ToList();
        var implemented = GetType().Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract)
            .SelectMany(BaseTypes)
            .ToHashSet();
        var missing = kitClasses
            .Where(t => !implemented.Contains(t) && !IgnoredTestBases.Contains(t))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, $"Kit test classes with no implementation in {GetType().Assembly.GetName().Name}: {string.Join(", ", missing)}.");
    }

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            yield return current.IsGenericType ? current.GetGenericTypeDefinition() : current;
        }
    }
}
