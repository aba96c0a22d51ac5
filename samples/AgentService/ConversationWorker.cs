using Checkpoint;
using Checkpoint.Graph;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentService;

/// <summary>
/// Plays the next turn of a scripted conversation on the configured thread, then stops the application: run the
/// program again and the thread resumes from its last checkpoint.
/// </summary>
/// <param name="saver">The checkpointer, from configuration.</param>
/// <param name="store">The store, from configuration.</param>
/// <param name="options">The thread and user.</param>
/// <param name="lifetime">Stops the host once the turn is done.</param>
/// <param name="logger">Reports a failed turn.</param>
public sealed class ConversationWorker(
    BaseCheckpointSaver saver, BaseStore store, IOptions<AgentOptions> options, IHostApplicationLifetime lifetime, ILogger<ConversationWorker> logger) : BackgroundService
{
    /// <summary>What the user says, one line per run of the program.</summary>
    public static readonly IReadOnlyList<string> Script =
    [
        "Hi, I'm Ada. Please remember that I prefer short answers.",
        "What do you remember about my answers?",
    ];

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PlayNextTurnAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The conversation turn failed.");
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task PlayNextTurnAsync(CancellationToken cancellationToken)
    {
        var agent = SupportAgent.Build().Compile(saver, store);
        var config = RunConfig.ForThread(options.Value.ThreadId).With("user_id", options.Value.UserId);
        var earlier = (await agent.GetStateAsync(config, cancellationToken)).Values.Messages.Count;
        Console.WriteLine(earlier == 0
            ? $"Thread \"{options.Value.ThreadId}\": a new conversation."
            : $"Thread \"{options.Value.ThreadId}\": resumed with {earlier} messages from an earlier run.");

        // Each turn adds a user message and a reply.
        var said = Script[Math.Min(earlier / 2, Script.Count - 1)];
        Console.WriteLine($"user: {said}");
        var state = await agent.InvokeAsync(new MessagesState { Messages = [new ChatMessage(ChatRole.User, said)] }, config, cancellationToken);
        Console.WriteLine($"agent: {state.Messages[^1].Text}");
    }
}
