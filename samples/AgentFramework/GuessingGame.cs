using Microsoft.Agents.AI.Workflows;

namespace AgentFrameworkSample;

/// <summary>
/// A small workflow with state worth checkpointing: a guesser and a judge play "guess my number" by bisection. Each
/// round is two supersteps, so the workflow writes a checkpoint after every guess and every verdict.
/// </summary>
public static class GuessingGame
{
    /// <summary>The number the judge hides.</summary>
    public const int Target = 42;

    /// <summary>What the workflow yields when the guesser finds the number from 1..100: seven tries by bisection.</summary>
    public static string ExpectedOutput => $"{Target} found in 7 tries";

    /// <summary>Builds the workflow; executor ids are fixed, so a rebuilt workflow can resume another's checkpoint.</summary>
    /// <returns>The workflow.</returns>
    public static Workflow Build()
    {
        var guesser = new Guesser(1, 100);
        var judge = new Judge(Target);
        return new WorkflowBuilder(guesser)
            .AddEdge(guesser, judge)
            .AddEdge(judge, guesser)
            .WithOutputFrom(judge)
            .Build();
    }

    /// <summary>The judge's verdict on a guess.</summary>
    public enum Verdict
    {
        /// <summary>Start guessing.</summary>
        Start,

        /// <summary>The guess was too high.</summary>
        TooHigh,

        /// <summary>The guess was too low.</summary>
        TooLow,
    }

    [SendsMessage(typeof(int))]
    private sealed class Guesser(int lower, int upper) : Executor<Verdict>("guesser")
    {
        private const string StateKey = "bounds";
        private int _lower = lower;
        private int _upper = upper;

        private int Next => (_lower + _upper) / 2;

        public override async ValueTask HandleAsync(Verdict message, IWorkflowContext context, CancellationToken cancellationToken = default)
        {
            if (message == Verdict.TooHigh)
            {
                _upper = Next - 1;
            }
            else if (message == Verdict.TooLow)
            {
                _lower = Next + 1;
            }

            await context.SendMessageAsync(Next, cancellationToken: cancellationToken);
        }

        protected override ValueTask OnCheckpointingAsync(IWorkflowContext context, CancellationToken cancellationToken = default) =>
            context.QueueStateUpdateAsync(StateKey, new[] { _lower, _upper }, cancellationToken: cancellationToken);

        protected override async ValueTask OnCheckpointRestoredAsync(IWorkflowContext context, CancellationToken cancellationToken = default)
        {
            var bounds = await context.ReadStateAsync<int[]>(StateKey, cancellationToken: cancellationToken);
            (_lower, _upper) = (bounds![0], bounds[1]);
        }
    }

    [SendsMessage(typeof(Verdict))]
    [YieldsOutput(typeof(string))]
    private sealed class Judge(int target) : Executor<int>("judge")
    {
        private const string StateKey = "tries";
        private int _tries;

        public override async ValueTask HandleAsync(int message, IWorkflowContext context, CancellationToken cancellationToken = default)
        {
            _tries++;
            if (message == target)
            {
                await context.YieldOutputAsync($"{target} found in {_tries} tries", cancellationToken);
            }
            else
            {
                await context.SendMessageAsync(message > target ? Verdict.TooHigh : Verdict.TooLow, cancellationToken: cancellationToken);
            }
        }

        protected override ValueTask OnCheckpointingAsync(IWorkflowContext context, CancellationToken cancellationToken = default) =>
            context.QueueStateUpdateAsync(StateKey, _tries, cancellationToken: cancellationToken);

        protected override async ValueTask OnCheckpointRestoredAsync(IWorkflowContext context, CancellationToken cancellationToken = default) =>
            _tries = await context.ReadStateAsync<int>(StateKey, cancellationToken: cancellationToken);
    }
}
