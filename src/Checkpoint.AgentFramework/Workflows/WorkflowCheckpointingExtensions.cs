using System.Text.Json;
using Microsoft.Agents.AI.Workflows;

namespace Checkpoint.AgentFramework;

/// <summary>Builds Agent Framework checkpoint managers over a <see cref="BaseCheckpointSaver"/>.</summary>
public static class WorkflowCheckpointingExtensions
{
    /// <summary>
    /// Creates a <see cref="CheckpointManager"/> that keeps workflow checkpoints in <paramref name="saver"/>, for
    /// <c>InProcessExecution.RunStreamingAsync(workflow, input, manager, sessionId)</c>,
    /// <c>ResumeStreamingAsync</c> and <c>InProcessExecution.Default.WithCheckpointing(manager)</c>.
    /// </summary>
    /// <param name="saver">The checkpointer; not owned.</param>
    /// <param name="options">The namespace and operation timeout of the store; defaults when <see langword="null"/>.</param>
    /// <param name="jsonSerializerOptions">
    /// JSON options for the workflow's own messages and state; needed when they hold types Agent Framework does not know
    /// (passed to <see cref="CheckpointManager.CreateJson"/>).
    /// </param>
    /// <returns>The checkpoint manager.</returns>
    public static CheckpointManager CreateCheckpointManager(
        this BaseCheckpointSaver saver, CheckpointWorkflowStoreOptions? options = null, JsonSerializerOptions? jsonSerializerOptions = null) =>
        CheckpointManager.CreateJson(new CheckpointWorkflowStore(saver, options), jsonSerializerOptions);
}
