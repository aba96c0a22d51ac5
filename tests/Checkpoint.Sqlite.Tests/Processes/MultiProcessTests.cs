using Xunit;

namespace Checkpoint.Sqlite.Tests.Processes;

/// <summary>
/// Four processes put 500 checkpoints each into one file at the same time (each also running Setup concurrently):
/// none sees "database is locked", and every acknowledged checkpoint reads back intact.
/// </summary>
public sealed class MultiProcessTests
{
    private const int Writers = 4;
    private const int PutsPerWriter = 500;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Four_processes_putting_500_checkpoints_each_lose_and_tear_nothing(bool sharedThread)
    {
        using var folder = new TempFolder("multi-process");
        var db = folder.NewFile("shared");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));

        var writers = Enumerable.Range(0, Writers)
            .Select(i => (Tag: $"writer{i}", Thread: sharedThread ? "shared" : $"thread-{i}"))
            .Select(w => (w.Tag, w.Thread, Process: WriterProcess.Start(db, w.Thread, w.Tag, "--setup", "--count", PutsPerWriter.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();
        try
        {
            var results = await Task.WhenAll(writers.Select(w => CollectAsync(w.Process, deadline.Token)));
            for (var i = 0; i < Writers; i++)
            {
                Assert.True(results[i].ExitCode == 0, $"{writers[i].Tag} failed: {writers[i].Process.Errors}");
                Assert.Equal(PutsPerWriter, results[i].Acks.Count);
            }

            CheckpointVerifier.AssertIntegrity(db);
            using var saver = SqliteSaver.FromPath(db);
            var stored = 0;
            foreach (var thread in writers.Select(w => w.Thread).Distinct())
            {
                var byTag = writers.Select((w, i) => (w, i)).Where(p => p.w.Thread == thread).ToDictionary(p => p.w.Tag, p => results[p.i].Acks);
                stored += CheckpointVerifier.AssertIntact(saver, thread, byTag);
            }

            Assert.Equal(Writers * PutsPerWriter, stored);
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Process.Dispose();
            }
        }
    }

    private static async Task<(int ExitCode, List<Acknowledgement> Acks)> CollectAsync(WriterProcess writer, CancellationToken cancellationToken)
    {
        var acks = new List<Acknowledgement>();
        while (await writer.ReadLineAsync(cancellationToken) is { } line)
        {
            if (Acknowledgement.Parse(line) is { } ack)
            {
                acks.Add(ack);
            }
        }

        return (await writer.WaitForExitAsync(cancellationToken), acks);
    }
}
