using Checkpoint.Graph.Functional;
using Checkpoint.Graph.Pregel;

namespace Checkpoint.Graph;

/// <summary>
/// The functional API (LangGraph's <c>@entrypoint</c> and <c>@task</c>): a plain function run as a one-node graph, with
/// a checkpoint per run, the previous run's saved value as <c>previous</c>, and tasks whose results survive failures.
/// </summary>
/// <example>
/// <code>
/// var callModel = Entrypoint.DefineTask&lt;List&lt;ChatMessage&gt;, ChatMessage&gt;("call_model", async (messages, ct) =&gt;
///     (await chatClient.GetResponseAsync(messages, cancellationToken: ct)).Messages[^1]);
///
/// var workflow = Entrypoint.Create&lt;List&lt;ChatMessage&gt;, ChatMessage, List&lt;ChatMessage&gt;&gt;(
///     async (input, previous, context) =&gt;
///     {
///         var messages = AddMessages.Apply(previous, input);
///         var reply = await callModel.InvokeAsync(messages, context);
///         return Entrypoint.Final(reply, AddMessages.Apply(messages, [reply]));
///     },
///     checkpointer: saver);
/// </code>
/// </example>
public static class Entrypoint
{
    /// <summary>The default name of an entrypoint's node.</summary>
    public const string DefaultName = "entrypoint";

    /// <summary>Creates an entrypoint from a function of its input.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The result type (also saved on the thread, as LangGraph does).</typeparam>
    /// <param name="function">The function.</param>
    /// <param name="checkpointer">Saves a checkpoint per run, keyed by <c>thread_id</c>; optional.</param>
    /// <param name="store">The store the function reaches through <see cref="NodeContext.Store"/>; optional.</param>
    /// <param name="name">The name of the entrypoint's node in checkpoints.</param>
    /// <returns>The entrypoint.</returns>
    public static Entrypoint<TInput, TOutput> Create<TInput, TOutput>(
        Func<TInput, NodeContext, Task<TOutput>> function, BaseCheckpointSaver? checkpointer = null, BaseStore? store = null, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new(name, async (input, _, context, isAsync) =>
        {
            var value = await SyncPath.Run(function((TInput)input!, context), isAsync).ConfigureAwait(false);
            return (value, value);
        }, checkpointer, store, typeof(TOutput));
    }

    /// <summary>Creates an entrypoint whose function also receives <c>previous</c>: its own result from the last run on the thread.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The result type, saved for the next run.</typeparam>
    /// <param name="function">The function of the input, <c>previous</c> (<see langword="default"/> on a new thread) and the context.</param>
    /// <param name="checkpointer">Saves a checkpoint per run, keyed by <c>thread_id</c>; needed for <c>previous</c>.</param>
    /// <param name="store">The store the function reaches through <see cref="NodeContext.Store"/>; optional.</param>
    /// <param name="name">The name of the entrypoint's node in checkpoints.</param>
    /// <returns>The entrypoint.</returns>
    public static Entrypoint<TInput, TOutput> Create<TInput, TOutput>(
        Func<TInput, TOutput?, NodeContext, Task<TOutput>> function, BaseCheckpointSaver? checkpointer = null, BaseStore? store = null, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new(name, async (input, previous, context, isAsync) =>
        {
            var value = await SyncPath.Run(function((TInput)input!, previous is TOutput p ? p : default, context), isAsync).ConfigureAwait(false);
            return (value, value);
        }, checkpointer, store, typeof(TOutput));
    }

