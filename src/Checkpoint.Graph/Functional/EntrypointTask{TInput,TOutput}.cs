using Checkpoint.Graph.Pregel;
using Checkpoint.Graph.State;

namespace Checkpoint.Graph;

/// <summary>
/// A unit of work inside an entrypoint (or a node) whose result is saved as soon as it returns (LangGraph's <c>@task</c>):
/// when a run fails later and is resumed, the call returns the saved result instead of running again.
/// </summary>
/// <remarks>
/// Calls are matched to saved results by their order within the running node, so call tasks in a deterministic order.
/// Results must be storable by the checkpointer's serializer. Create tasks with <see cref="Entrypoint.DefineTask{TInput, TOutput}(string, Func{TInput, CancellationToken, Task{TOutput}})"/>.
/// </remarks>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The result type.</typeparam>
public sealed class EntrypointTask<TInput, TOutput>
{
    private readonly Func<TInput, CancellationToken, bool, ValueTask<TOutput>> _function;

    internal EntrypointTask(string name, Func<TInput, CancellationToken, bool, ValueTask<TOutput>> function)
    {
        Name = name;
        _function = function;
    }

    /// <summary>Gets the task's name.</summary>
    public string Name { get; }

    /// <summary>Runs the task, or returns its saved result when the running node is being resumed.</summary>
    /// <param name="input">The input.</param>
    /// <param name="context">The context of the running entrypoint or node.</param>
    /// <returns>The result.</returns>
    public TOutput Invoke(TInput input, NodeContext context) => SyncPath.Wait(RunAsync(input, context, isAsync: false));

    /// <summary>Asynchronously runs the task, or returns its saved result when the running node is being resumed.</summary>
    /// <param name="input">The input.</param>
    /// <param name="context">The context of the running entrypoint or node.</param>
    /// <returns>The result.</returns>
    public Task<TOutput> InvokeAsync(TInput input, NodeContext context) => RunAsync(input, context, isAsync: true).AsTask();

    private async ValueTask<TOutput> RunAsync(TInput input, NodeContext context, bool isAsync)
    {
        ArgumentNullException.ThrowIfNull(context);
        var index = context.NextCallIndex();
        var taskId = TaskIds.ForCall(context.TaskId, Name, index);
        if (context.TryGetCachedResult(taskId, out var saved))
        {
            return (TOutput)ValueConversion.ToPropertyValue(saved, typeof(TOutput), $"result of task '{Name}'")!;
        }

        var result = await _function(input, context.CancellationToken, isAsync).ConfigureAwait(false);
        await context.SaveWritesAsync(taskId, TaskIds.CallPath(context.TaskPath, index), [new ChannelWrite(Reserved.Return, result)], isAsync).ConfigureAwait(false);
        return result;
    }
}
