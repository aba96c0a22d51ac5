namespace Checkpoint.ConformanceSuite;

/// <summary>
/// An application type for <see cref="ValueRoundTripTests"/>: stored only when registered on a custom
/// <see cref="JsonCheckpointSerializer"/>, refused by the default one.
/// </summary>
public sealed class ConformanceOrder
{
    /// <summary>The name the type is registered under.</summary>
    public const string TypeName = "conformance.order";

    /// <summary>Gets or sets the order id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the total.</summary>
    public decimal Total { get; set; }

    /// <summary>Gets or sets the items.</summary>
    public List<string> Items { get; set; } = [];

    /// <summary>Gets or sets when the order was placed.</summary>
    public DateTimeOffset PlacedAt { get; set; }
}
