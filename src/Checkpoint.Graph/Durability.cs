namespace Checkpoint.Graph;

/// <summary>
/// When a run saves its checkpoints (LangGraph's <c>durability</c>); choose per run with
/// <see cref="GraphRunConfig.WithDurability"/>.
/// </summary>
public enum Durability
{
    /// <summary>
    /// Saves in the background while the next step runs (the default, as in LangGraph). After a crash the thread
    /// resumes from at most one step earlier than <see cref="Sync"/> would, re-running the steps whose saves were lost.
    /// The synchronous API saves as <see cref="Sync"/> does.
    /// </summary>
    Async,

    /// <summary>
    /// Saves each task's writes as the task finishes and each step's checkpoint before the next step starts. After a
    /// crash every completed step, and every finished task of the step that was running, is kept.
    /// </summary>
    Sync,

    /// <summary>
    /// Saves once, when the run ends (completed, failed or interrupted): one checkpoint per run instead of one per step.
    /// A crash during the run keeps nothing of it: the thread resumes from the checkpoint it had before the run.
    /// Interrupts and breakpoints work, because the exit saves them.
    /// </summary>
    Exit,
}
