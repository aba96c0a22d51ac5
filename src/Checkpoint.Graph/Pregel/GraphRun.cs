namespace Checkpoint.Graph.Pregel;

/// <summary>
/// One run of a root graph, advanced step by step (so a synchronous stream can stop between steps): starts the loop,
/// ticks it, turns an interrupt into a normal end, and ends the loop (final saves) however the run stops.
/// </summary>
internal sealed class GraphRun(PregelLoop loop, RunInput input)
{
    private bool _started;

    public PregelLoop Loop => loop;

    public bool IsDone { get; private set; }

    /// <summary>Gets the interrupts that paused the run; empty when it completed or stopped at a breakpoint.</summary>
    public IReadOnlyList<Interrupt> Interrupts { get; private set; } = [];

    /// <summary>Runs the next part of the run: the input, then one step per call.</summary>
    /// <returns><see langword="false"/> once the run has ended (completed or paused).</returns>
    public async ValueTask<bool> StepAsync()
    {
        if (IsDone)
        {
            return false;
        }

        var paused = false;
        try
        {
            if (!_started)
            {
                _started = true;
                await loop.StartAsync(input).ConfigureAwait(false);
                return true;
            }

            if (await loop.TickAsync().ConfigureAwait(false))
            {
                return true;
            }
        }
        catch (GraphInterruptException e)
        {
            Interrupts = e.Interrupts;
            paused = true;
        }
        catch (Exception)
        {
            IsDone = true;
            await ExitQuietlyAsync(loop.Scope.CancellationToken).ConfigureAwait(false);
            throw;
        }

        IsDone = true;
        await loop.ExitAsync(paused, loop.Scope.CancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Ends a run its caller stopped following (a stream left early): the final saves of <see cref="Durability.Exit"/> still happen.</summary>
    public async ValueTask AbandonAsync()
    {
        if (!IsDone && _started)
        {
            IsDone = true;
            await ExitQuietlyAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async ValueTask ExitQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await loop.ExitAsync(raised: true, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The run's own error (or the caller leaving) is what matters; a failed final save must not replace it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
