using System.Globalization;
using Xunit;

namespace Checkpoint.Sqlite.Tests.Processes;

/// <summary>
/// A child process writes checkpoints in a loop and is killed with SIGKILL at random moments, round after round on
/// the same file: afterwards the file opens, passes SQLite's integrity check, and holds every checkpoint (and pending
/// write) whose call returned before the kill, intact; checkpoints in flight are either whole or absent.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Rounds = 24;

    [Fact]
    public async Task Checkpoints_acknowledged_before_a_sigkill_survive_intact_round_after_round()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CHECKPOINT_CRASH_SEED"), CultureInfo.InvariantCulture, out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"Crash test seed: {seed} (set CHECKPOINT_CRASH_SEED={seed} to replay the same kill points).");
        var random = new Random(seed);
        using var folder = new TempFolder("crash");
        var db = folder.NewFile("crash");
        var acknowledged = new Dictionary<string, Dictionary<string, List<Acknowledgement>>>(StringComparer.Ordinal);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));

        for (var round = 0; round < Rounds; round++)
        {
            var thread = $"crash-{round}";
            var tag = $"round{round}";

            // One round in six dies during start-up or Setup; the others after a random number of acknowledged puts,
            // that is, somewhere inside a later put, its pending write, or between them.
            var killAfter = random.Next(6) == 0 ? 0 : random.Next(1, 40);
            var durability = random.Next(2) == 0 ? "full" : "normal";
            var acks = new List<Acknowledgement>();
            using (var writer = WriterProcess.Start(db, thread, tag, "--setup", "--writes", "--durability", durability))
            {
                if (killAfter == 0)
                {
                    await WaitForLineAsync(writer, "starting", deadline.Token);
                }

                while (acks.Count(a => a.Kind == "ack") < killAfter)
                {
                    var line = await writer.ReadLineAsync(deadline.Token);
                    Assert.True(line is not null, $"Round {round}: the writer exited before it was killed. {writer.Errors}");
                    if (Acknowledgement.Parse(line) is { } ack)
                    {
                        acks.Add(ack);
                    }
                }

                writer.KillHard();

                // Whatever the writer printed before it died was acknowledged too.
                while (await writer.ReadLineAsync(deadline.Token) is { } line)
                {
                    if (Acknowledgement.Parse(line) is { } ack)
                    {
                        acks.Add(ack);
                    }
                }
            }

            acknowledged[thread] = new Dictionary<string, List<Acknowledgement>>(StringComparer.Ordinal) { [tag] = acks };
            if (!File.Exists(db))
            {
                Assert.Empty(acks);
                continue;
            }

            CheckpointVerifier.AssertIntegrity(db);
            using var saver = SqliteSaver.FromPath(db);

            // A restarted application sets up again; a migration cut short by the kill must complete now.
            saver.Setup();
            CheckpointVerifier.AssertIntact(saver, thread, acknowledged[thread]);
        }

        // Later rounds recovered the file again and again; nothing acknowledged in an earlier round may be lost.
        using (var saver = SqliteSaver.FromPath(db))
        {
            foreach (var (thread, byTag) in acknowledged)
            {
                CheckpointVerifier.AssertIntact(saver, thread, byTag);
            }
        }

        Assert.True(acknowledged.Values.Sum(a => a.Values.Sum(l => l.Count)) > Rounds, "The writers acknowledged almost nothing; the test did not exercise crashes mid-stream.");
    }

    private static async Task WaitForLineAsync(WriterProcess writer, string expected, CancellationToken cancellationToken)
    {
        string? line;
        do
        {
            line = await writer.ReadLineAsync(cancellationToken);
            Assert.True(line is not null, $"The writer exited before printing '{expected}'. {writer.Errors}");
        }
        while (line != expected);
    }
}
