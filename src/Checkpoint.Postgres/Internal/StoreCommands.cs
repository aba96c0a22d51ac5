using Checkpoint.Providers;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres.Internal;

/// <summary>Composes the store's search and list-namespaces statements, whose shape depends on the request.</summary>
internal static class StoreCommands
{
    private const string Order = "updated_at DESC, prefix COLLATE \"C\", key COLLATE \"C\"";
    private const string ScoredOrder = "score DESC NULLS LAST, " + Order;

    /// <summary>
    /// Builds a search: non-expired items under the prefix that match the filter, ordered (by score when there is
    /// a query), paged in SQL, with the returned items' time to live refreshed in the same statement.
    /// </summary>
    public static NpgsqlBatchCommand Search(StoreSql sql, SearchOperation search, IReadOnlyList<FilterCondition> conditions, float[]? query, DateTimeOffset now, bool refresh)
    {
        var command = new NpgsqlBatchCommand();
        var nowParameter = StoreFilterSql.Parameter(command, now, NpgsqlDbType.TimestampTz);
        var where = new List<string> { $"(expires_at IS NULL OR expires_at > {nowParameter})" };
        if (!search.NamespacePrefix.IsEmpty)
        {
            var path = search.NamespacePrefix.Path;

            // Bytewise range on the text_pattern_ops index: "a.b" itself, or anything from "a.b." up to (excluding)
            // "a.b/" ('/' follows '.'), that is every namespace below it.
            var exact = StoreFilterSql.Parameter(command, path, NpgsqlDbType.Text);
            var low = StoreFilterSql.Parameter(command, path + ".", NpgsqlDbType.Text);
            var high = StoreFilterSql.Parameter(command, path + "/", NpgsqlDbType.Text);
            where.Add($"(prefix = {exact} OR (prefix ~>=~ {low} AND prefix ~<~ {high}))");
        }

        if (conditions.Count > 0)
        {
            // A document that is not an object (changed outside the library) passes every filter, so the store reads
            // it and reports it rather than the search leaving it out.
            where.Add($"(jsonb_typeof(value) <> 'object' OR ({string.Join(" AND ", StoreFilterSql.Translate(conditions, command))}))");
        }
        var limit = StoreFilterSql.Parameter(command, search.Limit, NpgsqlDbType.Integer);
        var offset = StoreFilterSql.Parameter(command, search.Offset, NpgsqlDbType.Integer);
        var refreshParameter = StoreFilterSql.Parameter(command, refresh, NpgsqlDbType.Boolean);
        var candidates = $"SELECT prefix, key, value, created_at, updated_at FROM {sql.Store} WHERE {string.Join(" AND ", where)}";
        string page;
        string order;
        if (query is null)
        {
            order = Order;
            page = $"SELECT prefix, key, value, created_at, updated_at, NULL::float8 AS score FROM ({candidates}) c ORDER BY {order} LIMIT {limit} OFFSET {offset}";
        }
        else
        {
            // Cosine similarity computed in double precision, in the same order as VectorMath; an item's score is
            // its best field. Items without embeddings score NULL and sort after every scored item.
            var vector = StoreFilterSql.Parameter(command, query, NpgsqlDbType.Array | NpgsqlDbType.Real);
            order = ScoredOrder;
            page = $"""
                SELECT c.prefix, c.key, c.value, c.created_at, c.updated_at,
                       (SELECT max(CASE WHEN x.qq = 0 OR x.ee = 0 THEN 0 ELSE x.dot / (sqrt(x.qq) * sqrt(x.ee)) END)
                        FROM {sql.Vectors} v
                        CROSS JOIN LATERAL (
                            SELECT sum(u.q::float8 * u.e::float8) AS dot, sum(u.q::float8 * u.q::float8) AS qq, sum(u.e::float8 * u.e::float8) AS ee
                            FROM unnest({vector}::real[], v.embedding) AS u(q, e)) x
                        WHERE v.prefix = c.prefix AND v.key = c.key) AS score
                FROM ({candidates}) c
                ORDER BY {ScoredOrder} LIMIT {limit} OFFSET {offset}
                """;
        }

        command.CommandText = $"""
            WITH page AS ({page}),
            refreshed AS (
                UPDATE {sql.Store} t SET expires_at = {nowParameter} + t.ttl
                FROM page p WHERE {refreshParameter} AND t.prefix = p.prefix AND t.key = p.key AND t.ttl IS NOT NULL)
            SELECT prefix, key, value::text, created_at, updated_at, score FROM page ORDER BY {order}
            """;
        return command;
    }

