using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Transfer;

/// <summary>
/// Counts and a SHA-256 checksum of a thread in its stored form, computed the same way on any backend: every checkpoint
/// (list order: newest first, then namespace) with its canonical checkpoint JSON, metadata and parent, the type and
/// bytes of every stored value it refers to (chunks included, a missing value marked), and its pending writes with
/// their indexes. Two threads with the same checksum read back identically.
/// </summary>
internal sealed class ThreadDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Dictionary<(string Ns, string Channel, string Version), string> _valueHashes = [];
    private string? _result;

    public int Checkpoints { get; private set; }

    public int Writes { get; private set; }

    /// <summary>Gets the number of distinct stored values (per namespace, channel and version).</summary>
    public int Values => _valueHashes.Count;

    /// <summary>Gets the ids of the checkpoints added, by namespace.</summary>
    public HashSet<(string Ns, string Id)> Ids { get; } = [];

    /// <summary>Gets the checksum, as lowercase hex; no checkpoint can be added after reading it.</summary>
    public string Sha256 => _result ??= Convert.ToHexStringLower(_hash.GetHashAndReset());

    /// <summary>Adds the next checkpoint of the thread, in list order.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    public void Add(RawCheckpoint checkpoint)
    {
        if (_result is not null)
        {
            throw new InvalidOperationException("The checksum has already been read.");
        }

        Checkpoints++;
        Writes += checkpoint.Writes.Count;
        Ids.Add((checkpoint.CheckpointNs, checkpoint.CheckpointId));
        var text = new StringBuilder();
        text.Append("checkpoint\n").Append(checkpoint.CheckpointNs).Append('\n').Append(checkpoint.CheckpointId).Append('\n')
            .Append(checkpoint.ParentCheckpointId ?? "-").Append('\n');
        CanonicalJson.Append(text, CheckpointJson.ToJsonObject(checkpoint.Checkpoint));
        text.Append('\n');
        CanonicalJson.Append(text, checkpoint.Metadata.Values);
        text.Append('\n');
        var blobs = checkpoint.Blobs.ToDictionary(b => (b.Channel, b.Version));
        foreach (var (channel, version) in checkpoint.Checkpoint.ChannelVersions.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            text.Append("value ").Append(channel).Append('\u0000').Append(version).Append('\u0000');
            text.Append(blobs.TryGetValue((channel, version), out var blob)
                ? HashOf(checkpoint.CheckpointNs, blob)
                : _valueHashes.GetValueOrDefault((checkpoint.CheckpointNs, channel, version)) ?? "missing").Append('\n');
        }

        foreach (var write in checkpoint.Writes.OrderBy(w => w.TaskId, StringComparer.Ordinal).ThenBy(w => w.Index))
        {
            text.Append("write ").Append(write.TaskId).Append('\u0000').Append(write.TaskPath).Append('\u0000')
                .Append(write.Index.ToString(CultureInfo.InvariantCulture)).Append('\u0000').Append(write.Channel).Append('\u0000')
                .Append(write.Value.Type).Append('\u0000').Append(Convert.ToHexStringLower(SHA256.HashData(write.Value.Data ?? []))).Append('\n');
        }

        _hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Returns the counts and checksum as JSON (the export file's <c>thread_end</c> line).</summary>
    /// <returns>The object.</returns>
    public JsonObject ToJson() => new() { ["checkpoints"] = Checkpoints, ["writes"] = Writes, ["values"] = Values, ["sha256"] = Sha256 };

    /// <inheritdoc />
    public void Dispose() => _hash.Dispose();

    // A long conversation's checkpoints all refer to the same chunks: hash each stored value once. A value is stored once
    // per (thread, namespace, channel, version), so a checkpoint replayed from an export file, which carries only the
    // values no newer checkpoint carried, finds the others here.
    private string HashOf(string ns, SerializedBlob blob)
    {
        var key = (ns, blob.Channel, blob.Version);
        if (!_valueHashes.TryGetValue(key, out var hash))
        {
            hash = blob.Value.Type + "\u0000" + Convert.ToHexStringLower(SHA256.HashData(blob.Value.Data ?? []));
            _valueHashes[key] = hash;
        }

        return hash;
    }
}
