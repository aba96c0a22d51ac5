namespace Checkpoint.Tests.Support;

/// <summary>
/// A database server named by a <c>CHECKPOINT_TEST_*</c> variable. Without it the test is skipped, unless
/// <c>CHECKPOINT_TESTS_REQUIRE</c> lists the backend, which turns the skip into a failure (as CI does).
/// </summary>
public static class ExternalDatabase
{
    public static string Require(string backend, string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        var required = (Environment.GetEnvironmentVariable("CHECKPOINT_TESTS_REQUIRE") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reason = $"{variable} is not set, so there is no {backend} server to run against.";
        if (required.Contains(backend, StringComparer.OrdinalIgnoreCase) || required.Contains("all"))
        {
            Assert.Fail(reason + " CHECKPOINT_TESTS_REQUIRE lists it, so this is a failure.");
        }

        Assert.Skip(reason);
        return null!;
    }
}
