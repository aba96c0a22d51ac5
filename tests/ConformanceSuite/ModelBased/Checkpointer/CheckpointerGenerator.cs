using System.Globalization;
using System.Text.Json.Nodes;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Generates checkpointer operation sequences from a seed. It tracks a rough symbolic state (which checkpoints each
/// thread and namespace has, their channels and versions) only to make likely-meaningful choices; the reference
/// decides what is actually right.
/// </summary>
internal sealed class CheckpointerGenerator(int seed)
{
    private const int RunCount = 6;
    private static readonly DateTimeOffset TimeBase = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Namespaces = [string.Empty, string.Empty, string.Empty, "child:a", "child:a|grand:b"];
    private static readonly string[] Channels = ["messages", "counter", "status", "doc", "score"];
    private static readonly string[] WriteChannels = ["messages", "counter", "status", SpecialChannels.Error, SpecialChannels.Interrupt, SpecialChannels.Scheduled, SpecialChannels.Resume, SpecialChannels.Tasks];
    private static readonly string[] Sources = [CheckpointSource.Input, CheckpointSource.Loop, CheckpointSource.Loop, CheckpointSource.Update, CheckpointSource.Fork];
    private static readonly string[] Tags = ["alpha", "beta", "gamma"];

    private readonly Random _random = new(seed);
    private readonly Dictionary<(int Thread, string Ns), List<CheckpointRef>> _created = [];
    private readonly Dictionary<int, PutCheckpointStep> _puts = [];
    private readonly List<PutWritesStep> _writes = [];
    private int _nextLabel = 1;
    private int _idCounter;
    private int _minutes;

    public IReadOnlyList<CheckpointerStep> Generate(int steps)
    {
        var sequence = new List<CheckpointerStep>(steps);
        while (sequence.Count < steps)
        {
            var roll = _random.Next(100);
            sequence.Add(roll switch
            {
                < 35 => Put(),
                < 53 => (CheckpointerStep?)Writes() ?? Put(),
                < 65 => GetTuple(),
                < 79 => List(),
                < 81 => DeleteThread(),
                < 85 => CopyThread(),
                < 90 => Prune(),
                < 93 => DeleteForRuns(),
                _ => DeltaHistory(),
            });
        }

        return sequence;
    }

    private PutCheckpointStep Put()
    {
        var thread = _random.Next(CheckpointerModel.ThreadCount);
        var ns = Pick(Namespaces);
        var existing = Created(thread, ns);
        CheckpointRef checkpoint;
        CheckpointRef? parent;
        if (existing.Count > 0 && _random.Next(100) < 6)
        {
            // Rewrite an existing checkpoint: it keeps the parent it was first written with.
            checkpoint = Pick(existing);
            parent = _puts.TryGetValue(checkpoint.Label, out var original) ? original.Parent : null;
        }
        else
        {
            checkpoint = new CheckpointRef(_nextLabel++, NewId());
            parent = existing.Count == 0 ? null : _random.Next(100) switch
            {
                < 70 => existing[^1],
                < 90 => Pick(existing),
                _ => null,
            };
            existing.Add(checkpoint);
        }

        var basis = parent is not null && _puts.TryGetValue(parent.Label, out var parentPut) ? parentPut : null;
        var versions = new Dictionary<string, string>(basis?.Versions ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var values = new Dictionary<string, object?>(basis?.Values ?? new Dictionary<string, object?>(), StringComparer.Ordinal);
        var newVersions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var channel in Channels)
        {
            if (_random.Next(100) < (versions.ContainsKey(channel) ? 40 : 50))
            {
                versions[channel] = NextVersion(versions.GetValueOrDefault(channel));
                values[channel] = RandomChannelValue(channel, values.GetValueOrDefault(channel), checkpoint.Label);
                newVersions[channel] = versions[channel];
            }
        }

        var roll = _random.Next(100);
        if (roll < 10 && newVersions.Count > 0)
        {
            // A channel in newVersions without a value gets the "empty" marker.
            values.Remove(Pick(newVersions.Keys.ToList()));
        }
        else if (roll < 15 && versions.Count > 0)
        {
            // A channel removed from channel_versions disappears.
            var removed = Pick(versions.Keys.ToList());
            versions.Remove(removed);
            values.Remove(removed);
            newVersions.Remove(removed);
        }
        else if (roll < 20 && versions.Keys.Except(newVersions.Keys).ToList() is { Count: > 0 } unchanged)
        {
            // Re-declaring an existing version with another value: blobs are immutable, the stored one stays.
            var channel = Pick(unchanged);
            newVersions[channel] = versions[channel];
            values[channel] = RandomChannelValue(channel, null, checkpoint.Label);
        }

        var seen = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (versions.Count > 0 && _random.Next(2) == 0)
        {
            var channel = Pick(versions.Keys.ToList());
            seen["node"] = new Dictionary<string, string>(StringComparer.Ordinal) { [channel] = versions[channel] };
        }

        _minutes += _random.Next(0, 5);
        var step = new PutCheckpointStep(
            thread,
            ns,
            checkpoint,
            parent,
            versions,
            values,
            newVersions,
            seen,
            _random.Next(100) < 20 ? null : [.. newVersions.Keys.Order(StringComparer.Ordinal)],
            RandomMetadata(checkpoint.Label),
            _random.Next(100) < 5 ? "not-a-time" : GraphCheckpoint.FormatTimestamp(TimeBase.AddMinutes(_minutes)),
            _random.Next(100) < 5 ? 3 : GraphCheckpoint.CurrentFormatVersion);
        _puts[checkpoint.Label] = step;
        return step;
    }

    private PutWritesStep? Writes()
    {
        if (_writes.Count > 0 && _random.Next(100) < 20)
        {
            var previous = Pick(_writes);
            var retry = _random.Next(2) == 0
                ? previous with { IsRetry = true }
                : previous with { IsRetry = true, Writes = [.. previous.Writes.Select(w => w with { Value = RandomWriteValue() })] };
            _writes.Add(retry);
            return retry;
        }

        var candidates = _created.Where(p => p.Value.Count > 0).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var ((thread, ns), refs) = Pick(candidates);
        var writes = Enumerable.Range(0, _random.Next(1, 4))
            .Select(_ => new ChannelWrite(_random.Next(100) < 35 ? Pick(WriteChannels[3..]) : Pick(WriteChannels[..3]), RandomWriteValue()))
            .ToList();
        var step = new PutWritesStep(
            thread,
            ns,
            _random.Next(100) < 70 ? refs[^1] : Pick(refs),
            Pick(["task-a", "task-b", "task-c", "task-" + _random.Next(100).ToString(CultureInfo.InvariantCulture)]),
            Pick([string.Empty, "node:1", "node:2|sub:1"]),
            writes,
            IsRetry: false);
        _writes.Add(step);
        return step;
    }

    private GetTupleStep GetTuple()
    {
        var (thread, ns) = PickLocation();
        var existing = Created(thread, ns);
        var checkpoint = _random.Next(100) switch
        {
            < 40 => null,
            < 85 when existing.Count > 0 => Pick(existing),
            < 85 when AnyCreated() is { } other => other,
            _ => Unknown(),
        };
        return new GetTupleStep(thread, ns, checkpoint);
    }

    private ListStep List()
    {
        var location = PickLocation();
        int? thread = _random.Next(100) < 85 ? location.Thread : null;
        var ns = _random.Next(100) < 40 ? null : location.Ns;
        JsonObject? filter = _random.Next(100) switch
        {
            < 40 => null,
            < 50 => [],
            < 65 => new JsonObject { ["source"] = Pick(Sources) },
            < 75 => new JsonObject { ["step"] = _random.Next(0, 4) },
            < 90 => new JsonObject { ["run_id"] = CheckpointerRun.RunPlaceholderPrefix + _random.Next(RunCount).ToString(CultureInfo.InvariantCulture) },
            < 95 => new JsonObject { ["tag"] = Pick(Tags), ["source"] = CheckpointSource.Loop },
            _ => new JsonObject { ["missing"] = 1 },
        };
        if (thread is null)
        {
            // Across threads, restrict to this replay's checkpoints: the database may hold others.
            filter ??= [];
            filter["suite"] = CheckpointerRun.SuitePlaceholder;
        }

        return new ListStep(
            thread,
            ns,
            _random.Next(100) < 10 ? AnyCreated() : null,
            _random.Next(100) < 25 ? (_random.Next(100) < 85 ? AnyCreated() : Unknown()) : null,
            _random.Next(100) < 50 ? null : Pick([0, 1, 2, 3, 5]),
            filter);
    }

    private DeleteThreadStep DeleteThread()
    {
        var thread = _random.Next(CheckpointerModel.ThreadCount);
        foreach (var key in _created.Keys.Where(k => k.Thread == thread).ToList())
        {
            _created[key].Clear();
        }

        return new DeleteThreadStep(thread);
    }

    private CopyThreadStep CopyThread()
    {
        var source = _random.Next(CheckpointerModel.ThreadCount);
        var empty = Enumerable.Range(0, CheckpointerModel.ThreadCount).Where(t => t != source && _created.Where(p => p.Key.Thread == t).All(p => p.Value.Count == 0)).ToList();
        var target = empty.Count > 0 && _random.Next(100) < 80 ? Pick(empty) : _random.Next(CheckpointerModel.ThreadCount);
        if (source != target && _created.Where(p => p.Key.Thread == target).All(p => p.Value.Count == 0))
        {
            foreach (var ((_, ns), refs) in _created.Where(p => p.Key.Thread == source).ToList())
            {
                Created(target, ns).AddRange(refs);
            }
        }

        return new CopyThreadStep(source, target);
    }

    private PruneStep Prune()
    {
        var threads = Enumerable.Range(0, CheckpointerModel.ThreadCount).Where(_ => _random.Next(2) == 0).ToList();
        if (threads.Count == 0 || _random.Next(100) < 10)
        {
            threads.Add(9);
        }

        var strategy = _random.Next(100) switch
        {
            < 30 => PruneStrategy.KeepLatest,
            < 60 => PruneStrategy.KeepLast(_random.Next(1, 4)),
            < 90 => PruneStrategy.OlderThan(TimeBase.AddMinutes(_random.Next(0, _minutes + 3))),
            _ => PruneStrategy.DeleteAll,
        };
        return new PruneStep(threads, strategy);
    }

    private DeleteForRunsStep DeleteForRuns() =>
        new(_random.Next(100) < 5 ? [] : [.. Enumerable.Range(0, _random.Next(100) < 80 ? 1 : 2).Select(_ => _random.Next(RunCount + 1)).Distinct()]);

    private DeltaHistoryStep DeltaHistory()
    {
        var (thread, ns) = PickLocation();
        var existing = Created(thread, ns);
        var channels = Channels.Concat(WriteChannels).Distinct().Where(_ => _random.Next(100) < 30).ToList();
        var withParent = existing.Where(c => _puts.TryGetValue(c.Label, out var put) && put.Parent is not null).ToList();
        var checkpoint = _random.Next(100) switch
        {
            < 70 when withParent.Count > 0 => Pick(withParent),
            < 85 when existing.Count > 0 => Pick(existing),
            _ => null,
        };
        return new DeltaHistoryStep(thread, ns, checkpoint, channels.Count > 0 ? channels : ["messages"]);
    }

    private JsonObject RandomMetadata(int label)
    {
        var metadata = new JsonObject
        {
            ["source"] = Pick(Sources),
            ["step"] = _random.Next(-1, 4),
            ["parents"] = new JsonObject(),
            ["suite"] = CheckpointerRun.SuitePlaceholder,
        };
        if (_random.Next(100) < 80)
        {
            metadata["run_id"] = CheckpointerRun.RunPlaceholderPrefix + _random.Next(RunCount).ToString(CultureInfo.InvariantCulture);
        }

        if (_random.Next(2) == 0)
        {
            metadata["tag"] = Pick(Tags);
        }

        if (_random.Next(100) < 20)
        {
            metadata["nested"] = new JsonObject { ["label"] = label, ["list"] = new JsonArray(1, "two", null, 2.5) };
        }

        return metadata;
    }

    private object? RandomChannelValue(string channel, object? previous, int label) => channel switch
    {
        "messages" => new List<string>(previous as List<string> ?? []) { $"message {label}.{_random.Next(100)}" },
        "counter" => (long)_random.Next(-5, 1000),
        "status" => _random.Next(100) < 10 ? null : Pick(["idle", "running", "done", "ünïcødé ✓"]),
        "doc" => new Dictionary<string, object?>
        {
            ["a"] = (long)_random.Next(100),
            ["b"] = new List<object?> { "x", (long)label, _random.Next(2) == 0, null },
            ["c"] = new Dictionary<string, object?> { ["deep"] = 0.5 + _random.Next(10) },
        },
        _ => _random.Next(100) + 0.25,
    };

    private object? RandomWriteValue() => _random.Next(4) switch
    {
        0 => $"value {_random.Next(1000)}",
        1 => (long)_random.Next(1000),
        2 => new List<string> { "w", _random.Next(10).ToString(CultureInfo.InvariantCulture) },
        _ => null,
    };

    private string NextVersion(string? current) =>
        string.Create(CultureInfo.InvariantCulture, $"{ChannelVersion.GetCounter(current) + 1:D32}.{_random.NextInt64(0, 10_000_000_000_000_000L):D16}");

    // Ids look like UUIDv6 and mostly grow with creation; a few are "late" (smaller than ones already written), so the
    // latest checkpoint is the largest id, not the last inserted.
    private string NewId()
    {
        _idCounter += 1;
        var counter = _idCounter > 3 && _random.Next(100) < 5 ? _random.Next(1, _idCounter) : _idCounter;
        return string.Create(CultureInfo.InvariantCulture, $"1f0{counter:x5}-{Hex(4)}-6{Hex(3)}-8{Hex(3)}-{Hex(12)}");
    }

    private CheckpointRef Unknown() => new(0, NewId());

    // Mostly where checkpoints are, so reads find something; sometimes anywhere.
    private (int Thread, string Ns) PickLocation() =>
        _random.Next(100) < 75 && _created.Where(p => p.Value.Count > 0).Select(p => p.Key).ToList() is { Count: > 0 } occupied
            ? Pick(occupied)
            : (_random.Next(CheckpointerModel.ThreadCount), Pick(Namespaces));

    private CheckpointRef? AnyCreated() => _created.Values.SelectMany(v => v).ToList() is { Count: > 0 } all ? Pick(all) : null;

    private List<CheckpointRef> Created(int thread, string ns)
    {
        if (!_created.TryGetValue((thread, ns), out var list))
        {
            list = [];
            _created[(thread, ns)] = list;
        }

        return list;
    }

    private string Hex(int digits) => string.Concat(Enumerable.Range(0, digits).Select(_ => "0123456789abcdef"[_random.Next(16)]));

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
