using System.Text.Json.Nodes;

namespace Checkpoint.Benchmarks;

/// <summary>
/// Store mode: long-term memory at growing sizes. Items are spread over 1,000 namespaces <c>("memories", "user-NNNN")</c>
/// and loaded in batches up to each size (1,000, 10,000 and 100,000 by default); at each size it times a put (upsert of
/// an existing item, embedding included), a get, a filtered search in one namespace and across all of them, listing
/// namespaces, and a semantic search (deterministic fake embedder) in one namespace and across all of them.
/// </summary>
internal sealed class StoreWorkload(Progress progress, IReadOnlyList<int> sizes)
{
    public static readonly int[] DefaultSizes = [1_000, 10_000, 100_000];

    private const int Namespaces = 1_000;
    private const int Samples = 200;
    private const int WideSamples = 20;
    private const int LoadBatch = 500;
    private const int Dimensions = 64;

    private static readonly Dictionary<string, JsonNode?> PreferenceFilter = new() { ["kind"] = "preference" };

    public async Task RunAsync(IBenchBackend backend, BackendResult result)
    {
        var index = new StoreIndexOptions { EmbeddingGenerator = new BenchEmbeddingGenerator(Dimensions), Dimensions = Dimensions, Fields = ["text"] };
        await using var store = await backend.CreateStoreAsync(index).ConfigureAwait(false);
        var loaded = 0;
        foreach (var size in sizes.Order())
        {
            while (loaded < size)
            {
                var count = Math.Min(LoadBatch, size - loaded);
                await store.BatchAsync([.. Enumerable.Range(loaded, count).Select(i => new PutOperation(NamespaceOf(i), KeyOf(i), ValueOf(i, 0)))]).ConfigureAwait(false);
                loaded += count;
                progress.Report($"[{backend.Name}] store load {loaded:N0}/{size:N0}");
            }

            var random = new Random(size);
            int Any() => random.Next(size);
            var root = new StoreNamespace(["memories"]);
            result.Store.Add(await TimeAsync(backend, size, "put", Samples, i =>
            {
                var item = Any();
                return () => store.PutAsync(NamespaceOf(item), KeyOf(item), ValueOf(item, i));
            }).ConfigureAwait(false));
            result.Store.Add(await TimeAsync(backend, size, "get", Samples, _ =>
            {
                var item = Any();
                return () => store.GetAsync(NamespaceOf(item), KeyOf(item));
            }).ConfigureAwait(false));
            result.Store.Add(await TimeAsync(backend, size, "search_filter", Samples, _ =>
            {
                var ns = NamespaceOf(Any());
                return () => DrainAsync(store.SearchAsync(ns, filter: PreferenceFilter, limit: 10));
            }).ConfigureAwait(false));
            result.Store.Add(await TimeAsync(backend, size, "search_filter_all", WideSamples, _ =>
                () => DrainAsync(store.SearchAsync(root, filter: PreferenceFilter, limit: 10))).ConfigureAwait(false));
            result.Store.Add(await TimeAsync(backend, size, "list_namespaces", Samples, _ =>
                () => DrainAsync(store.ListNamespacesAsync(root, limit: 100))).ConfigureAwait(false));
            result.Store.Add(await TimeAsync(backend, size, "semantic_search", Samples, i =>
            {
                var ns = NamespaceOf(Any());
                var query = ConversationState.MessageText(i)[..60];
                return () => DrainAsync(store.SearchAsync(ns, query: query, limit: 10));
            }).ConfigureAwait(false));
            result.Store.Add(await TimeAsync(backend, size, "semantic_search_all", WideSamples, i =>
            {
                var query = ConversationState.MessageText(i)[..60];
                return () => DrainAsync(store.SearchAsync(root, query: query, limit: 10));
            }).ConfigureAwait(false));
        }
    }

    private static StoreNamespace NamespaceOf(int item) => new(["memories", $"user-{item % Namespaces:D4}"]);

    private static string KeyOf(int item) => $"item-{item:D6}";

    private static JsonObject ValueOf(int item, int revision) => new()
    {
        ["text"] = ConversationState.MessageText(item + revision),
        ["kind"] = item % 5 == 0 ? "preference" : "fact",
        ["rank"] = item % 100,
    };

    private static async Task DrainAsync<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items.ConfigureAwait(false))
        {
        }
    }

    private async Task<StorePoint> TimeAsync(IBenchBackend backend, int size, string op, int count, Func<int, Func<Task>> prepare)
    {
        var recorder = new LatencyRecorder();
        recorder.Start();
        for (var i = 1; i <= count; i++)
        {
            await recorder.TimeAsync(prepare(i)).ConfigureAwait(false);
            if (i % 10 == 0 || i == count)
            {
                progress.Report($"[{backend.Name}] store {size:N0} items: {op} {i}/{count}");
            }
        }

        recorder.Stop();
        var measured = recorder.ToResult(op);
        return new StorePoint(op, size, measured.P50Micros, measured.AllocatedBytesPerOp, measured.Count);
    }
}
