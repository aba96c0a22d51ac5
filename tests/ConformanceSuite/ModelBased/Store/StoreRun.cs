using Microsoft.Extensions.Time.Testing;

namespace Checkpoint.ConformanceSuite;

/// <summary>The state one store replay shares between the backend and the reference: a root namespace and the clock.</summary>
/// <param name="clock">The fake clock both stores read.</param>
public sealed class StoreRun(FakeTimeProvider clock)
{
    /// <summary>Gets the token that makes this replay's root namespace unique.</summary>
    public string Token { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Gets the clock both stores read.</summary>
    public FakeTimeProvider Clock { get; } = clock;

    /// <summary>Gets the root namespace every item of the replay lives under.</summary>
    public StoreNamespace Root => [$"model-{Token}"];

    /// <summary>Returns a namespace under the root.</summary>
    /// <param name="labels">The labels below the root.</param>
    /// <returns>The namespace.</returns>
    public StoreNamespace Under(IEnumerable<string> labels) => new([.. Root, .. labels]);

    /// <summary>Replaces this replay's token in text, so messages read the same in every replay.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with the token replaced by <c>~</c>.</returns>
    public string Display(string text) => (text ?? string.Empty).Replace(Token, "~", StringComparison.Ordinal);
}
