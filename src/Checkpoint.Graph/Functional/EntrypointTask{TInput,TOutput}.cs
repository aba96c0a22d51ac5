using Checkpoint.Graph.Pregel;
using Checkpoint.Graph.State;

namespace Checkpoint.Graph;

/// <summary>
/// A unit of work inside an entrypoint (or a node) whose result is saved as soon as it returns (LangGraph's <c>@task</c>):
/// when a run fails later and is resumed, the call returns the saved result instead of running again.
/// </summary>
/// <remarks>
/// Calls are matched to saved results by their order within the running node, so call tasks in a deterministic order.
/// Results must be storable by the checkpointer's serializer. A task may pause the run with
/// <see cref="NodeContext.Interrupt(object?)"/> (define it with a function that takes a <see cref="NodeContext"/>): when the
/// run resumes, the calls that finished return their saved results and the paused one runs again and receives the answer. Create tasks with <see cref="Entrypoint.DefineTask{TInput, TOutput}(string, Func{TInput, CancellationToken, Task{TOutput}})"/>.
/// </remarks>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The result type.</typeparam>
public sealed class EntrypointTask<TInput, TOutput>
{
    private readonly Func<TInput, NodeContext, bool, ValueTask<TOutput>> _function;

    internal EntrypointTask(string name, Func<TInput, NodeContext, bool, ValueTask<TOutput>> function)
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

        var path = TaskIds.CallPath(context.TaskPath, index);
        var call = context.ForCall(Name, taskId, path);
        call.MakeCurrent();
        TOutput result;
        try
        {
            result = await _function(input, call, isAsync).ConfigureAwait(false);
        }
        catch (GraphInterruptException e)
        {
            // Saved under the call's id too, so the resumed run knows this call paused (and which answers it consumed).
            await context.SaveWritesAsync(taskId, path, WithAnswers(call, new ChannelWrite(SpecialChannels.Interrupt, Packets.InterruptWrite(e.Interrupts)))).ConfigureAwait(false);
            throw;
        }

        await context.SaveWritesAsync(taskId, path, WithAnswers(call, new ChannelWrite(Reserved.Return, result))).ConfigureAwait(false);
        context.EmitCallResult(Name, result);
        return result;
    }

    private static List<ChannelWrite> WithAnswers(NodeContext call, ChannelWrite write) =>
        call.ResumeWrite() is { } answers ? [write, answers] : [write];
}
