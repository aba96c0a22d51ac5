using System.Text.Json.Nodes;

namespace Checkpoint.Providers;

/// <summary>
/// A validated list request, as a backend receives it in <see cref="BaseCheckpointSaver.ListCore"/>.
/// </summary>
/// <param name="ThreadId">Restrict to this thread; <see langword="null"/> lists every thread.</param>
/// <param name="CheckpointNs">Restrict to this namespace; <see langword="null"/> lists every namespace.</param>
/// <param name="CheckpointId">Restrict to this checkpoint id; <see langword="null"/> for any.</param>
/// <param name="Filter">Top-level metadata equality filter; empty matches everything. Match it with <see cref="JsonValueComparer.MetadataMatches"/> when filtering in process.</param>
/// <param name="Before">Only ids ordinally smaller than this; <see langword="null"/> for no bound.</param>
/// <param name="Limit">The maximum number of results; <see langword="null"/> for no limit. Never negative.</param>
public sealed record CheckpointListQuery(
    string? ThreadId,
    string? CheckpointNs,
    string? CheckpointId,
    IReadOnlyDictionary<string, JsonNode?> Filter,
    string? Before,
    int? Limit);
