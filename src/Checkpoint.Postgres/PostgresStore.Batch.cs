using System.Text.Json.Nodes;
using Checkpoint.Postgres.Internal;
using Checkpoint.Providers;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres;

/// <content>Batches: every operation becomes statements of one <see cref="NpgsqlBatch"/>, read back in order.</content>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    protected override async Task<IReadOnlyList<object?>> BatchCore(bool async, StoreBatchRequest request, CancellationToken cancellationToken)
    {
        var operations = request.Operations;
        var documents = SerializeDocuments(operations);
        var now = GetNow();
        var results = new object?[operations.Count];
        var commands = new List<NpgsqlBatchCommand>();
        var reads = new List<int>();
        var readers = new HashSet<NpgsqlBatchCommand>(ReferenceEqualityComparer.Instance);
        var prepare = true;

        // Everything is composed before a connection is opened: a request that cannot be translated fails with
        // nothing sent. Reads naming namespaces no put could have written match nothing: answered here.
        for (var i = 0; i < operations.Count; i++)
        {
            switch (operations[i])
            {
                case GetOperation get:
                    if (get.Namespace.IsEmpty || CannotBeStored(get.Namespace) || get.Key.Contains('\0', StringComparison.Ordinal))
                    {
                        break;
                    }

                    commands.Add(new NpgsqlBatchCommand(_sql.Get)
                        .AddText(get.Namespace.Path)
                        .AddText(get.Key)
                        .Add(now, NpgsqlDbType.TimestampTz)
                        .Add(ResolveRefreshTtl(get.RefreshTtl), NpgsqlDbType.Boolean));
                    reads.Add(i);
                    readers.Add(commands[^1]);
                    break;
                case PutOperation { Value: null } delete:
                    commands.Add(new NpgsqlBatchCommand(_sql.Delete).AddText(delete.Namespace.Path).AddText(delete.Key));
                    break;
                case PutOperation put:
                    AddPut(commands, put, documents[put], request.EmbeddingsOf(put), now);
                    break;
                case SearchOperation search:
                    results[i] = new List<SearchItem>();
                    if (CannotBeStored(search.NamespacePrefix))
                    {
                        break;
                    }

                    var conditions = StoreFilter.Parse(search.Filter);
                    commands.Add(StoreCommands.Search(_sql, search, conditions, request.QueryEmbeddingOf(search), now, ResolveRefreshTtl(search.RefreshTtl)));
                    prepare &= conditions.Count == 0;
                    reads.Add(i);
                    readers.Add(commands[^1]);
                    break;
                case ListNamespacesOperation list:
                    results[i] = new List<StoreNamespace>();
                    if ((list.MatchConditions ?? []).Any(c => CannotBeStored(c.Path.Where(l => l != NamespaceMatch.Wildcard))))
                    {
                        break;
                    }

                    commands.Add(StoreCommands.ListNamespaces(_sql, list, now));
                    prepare = false;
                    reads.Add(i);
                    readers.Add(commands[^1]);
                    break;
            }
        }

        if (commands.Count == 0)
        {
            return results;
        }

        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        if (!async && commands.Count > 1)
        {
            // Npgsql sends later statements of a synchronous batch from the thread pool (see PostgresExecutor).
            var r = 0;
            _executor.ExecuteEachInTransaction(batch, prepare, one =>
            {
                if (!readers.Contains(one.BatchCommands[0]))
                {
                    return one.ExecuteNonQuery();
                }

                using var reader = one.ExecuteReader();
                results[reads[r]] = ReadResultAsync(async: false, reader, operations[reads[r]], CancellationToken.None).GetAwaiter().GetResult();
                r++;
                return 0;
            });
            return results;
        }

        if (reads.Count == 0)
        {
            await _executor.ExecuteNonQueryAsync(async, batch, prepare, cancellationToken).ConfigureAwait(false);
            return results;
        }

        // Only statements that return rows (the reads) produce result sets, one each, in batch order.
        await using var reader = await _executor.ExecuteReaderAsync(async, batch, prepare, cancellationToken).ConfigureAwait(false);
        for (var r = 0; r < reads.Count; r++)
        {
            if (r > 0 && !await _executor.NextResultAsync(async, batch, prepare, reader, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The store batch returned fewer result sets than it has reads.");
            }

            results[reads[r]] = await ReadResultAsync(async, reader, operations[reads[r]], cancellationToken).ConfigureAwait(false);
        }

        // Surface errors of writes queued after the last read: the whole batch rolled back.
        while (await _executor.NextResultAsync(async, batch, prepare, reader, cancellationToken).ConfigureAwait(false))
        {
        }

        return results;
    }

    private static async Task<object?> ReadResultAsync(bool async, NpgsqlDataReader reader, StoreOperation operation, CancellationToken cancellationToken) => operation switch
    {
        GetOperation get => await ReadItemAsync(async, reader, get, cancellationToken).ConfigureAwait(false),
        SearchOperation => await ReadSearchAsync(async, reader, cancellationToken).ConfigureAwait(false),
        _ => await ReadNamespacesAsync(async, reader, cancellationToken).ConfigureAwait(false),
    };

    /// <summary>Serializes every document once, refusing (before any I/O) those jsonb cannot hold.</summary>
    private static Dictionary<PutOperation, string> SerializeDocuments(IReadOnlyList<StoreOperation> operations)
    {
        var documents = new Dictionary<PutOperation, string>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is PutOperation { Value: { } value } put)
            {
                var json = value.ToJsonString();
                JsonNulGuard.ThrowIfContainsNul(json, $"Operation {i}: the document {put.Namespace}/{put.Key}", nameof(operations));
                documents[put] = json;
            }
        }

        return documents;
    }

    /// <summary>
    /// Returns whether labels could never have been written (puts validate namespaces, reads do not): an empty label,
    /// or one with '.' (which would alias another namespace's path) or NUL (which PostgreSQL text cannot hold).
    /// </summary>
    private static bool CannotBeStored(IEnumerable<string> labels) =>
        labels.Any(l => l.Length == 0 || l.Contains(StoreNamespace.Separator, StringComparison.Ordinal) || l.Contains('\0', StringComparison.Ordinal));

    private void AddPut(List<NpgsqlBatchCommand> commands, PutOperation put, string document, IReadOnlyList<FieldEmbedding> fields, DateTimeOffset now)
    {
        var ttl = ResolveTtl(put);
        var path = put.Namespace.Path;
        commands.Add(new NpgsqlBatchCommand(_sql.Put)
            .AddText(path)
            .AddText(put.Key)
            .Add(document, NpgsqlDbType.Jsonb)
            .Add(now, NpgsqlDbType.TimestampTz)
            .Add(ttl is { } live ? now + live : null, NpgsqlDbType.TimestampTz)
            .Add(ttl, NpgsqlDbType.Interval));

        // An overwrite replaces the embeddings, whatever indexing the previous put used.
        commands.Add(new NpgsqlBatchCommand(_sql.DeleteVectors).AddText(path).AddText(put.Key));
        foreach (var field in fields)
        {
            commands.Add(new NpgsqlBatchCommand(_sql.InsertVector)
                .AddText(path)
                .AddText(put.Key)
                .AddText(field.Field)
                .Add(field.Vector, NpgsqlDbType.Array | NpgsqlDbType.Real)
                .Add(now, NpgsqlDbType.TimestampTz));
        }
    }

    private static async Task<Item?> ReadItemAsync(bool async, NpgsqlDataReader reader, GetOperation get, CancellationToken cancellationToken)
    {
        if (!(async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read()))
        {
            return null;
        }

        return new Item(get.Namespace, get.Key, ReadStoredDocument(get.Namespace, get.Key, reader.GetString(0)), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2));
    }

    private static async Task<List<SearchItem>> ReadSearchAsync(bool async, NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var items = new List<SearchItem>();
        while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
        {
            var ns = StoreNamespace.FromPath(reader.GetString(0));
            var key = reader.GetString(1);
            items.Add(new SearchItem(
                ns,
                key,
                ReadStoredDocument(ns, key, reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetDouble(5)));
        }

        return items;
    }

    private static async Task<List<StoreNamespace>> ReadNamespacesAsync(bool async, NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var namespaces = new List<StoreNamespace>();
        while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
        {
            namespaces.Add(StoreNamespace.FromPath(reader.GetString(0)));
        }

        return namespaces;
    }
}
