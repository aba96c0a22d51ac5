using Checkpoint;
using Checkpoint.Graph;
using Microsoft.Extensions.AI;

namespace Quickstart;

/// <summary>The quickstart: LangGraph's persistence guide, end to end, on a durable backend.</summary>
public static class QuickstartApp
{
    /// <summary>Runs the quickstart.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="input">Where the chat command reads messages.</param>
    /// <param name="output">Where the conversation goes.</param>
    /// <param name="error">Where errors and usage go.</param>
    /// <param name="workingDirectory">Where the default SQLite file goes.</param>
    /// <param name="cancellationToken">A token to stop.</param>
    /// <returns>The exit code: 0 on success, 1 on failure, 2 for bad arguments.</returns>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, string workingDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!QuickstartOptions.TryParse(args, out var options, out var problem))
        {
            await error.WriteLineAsync($"error: {problem}\n\n{QuickstartOptions.Usage}");
            return 2;
        }

        if (options.Help)
        {
            await output.WriteLineAsync(QuickstartOptions.Usage);
            return 0;
        }

        BaseCheckpointSaver saver;
        BaseStore store;
        string description;
        try
        {
            (saver, store, description) = await Backends.OpenAsync(options.Backend, options.Connection, workingDirectory, cancellationToken);
        }
        catch (NotSupportedException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}\n\n{QuickstartOptions.Usage}");
            return 2;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync($"error: could not open the {options.Backend} backend: {Summarize(e.Message)}");
            return 1;
        }

        await using (saver)
        await using (store)
        {
            var chat = new OfflineChatClient();
            if (options.Chat)
            {
                await ChatAsync(Agents.AssistantWithApproval(chat).Compile(saver, store), options, description, input, output, cancellationToken);
            }
            else
            {
                await output.WriteLineAsync($"Checkpoint quickstart: {options.Backend}, {description}");
                await ShortTermMemoryAsync(Agents.Chatbot(chat).Compile(saver), output, cancellationToken);
                await LongTermMemoryAsync(Agents.ChatbotWithMemory(chat).Compile(saver, store), store, output, cancellationToken);
                await HumanInTheLoopAsync(Agents.AssistantWithApproval(chat), saver, store, output, cancellationToken);
                await output.WriteLineAsync($"\nRun it again: the threads continue from their checkpoints{(options.Backend == "memory" ? " (with a durable backend)" : string.Empty)}.");
            }
        }

        return 0;
    }

    private static async Task ShortTermMemoryAsync(CompiledStateGraph<MessagesState> graph, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("\n# Short-term memory: a thread's conversation is checkpointed after every step\n");
        var thread = RunConfig.ForThread("1");
        var earlier = (await graph.GetStateAsync(thread, cancellationToken)).Values.Messages.Count;
        if (earlier > 0)
        {
            await output.WriteLineAsync($"Thread \"1\" already holds {earlier} messages from an earlier run, so the graph continues it:\n");
        }

        string[] turns = earlier == 0 ? ["hi! I'm bob", "what's my name?"] : ["what's my name?"];
        foreach (var turn in turns)
        {
            await TurnAsync(graph, turn, thread, output, cancellationToken);
        }

        await output.WriteLineAsync("\nA different thread (\"2\") has its own, separate memory:\n");
        await TurnAsync(graph, "what's my name?", RunConfig.ForThread("2"), output, cancellationToken);
    }

    private static async Task LongTermMemoryAsync(CompiledStateGraph<MessagesState> graph, BaseStore store, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("\n# Long-term memory: the store keeps what a user said, for all of the user's threads\n");
        await output.WriteLineAsync("Thread \"3\", user \"1\":\n");
        await TurnAsync(graph, "Hi! Remember: my name is Bob", RunConfig.ForThread("3").With("user_id", "1"), output, cancellationToken);
        await output.WriteLineAsync("\nThread \"4\", same user \"1\": the memory comes from the store, not the thread:\n");
        await TurnAsync(graph, "what is my name?", RunConfig.ForThread("4").With("user_id", "1"), output, cancellationToken);
        await output.WriteLineAsync("\nThread \"5\", user \"2\": another user's memories are not shared:\n");
        await TurnAsync(graph, "what is my name?", RunConfig.ForThread("5").With("user_id", "2"), output, cancellationToken);

        await output.WriteLineAsync("\nThe store holds:");
        await foreach (var item in store.SearchAsync(["memories"], limit: 100, cancellationToken: cancellationToken))
        {
            await output.WriteLineAsync($"  {item.Namespace} {item.Key}: {item.Value.ToJsonString()}");
        }
    }

    /// <summary>
    /// A tool call that waits for a human (LangGraph's human-in-the-loop guide): the run pauses at <c>human_review</c>, its
    /// checkpoint holds the question, and a new graph instance (as after a restart) resumes it with the answer.
    /// </summary>
    private static async Task HumanInTheLoopAsync(StateGraph<MessagesState> builder, BaseCheckpointSaver saver, BaseStore store, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("\n# Human in the loop: a tool call waits for approval, in the thread's checkpoint\n");
        var thread = RunConfig.ForThread("6").With("user_id", "1");
        (string Request, Review Answer)[] turns =
        [
            ("Please send an email to alice saying the report is ready", new Review(Approved: true)),
            ("Now send an email to bob saying the party is cancelled", new Review(Approved: false, Reason: "not before the announcement")),
        ];
        foreach (var (request, answer) in turns)
        {
            await output.WriteLineAsync(PrettyPrint.Format(new ChatMessage(ChatRole.User, request)));
            var paused = await builder.Compile(saver, store).RunAsync(new MessagesState { Messages = [new(ChatRole.User, request)] }, thread, cancellationToken);
            foreach (var interrupt in paused.Interrupts)
            {
                await output.WriteLineAsync($"\nPaused before {string.Join(", ", paused.Next)}: {Describe(interrupt)} (interrupt {interrupt.Id})");
            }

            // A new graph instance, as in another process: the pending question comes from the checkpoint.
            var resumed = builder.Compile(saver, store);
            var pending = await resumed.GetStateAsync(thread, cancellationToken);
            await output.WriteLineAsync($"The thread's state still waits on it: next = [{string.Join(", ", pending.Next)}]. The reviewer answers: {(answer.Approved ? "approve" : $"reject ({answer.Reason})")}\n");
            var done = await resumed.InvokeAsync(Command.Resume(answer), thread, cancellationToken);
            await output.WriteLineAsync(PrettyPrint.Format(done.Messages[^1]));
        }
    }

    private static async Task ChatAsync(CompiledStateGraph<MessagesState> graph, QuickstartOptions options, string description, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var config = RunConfig.ForThread(options.Thread).With("user_id", options.User);
        await output.WriteLineAsync($"Chatting on thread \"{options.Thread}\" as user \"{options.User}\" ({options.Backend}, {description}).");
        await output.WriteLineAsync("Type a message per line; \"exit\" or end of input stops.");

        // A thread left waiting for an approval (by an earlier run) asks again first.
        var run = (await graph.GetStateAsync(config, cancellationToken)).Interrupts.Count > 0 ? await graph.RunAsync(null, config, cancellationToken) : null;
        while (true)
        {
            if (run is { Interrupts: [var interrupt, ..] })
            {
                await output.WriteAsync($"{Describe(interrupt)} Approve? [y/N] ");
                if ((await input.ReadLineAsync(cancellationToken))?.Trim() is not { } answer)
                {
                    await output.WriteLineAsync($"\nNo answer: the tool call stays pending in thread \"{options.Thread}\"'s checkpoint; run chat again to answer it.");
                    break;
                }

                var review = answer is "y" or "yes" ? new Review(true) : new Review(false, "declined in chat");
                run = await graph.RunAsync(Command.Resume(review), config, cancellationToken);
                await output.WriteLineAsync(PrettyPrint.Format(run.Value.Messages[^1]));
                continue;
            }

            if (await input.ReadLineAsync(cancellationToken) is not { } line || line.Trim() is "exit" or "quit")
            {
                break;
            }

            if (line.Trim().Length > 0)
            {
                run = await graph.RunAsync(new MessagesState { Messages = [new(ChatRole.User, line.Trim())] }, config, cancellationToken);
                if (!run.IsPaused)
                {
                    await output.WriteLineAsync(PrettyPrint.Format(run.Value.Messages[^1]));
                }
            }
        }
    }

    private static string Describe(Interrupt interrupt) =>
        $"the agent asks to run {interrupt.Value?["tool"]}({string.Join(", ", interrupt.Value?["args"]?.AsObject().Select(a => $"{a.Key}: \"{a.Value}\"") ?? [])}).";

    // Driver messages can run to pages (cluster dumps, inner stack traces): the first line, capped, says enough.
    private static string Summarize(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 240 ? line : string.Concat(line.AsSpan(0, 240), "...");
    }

    /// <summary>Sends one user message and prints the last message of each state the run streams: the question, then the answer.</summary>
    private static async Task TurnAsync(CompiledStateGraph<MessagesState> graph, string text, RunConfig config, TextWriter output, CancellationToken cancellationToken)
    {
        var message = new MessagesState { Messages = [new(ChatRole.User, text)] };
        await foreach (var chunk in graph.StreamAsync(message, config, StreamMode.Values, cancellationToken))
        {
            await output.WriteLineAsync(PrettyPrint.Format(chunk.State!.Messages[^1]));
        }
    }
}
