using Checkpoint;
using Checkpoint.AgentFramework;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;

namespace AgentFrameworkSample;

/// <summary>
/// The sample's two scenarios. An agent whose chat history (checkpointer) and memories and sessions (store) live in the
/// database, used across a restart; and a workflow stopped after a few supersteps and resumed, after a restart, from its
/// latest checkpoint.
/// </summary>
public static class Demo
{
    /// <summary>The user the memories belong to.</summary>
    public const string UserId = "alice";

    /// <summary>Runs both scenarios, writing what happens to <paramref name="output"/>.</summary>
    /// <param name="open">Opens the backend; called again for every "restart".</param>
    /// <param name="output">Where the transcript goes.</param>
    /// <param name="cancellationToken">A token to cancel the run.</param>
    /// <returns>The agent's answers after the restart and the workflow's output.</returns>
    public static async Task<DemoResult> RunAsync(Func<CancellationToken, Task<SampleBackend>> open, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(output);
        var answers = await ChatAsync(open, output, cancellationToken);
        var workflowOutput = await GuessAsync(open, output, cancellationToken);
        return new DemoResult(answers, workflowOutput);
    }

    private static async Task<IReadOnlyList<string>> ChatAsync(Func<CancellationToken, Task<SampleBackend>> open, TextWriter output, CancellationToken cancellationToken)
    {
        var first = new AgentSessionStoreKey("alice-chat-1");
        var second = new AgentSessionStoreKey("alice-chat-2");
        await using (var backend = await open(cancellationToken))
        {
            output.WriteLine($"== Agent: chat history, memories and sessions in {backend.Description}");
            var (agent, sessions) = CreateAgent(backend);
            var session = await sessions.GetOrCreateSessionAsync(agent, first, cancellationToken);
            await SayAsync(agent, session, first, "Hi, I'm Alice.", output, cancellationToken);
            await sessions.SaveSessionAsync(agent, first, session, cancellationToken);
        }

        output.WriteLine("-- restart: new checkpointer and store objects over the same data");
        await using (var backend = await open(cancellationToken))
        {
            var (agent, sessions) = CreateAgent(backend);
            var session = await sessions.GetSessionAsync(agent, first, cancellationToken)
                ?? throw new InvalidOperationException($"Session {first.SessionId} was not found after the restart.");
            var fromHistory = await SayAsync(agent, session, first, "What's my name?", output, cancellationToken);
            await sessions.SaveSessionAsync(agent, first, session, cancellationToken);

            var other = await sessions.GetOrCreateSessionAsync(agent, second, cancellationToken);
            var fromMemory = await SayAsync(agent, other, second, "What's my name?", output, cancellationToken);
            await sessions.SaveSessionAsync(agent, second, other, cancellationToken);
            return [fromHistory, fromMemory];
        }
    }

    private static async Task<string> GuessAsync(Func<CancellationToken, Task<SampleBackend>> open, TextWriter output, CancellationToken cancellationToken)
    {
        const int StopAfter = 3;
        var sessionId = $"guessing-game-{Guid.NewGuid():N}";
        await using (var backend = await open(cancellationToken))
        {
            output.WriteLine($"== Workflow: checkpoints in {backend.Description}, session {sessionId}");
            var environment = InProcessExecution.Lockstep.WithCheckpointing(backend.Saver.CreateCheckpointManager());
            await using var run = await environment.RunStreamingAsync(GuessingGame.Build(), GuessingGame.Verdict.Start, sessionId, cancellationToken);
            var steps = 0;
            await foreach (var evt in run.WatchStreamAsync(cancellationToken))
            {
                if (evt is SuperStepCompletedEvent { CompletionInfo.Checkpoint: { } checkpoint })
                {
                    output.WriteLine($"   superstep {++steps}: checkpoint {checkpoint.CheckpointId}");
                    if (steps == StopAfter)
                    {
                        output.WriteLine($"-- stopping the workflow after {StopAfter} supersteps, then a restart");
                        break;
                    }
                }
            }
        }

        await using (var backend = await open(cancellationToken))
        {
            var manager = backend.Saver.CreateCheckpointManager();
            var latest = await manager.GetLatestCheckpointAsync(sessionId, cancellationToken)
                ?? throw new InvalidOperationException($"Workflow session {sessionId} has no checkpoint after the restart.");
            output.WriteLine($"   resuming from the latest checkpoint {latest.CheckpointId}");
            await using var run = await InProcessExecution.Lockstep.WithCheckpointing(manager).ResumeStreamingAsync(GuessingGame.Build(), latest, cancellationToken);
            await foreach (var evt in run.WatchStreamAsync(cancellationToken))
            {
                if (evt is WorkflowOutputEvent { Data: string result })
                {
                    output.WriteLine($"   workflow output: {result}");
                    return result;
                }
            }
        }

        throw new InvalidOperationException("The resumed workflow ended without output.");
    }

    private static (ChatClientAgent Agent, CheckpointAgentSessionStore Sessions) CreateAgent(SampleBackend backend)
    {
        var agent = new ChatClientAgent(new OfflineChatClient(), new ChatClientAgentOptions
        {
            // A stable id: sessions are stored per agent identity, and a ChatClientAgent's default id is random.
            Id = "sample-assistant",
            Name = "assistant",
            ChatOptions = new ChatOptions { Instructions = "You are a helpful assistant." },
            ChatHistoryProvider = new CheckpointChatHistoryProvider(backend.Saver, new CheckpointChatHistoryProviderOptions { MaxMessages = 100 }),
            AIContextProviders =
            [
                new CheckpointMemoryProvider(
                    backend.Store,
                    _ => new CheckpointMemoryState(new MemoryScope(userId: UserId)),
                    new CheckpointMemoryProviderOptions { Extractor = RememberNames }),
            ],
        });
        return (agent, new CheckpointAgentSessionStore(backend.Store));
    }

    // Remembers only what matters: the name the user gives, under one key so a new name replaces the old.
    private static ValueTask<IReadOnlyList<MemoryRecord>> RememberNames(MemoryExtractionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<MemoryRecord>>(
            [.. context.RequestMessages
                .Select(m => OfflineChatClient.FindIntroduction(m.Text))
                .OfType<string>()
                .Select(name => new MemoryRecord($"The user's name is {name}.", Key: "name"))]);

    private static async Task<string> SayAsync(AIAgent agent, AgentSession session, AgentSessionStoreKey key, string text, TextWriter output, CancellationToken cancellationToken)
    {
        var response = await agent.RunAsync(text, session, cancellationToken: cancellationToken);
        output.WriteLine($"   [{key.SessionId}] user: {text}");
        output.WriteLine($"   [{key.SessionId}] assistant: {response.Text}");
        return response.Text;
    }
}
