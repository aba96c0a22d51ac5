namespace Checkpoint;

/// <summary>The values of <see cref="CheckpointMetadata.Source"/> that LangGraph writes.</summary>
public static class CheckpointSource
{
    /// <summary>The checkpoint was created from the input of an invoke or stream call.</summary>
    public const string Input = "input";

    /// <summary>The checkpoint was created from inside the run loop, after a step.</summary>
    public const string Loop = "loop";

    /// <summary>The checkpoint was created by a manual state update.</summary>
    public const string Update = "update";

    /// <summary>The checkpoint was created as a copy of another checkpoint.</summary>
    public const string Fork = "fork";
}
