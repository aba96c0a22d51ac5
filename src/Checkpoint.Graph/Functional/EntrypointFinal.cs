namespace Checkpoint.Graph;

/// <summary>
/// An entrypoint's result that returns one thing and saves another (LangGraph's <c>entrypoint.final</c>): the caller
/// gets <see cref="Value"/>, and the next run on the thread gets <see cref="Save"/> as <c>previous</c>.
/// </summary>
/// <typeparam name="TValue">The returned type.</typeparam>
/// <typeparam name="TSave">The saved type.</typeparam>
/// <param name="Value">What <c>Invoke</c> returns.</param>
/// <param name="Save">What the next run receives as <c>previous</c>.</param>
public readonly record struct EntrypointFinal<TValue, TSave>(TValue Value, TSave Save);
