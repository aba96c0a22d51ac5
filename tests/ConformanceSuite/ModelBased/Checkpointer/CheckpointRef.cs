namespace Checkpoint.ConformanceSuite;

/// <summary>A checkpoint of a model sequence: the label of the put that creates it and its literal id.</summary>
/// <param name="Label">The label, printed as <c>#n</c>.</param>
/// <param name="Id">The checkpoint id.</param>
public sealed record CheckpointRef(int Label, string Id)
{
    /// <inheritdoc />
    public override string ToString() => $"#{Label}";
}