    /// <summary>
    /// Creates an entrypoint that returns one value and saves another (<see cref="Final{TValue, TSave}"/>); the saved
    /// value is the next run's <c>previous</c>.
    /// </summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The returned type.</typeparam>
    /// <typeparam name="TSave">The saved type.</typeparam>
    /// <param name="function">The function of the input, <c>previous</c> (<see langword="default"/> on a new thread) and the context.</param>
    /// <param name="checkpointer">Saves a checkpoint per run, keyed by <c>thread_id</c>; needed for <c>previous</c>.</param>
    /// <param name="store">The store the function reaches through <see cref="NodeContext.Store"/>; optional.</param>
    /// <param name="name">The name of the entrypoint's node in checkpoints.</param>
    /// <returns>The entrypoint.</returns>
    public static Entrypoint<TInput, TOutput> Create<TInput, TOutput, TSave>(
        Func<TInput, TSave?, NodeContext, Task<EntrypointFinal<TOutput, TSave>>> function, BaseCheckpointSaver? checkpointer = null, BaseStore? store = null, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new(name, async (input, previous, context, isAsync) =>
        {
            var final = await SyncPath.Run(function((TInput)input!, previous is TSave p ? p : default, context), isAsync).ConfigureAwait(false);
            return (final.Value, final.Save);
        }, checkpointer, store, typeof(TSave));
    }

    /// <summary>Returns <paramref name="value"/> to the caller and saves <paramref name="save"/> as the next run's <c>previous</c>.</summary>
    /// <typeparam name="TValue">The returned type.</typeparam>
    /// <typeparam name="TSave">The saved type.</typeparam>
    /// <param name="value">What <c>Invoke</c> returns.</param>
    /// <param name="save">What the next run receives as <c>previous</c>.</param>
    /// <returns>The result to return from the entrypoint's function.</returns>
    public static EntrypointFinal<TValue, TSave> Final<TValue, TSave>(TValue value, TSave save) => new(value, save);

    /// <summary>Defines an asynchronous task; see <see cref="EntrypointTask{TInput, TOutput}"/>.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The result type; must be storable by the checkpointer's serializer.</typeparam>
    /// <param name="name">The task's name.</param>
    /// <param name="function">The work.</param>
    /// <returns>The task.</returns>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // (input, _) => ... fits both; the token overload came first
    public static EntrypointTask<TInput, TOutput> DefineTask<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> function)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        return new(name, (input, context, isAsync) => SyncPath.Run(function(input, context.CancellationToken), isAsync));
    }

    /// <summary>
    /// Defines an asynchronous task that receives its own context: its config, the store, and
    /// <see cref="NodeContext.Interrupt(object?)"/> to pause the run for a human; see <see cref="EntrypointTask{TInput, TOutput}"/>.
    /// </summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The result type; must be storable by the checkpointer's serializer.</typeparam>
    /// <param name="name">The task's name.</param>
    /// <param name="function">The work.</param>
    /// <returns>The task.</returns>
    public static EntrypointTask<TInput, TOutput> DefineTask<TInput, TOutput>(string name, Func<TInput, NodeContext, Task<TOutput>> function)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        return new(name, (input, context, isAsync) => SyncPath.Run(function(input, context), isAsync));
    }

    /// <summary>Defines a synchronous task that receives its own context (config, store, <see cref="NodeContext.Interrupt(object?)"/>).</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The result type; must be storable by the checkpointer's serializer.</typeparam>
    /// <param name="name">The task's name.</param>
    /// <param name="function">The work.</param>
    /// <returns>The task.</returns>
    public static EntrypointTask<TInput, TOutput> DefineTask<TInput, TOutput>(string name, Func<TInput, NodeContext, TOutput> function)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        return new(name, (input, context, _) => new(function(input, context)));
    }

    /// <summary>Defines a synchronous task; see <see cref="EntrypointTask{TInput, TOutput}"/>.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The result type; must be storable by the checkpointer's serializer.</typeparam>
    /// <param name="name">The task's name.</param>
    /// <param name="function">The work.</param>
    /// <returns>The task.</returns>
    public static EntrypointTask<TInput, TOutput> DefineTask<TInput, TOutput>(string name, Func<TInput, TOutput> function)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        return new(name, (input, _, _) => new(function(input)));
    }
}