    /// <summary>
    /// Builds a list of distinct namespaces (truncated to a depth) of non-expired items that meet every condition, as a
    /// loose index scan (<see cref="NamespaceWalk"/> in SQL): a recursive query seeks the next namespace path on the
    /// <c>text_pattern_ops</c> prefix index, one seek per namespace visited, and stops when the page is full; with a
    /// depth it jumps past the rest of a subtree once the subtree's truncation is listed.
    /// </summary>
    public static NpgsqlBatchCommand ListNamespaces(StoreSql sql, ListNamespacesOperation list, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand();
        var fixedPrefix = NamespaceWalk.FixedPrefix(list);
        var from = StoreFilterSql.Parameter(command, fixedPrefix.Path, NpgsqlDbType.Text);
        var range = $"(expires_at IS NULL OR expires_at > {StoreFilterSql.Parameter(command, now, NpgsqlDbType.TimestampTz)})";
        if (!fixedPrefix.IsEmpty)
        {
            range += $" AND prefix ~<~ {StoreFilterSql.Parameter(command, fixedPrefix.Path + NamespaceWalk.AfterSeparator, NpgsqlDbType.Text)}";
        }

        var hit = Matches(command, list, "s.prefix");
        var depth = list.MaxDepth is { } d ? StoreFilterSql.Parameter(command, d, NpgsqlDbType.Integer) : null;
        // Parenthesised where used: ~>=~ and || share a precedence level and group left to right.
        var next = depth is null
            ? "w.path || chr(1)"
            : $"CASE WHEN w.hit AND cardinality(string_to_array(w.path, '.')) > {depth} THEN {Truncate("w.path", depth)} || '/' ELSE w.path || chr(1) END";
        var limit = StoreFilterSql.Parameter(command, list.Limit, NpgsqlDbType.Integer);
        var offset = StoreFilterSql.Parameter(command, list.Offset, NpgsqlDbType.Integer);

        // Without a depth the walk yields paths in the final order and the LIMIT stops it; a truncation can order
        // before a path visited earlier, so with a depth the (few) truncations are sorted.
        var page = depth is null
            ? $"SELECT path FROM walk WHERE hit LIMIT {limit} OFFSET {offset}"
            : $"""SELECT ns FROM (SELECT DISTINCT {Truncate("path", depth)} AS ns FROM walk WHERE hit) n ORDER BY ns COLLATE "C" LIMIT {limit} OFFSET {offset}""";
        command.CommandText = $"""
            WITH RECURSIVE walk(path, hit) AS (
                SELECT s.prefix, {hit} FROM (
                    SELECT prefix FROM {sql.Store} WHERE prefix ~>=~ {from} AND {range} ORDER BY prefix USING ~<~ LIMIT 1) s
                UNION ALL
                SELECT s.prefix, {hit} FROM walk w CROSS JOIN LATERAL (
                    SELECT prefix FROM {sql.Store} WHERE prefix ~>=~ ({next}) AND {range} ORDER BY prefix USING ~<~ LIMIT 1) s)
            {page}
            """;
        return command;
    }

    private static string Truncate(string path, string depth) => $"array_to_string((string_to_array({path}, '.'))[1:{depth}], '.')";

    /// <summary>Whether the namespace in <paramref name="path"/> meets every condition of the listing.</summary>
    private static string Matches(NpgsqlBatchCommand command, ListNamespacesOperation list, string path)
    {
        var labels = $"string_to_array({path}, '.')";
        var matches = new List<string> { "true" };
        foreach (var condition in list.MatchConditions ?? [])
        {
            // The pattern as an array with NULL for each wildcard; every non-NULL label must equal the namespace's
            // label at the same position, counted from the start (prefix) or the end (suffix).
            var pattern = condition.Path.Select(l => l == NamespaceMatch.Wildcard ? null : l).ToArray();
            var p = StoreFilterSql.Parameter(command, pattern, NpgsqlDbType.Array | NpgsqlDbType.Text);
            var position = condition.Type == NamespaceMatchType.Prefix ? "p.i" : $"cardinality({labels}) - cardinality({p}::text[]) + p.i";
            matches.Add($"""
                (cardinality({labels}) >= cardinality({p}::text[]) AND NOT EXISTS (
                    SELECT 1 FROM unnest({p}::text[]) WITH ORDINALITY AS p(label, i)
                    WHERE p.label IS NOT NULL AND ({labels})[{position}] IS DISTINCT FROM p.label))
                """);
        }

        return string.Join(" AND ", matches);
    }
}
