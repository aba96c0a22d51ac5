using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Traces, metrics and logs (contract "Observability"): every saver and store operation is one client span following
/// OpenTelemetry's database conventions, failures carry their type, metrics record durations and bytes, nothing
/// identifying is recorded unless asked for, and nothing is logged at Information on the hot path.
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class TelemetryTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Every_saver_operation_is_one_client_span_with_database_attributes(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        using var telemetry = new TelemetryCollector();

        var configs = await TestData.PutChainAsync(saver, threadId, 2);
        await saver.PutWritesAsync(configs[^1], [new ChannelWrite("pending", "value")], "task-1");
        await saver.GetTupleAsync(TestData.Config(threadId));
        await saver.ListAsync(TestData.Config(threadId));
        await saver.DeleteThreadAsync(threadId);

        Assert.Equal(2, telemetry.SpansOf("put").Count);
        foreach (var operation in new[] { "put", "put_writes", "get_tuple", "list", "delete_thread" })
        {
            var span = telemetry.SpansOf(operation)[0];
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal($"{operation} checkpoints", span.DisplayName);
            Assert.Equal(TestStore.DatabaseSystemName, span.GetTagItem("db.system.name"));
            Assert.Equal("checkpoints", span.GetTagItem("db.collection.name"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.Null(span.GetTagItem("error.type"));
        }

        Assert.Equal(2, telemetry.SpansOf("list")[0].GetTagItem("db.response.returned_rows"));
    }

    [Theory, BothModes]
    public virtual async Task Spans_never_carry_thread_ids_or_values_by_default(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        const string secret = "value-that-must-not-leak";
        using var telemetry = new TelemetryCollector();

        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["secret"] = secret });
        var config = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        await saver.GetTupleAsync(config);

        var recorded = telemetry.Spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty).Append(s.DisplayName)).ToList();
        Assert.NotEmpty(telemetry.Spans);
        Assert.DoesNotContain(recorded, v => v.Contains(threadId, StringComparison.Ordinal) || v.Contains(secret, StringComparison.Ordinal));
    }

    [Theory, BothModes]
    public virtual async Task A_failed_operation_marks_its_span_as_an_error_with_the_exception_type(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var source = NewThreadId();
        var target = NewThreadId();
        await TestData.PutChainAsync(saver, source, 1);
        await TestData.PutChainAsync(saver, target, 1);
        using var telemetry = new TelemetryCollector();

        await Assert.ThrowsAsync<InvalidOperationException>(() => saver.CopyThreadAsync(source, target));

        var span = Assert.Single(telemetry.SpansOf("copy_thread"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, span.GetTagItem("error.type"));
        var duration = Assert.Single(telemetry.MeasurementsOf(CheckpointTelemetry.OperationDuration, "copy_thread"));
        Assert.Equal(typeof(InvalidOperationException).FullName, duration.Tags["error.type"]);
    }

    [Theory, BothModes]
    public virtual async Task Saver_metrics_record_duration_and_bytes_written_and_read(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        using var telemetry = new TelemetryCollector();

        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["text"] = new string('x', 1000) });
        var config = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        await saver.GetTupleAsync(config);

        var duration = Assert.Single(telemetry.MeasurementsOf(CheckpointTelemetry.OperationDuration, "put"));
        Assert.True(duration.Value >= 0);
        Assert.Equal(TestStore.DatabaseSystemName, duration.Tags["db.system.name"]);
        Assert.Equal("checkpoints", duration.Tags["db.collection.name"]);
        Assert.False(duration.Tags.ContainsKey("error.type"));
        Assert.True(Assert.Single(telemetry.MeasurementsOf(CheckpointTelemetry.BytesWritten, "put")).Value > 1000);
        Assert.True(Assert.Single(telemetry.MeasurementsOf(CheckpointTelemetry.BytesRead, "get_tuple")).Value >= 1000);
        Assert.Single(telemetry.MeasurementsOf(CheckpointTelemetry.OperationDuration, "get_tuple"));
    }

    [Theory, BothModes]
    public virtual async Task A_warm_read_of_a_long_list_reports_cache_hits_and_a_cold_read_cache_misses(ApiMode mode)
    {
        var writer = CreateSaver(mode);
        var threadId = NewThreadId();
        // 200 items of ~200 bytes (40 KiB): a manifest and 4 chunks, of 64, 64, 64 and 8 items (contracts.md, "Long lists").
        const int chunks = 4;
        var list = Enumerable.Range(0, 200).Select(i => $"{i}:{new string('x', 200)}").ToList();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["messages"] = list });
        var config = await writer.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var reader = CreateSaver(mode);
        using var telemetry = new TelemetryCollector();

        await reader.GetTupleAsync(config);
        await reader.GetTupleAsync(config);
        await writer.GetTupleAsync(config);

        // The fresh saver loads every chunk from the database once; after that, and in the saver that wrote them, they come from memory.
        Assert.Equal([0, chunks, chunks], telemetry.MeasurementsOf(CheckpointTelemetry.CacheHits, "get_tuple").Select(m => m.Value));
        Assert.Equal([chunks, 0, 0], telemetry.MeasurementsOf(CheckpointTelemetry.CacheMisses, "get_tuple").Select(m => m.Value));
    }

    [Theory, BothModes]
    public virtual async Task Every_store_operation_is_one_client_span_named_after_it(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = NewNamespace();
        using var telemetry = new TelemetryCollector();

        await store.PutAsync(ns, "k", Json("""{"v":1}"""));
        await store.GetAsync(ns, "k");
        await store.SearchAsync(ns);
        await store.BatchAsync([new GetOperation(ns, "k"), new GetOperation(ns, "other")]);
        await store.DeleteAsync(ns, "k");

        foreach (var operation in new[] { "put", "get", "search", "batch", "delete" })
        {
            var span = Assert.Single(telemetry.SpansOf(operation));
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal($"{operation} store", span.DisplayName);
            Assert.Equal(TestStore.DatabaseSystemName, span.GetTagItem("db.system.name"));
            Assert.Equal("store", span.GetTagItem("db.collection.name"));
        }

        Assert.Equal(2, telemetry.SpansOf("batch")[0].GetTagItem("db.operation.batch.size"));
        Assert.True(Assert.Single(telemetry.MeasurementsOf(CheckpointTelemetry.BytesWritten, "put")).Value > 0);
        Assert.True(Assert.Single(telemetry.MeasurementsOf(CheckpointTelemetry.BytesRead, "get")).Value > 0);
        var recorded = telemetry.Spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? string.Empty)).ToList();
        Assert.DoesNotContain(recorded, v => v.Contains(ns[0], StringComparison.Ordinal));
    }

    [Theory, BothModes]
    public virtual async Task Setup_is_traced_and_logged_without_information_on_the_hot_path(ApiMode mode)
    {
        var database = await CreateDatabaseAsync();
        var logs = new RecordingLoggerFactory();
        var options = Options(Clock());
        // No slow-operation warnings either: a loaded machine must not make this test fail.
        options.Diagnostics = new CheckpointDiagnosticsOptions { LoggerFactory = logs, SlowOperationThreshold = Timeout.InfiniteTimeSpan };
        var store = new StoreApi(Track(database.CreateStore(options)), mode);
        using var telemetry = new TelemetryCollector();

        await store.SetupAsync();
        var afterSetup = logs.Entries.Count;
        await store.PutAsync(NewNamespace(), "k", Json("""{"v":1}"""));
        await store.GetAsync(["absent"], "k");

        Assert.Single(telemetry.SpansOf("setup"));
        Assert.NotEqual(0, afterSetup);
        Assert.DoesNotContain(logs.Entries.Skip(afterSetup), e => e.Level >= LogLevel.Information);
    }

    [Theory, BothModes]
    public virtual async Task An_operation_slower_than_the_threshold_is_logged_as_a_warning_without_ids(ApiMode mode)
    {
        var logs = new RecordingLoggerFactory();
        var options = Options(Clock());
        options.Diagnostics = new CheckpointDiagnosticsOptions { LoggerFactory = logs, SlowOperationThreshold = TimeSpan.Zero };
        var store = CreateStore(mode, options);
        var ns = NewNamespace();

        await store.PutAsync(ns, "secret-key", Json("""{"v":"secret-value"}"""));

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("Slow put", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ns[0], warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", warning.Message, StringComparison.Ordinal);
    }
}
