using Checkpoint.Graph.Channels;
using Checkpoint.Graph.Pregel;
using Checkpoint.Graph.State;

namespace Checkpoint.Graph.Building;

/// <summary>
/// Turns a <see cref="StateGraph{TState}"/> into a <see cref="PregelGraph"/>: one channel per state field, one
/// <c>branch:to:node</c> trigger per node, one barrier per join; edges and routers become writes to those triggers.
/// </summary>
internal sealed class StateGraphCompiler<TState>(
    IReadOnlyList<NodeSpec<TState>> nodes,
    IReadOnlyList<(string Source, string Target)> edges,
    IReadOnlyList<JoinSpec> joins,
    IReadOnlyList<BranchSpec<TState>> branches,
    IReadOnlyDictionary<string, Func<object?, object?, object?>> reducers,
    IReadOnlyList<string> interruptBefore,
    IReadOnlyList<string> interruptAfter)
    where TState : class, new()
{
    private readonly StateSchema<TState> _schema = StateSchema<TState>.Instance;
    private readonly HashSet<string> _nodeNames = [.. nodes.Select(n => n.Name)];

    public PregelGraph Compile()
    {
        Validate();
        var channels = new Dictionary<string, Func<Channel>>(StringComparer.Ordinal);
        foreach (var field in _schema.Fields)
        {
            var reducer = reducers.GetValueOrDefault(field.Channel) ?? field.Reducer;
            channels[field.Channel] = reducer is null
                ? () => new LastValueChannel(field.Channel)
                : () => new ReducerChannel(field.Channel, reducer, () => field.Get(new TState()));
        }

        foreach (var node in nodes)
        {
            var trigger = Reserved.TriggerChannel(node.Name);
            channels[trigger] = () => new EphemeralChannel(trigger);
        }

        foreach (var join in joins)
        {
            var sources = new HashSet<string>(join.Sources, StringComparer.Ordinal);
            channels[join.Channel] = () => new BarrierChannel(join.Channel, sources);
        }

        channels[SpecialChannels.Tasks] = () => new TopicChannel(SpecialChannels.Tasks);

        var pregelNodes = nodes
            .Select(node => new PregelNode(
                node.Name,
                [Reserved.TriggerChannel(node.Name), .. joins.Where(j => j.Target == node.Name).Select(j => j.Channel)],
                node.Subgraph is null ? FunctionRunner(node) : SubgraphRunner(node),
                UpdateRunner(node.Name),
                node.Subgraph))
            .ToList();
        return new PregelGraph(channels, pregelNodes, UpdateRunner(StateGraph.Start), [.. _schema.Fields.Select(f => f.Channel)], CommandWrites, interruptBefore, interruptAfter);
    }

    private NodeRunner FunctionRunner(NodeSpec<TState> node) => async invocation =>
    {
        var state = invocation.SendArg is { } arg ? _schema.Read(arg) : _schema.Read(invocation.Channels);
        var update = await node.Function!(state, invocation.Context, invocation.IsAsync).ConfigureAwait(false);
        if (update?.Command is { Graph: Command.Parent } parentCommand)
        {
            throw new ParentCommandException(parentCommand);
        }

        var writes = update is null ? [] : update.Command is { } command ? CommandWrites(command, node.Name) : update.ToWrites();
        writes.AddRange(await EdgeWritesAsync(node.Name, invocation, writes).ConfigureAwait(false));
        return writes;
    };

    private NodeRunner SubgraphRunner(NodeSpec<TState> node) => async invocation =>
    {
        var state = invocation.SendArg is { } arg ? _schema.Read(arg) : _schema.Read(invocation.Channels);
        var parentState = _schema.Fields.ToDictionary(f => f.Channel, f => f.Get(state), StringComparer.Ordinal);
        List<ChannelWrite> writes;
        try
        {
            var output = await node.Subgraph!.RunAsNodeAsync(node.Name, parentState, invocation).ConfigureAwait(false);
            writes = [.. output.Where(p => _schema.Find(p.Key) is not null).Select(p => new ChannelWrite(p.Key, p.Value))];
        }
        catch (ParentCommandException e)
        {
            // A node of the subgraph addressed this graph: its update and goto become this node's.
            writes = CommandWrites(e.Command, node.Name);
        }

        writes.AddRange(await EdgeWritesAsync(node.Name, invocation, writes).ConfigureAwait(false));
        return writes;
    };

    /// <summary>A command's update and goto as writes (LangGraph's <c>map_command</c> and <c>_control_branch</c>).</summary>
    private List<ChannelWrite> CommandWrites(Command command) => CommandWrites(command, null);

    private List<ChannelWrite> CommandWrites(Command command, string? node)
    {
        var from = node is null ? "command" : $"command returned by node '{node}'";
        if (command.IsResume && node is not null)
        {
            throw new InvalidUpdateException($"Node '{node}' returned Command.Resume, but only the caller resumes a thread; a node asks with context.Interrupt(...).");
        }

        if (command.Graph is not (null or Command.Parent))
        {
            throw new InvalidUpdateException($"The {from} addresses graph '{command.Graph}'; a command addresses the current graph (null) or Command.Parent.");
        }

        var writes = StateUpdate<TState>.WritesOf(command.Update, $"update of the {from}");
        foreach (var target in command.Goto)
        {
            if (target != StateGraph.End)
            {
                writes.Add(new ChannelWrite(Reserved.TriggerChannel(RequireGotoTarget(target, from)), null));
            }
        }

        writes.AddRange(command.Sends.Select(send => SendWrite(send, from)));
        return writes;
    }

    private ChannelWrite SendWrite(Send send, string from)
    {
        ArgumentNullException.ThrowIfNull(send);
        var args = new System.Text.Json.Nodes.JsonObject();
        foreach (var (channel, value) in StateUpdate<TState>.WritesOf(send.Arg, $"input of the send to '{send.Node}' ({from})"))
        {
            args[channel] = Packets.ToJson(value, $"value of '{channel}' sent to '{send.Node}'");
        }

        return new ChannelWrite(SpecialChannels.Tasks, Packets.SendWrite(RequireGotoTarget(send.Node, from), args));
    }

    private string RequireGotoTarget(string target, string from) => _nodeNames.Contains(target)
        ? target
        : throw new InvalidUpdateException($"The {from} goes to '{target}', which is not a node of the graph (nodes: {string.Join(", ", _nodeNames)}).");

    /// <summary>The writes of a state update applied as <paramref name="source"/> (also the input mapping, as <see cref="StateGraph.Start"/>).</summary>
    private NodeRunner UpdateRunner(string source) => async invocation =>
    {
        var writes = (invocation.Input as StateUpdate<TState>)?.ToWrites() ?? [];
        writes.AddRange(await EdgeWritesAsync(source, invocation, writes).ConfigureAwait(false));
        return writes;
    };

    /// <summary>The trigger writes of the edges leaving <paramref name="source"/>; routers see the state with the source's own writes applied.</summary>
    private async ValueTask<List<ChannelWrite>> EdgeWritesAsync(string source, NodeInvocation invocation, IReadOnlyList<ChannelWrite> stateWrites)
    {
        var writes = edges
            .Where(e => e.Source == source && e.Target != StateGraph.End)
            .Select(e => new ChannelWrite(Reserved.TriggerChannel(e.Target), null))
            .ToList();
        writes.AddRange(joins.Where(j => j.Sources.Contains(source)).Select(j => new ChannelWrite(j.Channel, source)));
        var routers = branches.Where(b => b.Source == source).ToList();
        if (routers.Count == 0)
        {
            return writes;
        }

        var state = ReadWithWrites(invocation.Channels, stateWrites);
        foreach (var branch in routers)
        {
            foreach (var destination in await branch.Router(state, invocation.Context, invocation.IsAsync).ConfigureAwait(false))
            {
                if (destination is Send send)
                {
                    writes.Add(SendWrite(send, $"conditional edge from '{branch.Source}'"));
                    continue;
                }

                var target = Resolve(branch, (string)destination);
                if (target != StateGraph.End)
                {
                    writes.Add(new ChannelWrite(Reserved.TriggerChannel(target), null));
                }
            }
        }

        return writes;
    }

    private string Resolve(BranchSpec<TState> branch, string destination)
    {
        var target = destination;
        if (branch.PathMap is { } map && !map.TryGetValue(destination, out target!))
        {
            throw new InvalidOperationException(
                $"The conditional edge from '{branch.Source}' returned '{destination}', which is not in its path map ({string.Join(", ", map.Keys)}).");
        }

        return target == StateGraph.End || _nodeNames.Contains(target)
            ? target
            : throw new InvalidOperationException($"The conditional edge from '{branch.Source}' returned '{target}', which is not a node of the graph (or StateGraph.End).");
    }

    private TState ReadWithWrites(IReadOnlyDictionary<string, Channel> channels, IReadOnlyList<ChannelWrite> writes)
    {
        var local = _schema.Fields.ToDictionary(f => f.Channel, f => channels[f.Channel].Clone(), StringComparer.Ordinal);
        foreach (var group in writes.Where(w => local.ContainsKey(w.Channel)).GroupBy(w => w.Channel, StringComparer.Ordinal))
        {
            local[group.Key].Update([.. group.Select(w => w.Value)]);
        }

        return _schema.Read(local);
    }

    private void Validate()
    {
        if (!edges.Any(e => e.Source == StateGraph.Start) && !branches.Any(b => b.Source == StateGraph.Start))
        {
            throw new InvalidOperationException("The graph has no entry point: add an edge from StateGraph.Start to the first node.");
        }

        foreach (var (source, target) in edges)
        {
            RequireSource(source, $"edge {source} -> {target}");
            RequireTarget(target, $"edge {source} -> {target}");
        }

        foreach (var join in joins)
        {
            foreach (var source in join.Sources)
            {
                RequireNode(source, $"join [{string.Join(", ", join.Sources)}] -> {join.Target}");
            }

            RequireNode(join.Target, $"join [{string.Join(", ", join.Sources)}] -> {join.Target}");
        }

        foreach (var branch in branches)
        {
            RequireSource(branch.Source, $"conditional edge from {branch.Source}");
            foreach (var target in branch.PathMap?.Values ?? [])
            {
                RequireTarget(target, $"conditional edge from {branch.Source}");
            }
        }

        foreach (var (list, name) in new[] { (interruptBefore, "interruptBefore"), (interruptAfter, "interruptAfter") })
        {
            foreach (var node in list.Where(n => n != Reserved.AllNodes))
            {
                RequireNode(node, name + " list");
            }
        }
    }

    private void RequireSource(string name, string where)
    {
        if (name != StateGraph.Start)
        {
            RequireNode(name, where);
        }
    }

    private void RequireTarget(string name, string where)
    {
        if (name != StateGraph.End)
        {
            RequireNode(name, where);
        }
    }

    private void RequireNode(string name, string where)
    {
        if (!_nodeNames.Contains(name))
        {
            throw new InvalidOperationException($"The {where} names '{name}', which is not a node of the graph (nodes: {string.Join(", ", _nodeNames)}).");
        }
    }
}
