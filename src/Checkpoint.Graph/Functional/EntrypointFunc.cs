namespace Checkpoint.Graph.Functional;

/// <summary>An entrypoint's function as the runtime calls it: input and previous in, returned and saved values out.</summary>
internal delegate ValueTask<(object? Value, object? Save)> EntrypointFunc(object? input, object? previous, NodeContext context, bool isAsync);
