using System.Text.Json;
using AgentFrameworkSample;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace Checkpoint.AgentFramework.Tests.Workflows;

public sealed class CheckpointWorkflowStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Index_lists_checkpoints_in_commit_order_and_the_manager_resumes_the_last(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var store = new CheckpointWorkflowStore(backend.Saver);
        var session = NewSession();
        var created = new List<CheckpointInfo>();
        CheckpointInfo? parent = null;
        for (var i = 0; i < 6; i++)
        {
            parent = await store.CreateCheckpointAsync(session, Json($$"""{"step":{{i}}}"""), parent);
            created.Add(parent);
        }

        Assert.Equal(created, await store.RetrieveIndexAsync(session));
        Assert.Equal(created.Count, created.Select(c => c.CheckpointId).Distinct().Count());
        var manager = CheckpointManager.CreateJson(store);
        Assert.Equal(created[^1], await manager.GetLatestCheckpointAsync(session, Token));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Retrieve_returns_the_stored_json_exactly(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var store = new CheckpointWorkflowStore(backend.Saver);
        var session = NewSession();
        const string Document = """{"big":12345678901234567890,"pi":3.141592653589793,"text":"ünïcødé 🙂 \"quoted\"","nested":{"list":[1,null,true,{"a":[]}]}}""";
        var info = await store.CreateCheckpointAsync(session, Json(Document));

        var read = await store.RetrieveCheckpointAsync(session, info);

        Assert.True(JsonElement.DeepEquals(Json(Document), read), read.GetRawText());
        Assert.Equal("12345678901234567890", read.GetProperty("big").GetRawText());
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Sessions_are_isolated(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var store = new CheckpointWorkflowStore(backend.Saver);
        var (first, second) = (NewSession(), NewSession());
        var a = await store.CreateCheckpointAsync(first, Json("""{"of":"first"}"""));
        var b = await store.CreateCheckpointAsync(second, Json("""{"of":"second"}"""));

        Assert.Equal([a], await store.RetrieveIndexAsync(first));
        Assert.Equal([b], await store.RetrieveIndexAsync(second));
        Assert.Empty(await store.RetrieveIndexAsync(NewSession()));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.RetrieveCheckpointAsync(second, a).AsTask());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.RetrieveCheckpointAsync(second, new CheckpointInfo(second, a.CheckpointId)).AsTask());
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Parent_filter_returns_only_the_children_of_a_checkpoint(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var store = new CheckpointWorkflowStore(backend.Saver);
        var session = NewSession();
        var root = await store.CreateCheckpointAsync(session, Json("{}"));
        var left = await store.CreateCheckpointAsync(session, Json("{}"), root);
        var right = await store.CreateCheckpointAsync(session, Json("{}"), root);
        var grandchild = await store.CreateCheckpointAsync(session, Json("{}"), left);

        Assert.Equal([left, right], await store.RetrieveIndexAsync(session, root));
        Assert.Equal([grandchild], await store.RetrieveIndexAsync(session, left));
        Assert.Empty(await store.RetrieveIndexAsync(session, grandchild));
        Assert.Equal([root, left, right, grandchild], await store.RetrieveIndexAsync(session));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Missing_checkpoint_throws_key_not_found(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var store = new CheckpointWorkflowStore(backend.Saver);
        var session = NewSession();
        await store.CreateCheckpointAsync(session, Json("{}"));

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => store.RetrieveCheckpointAsync(session, new CheckpointInfo(session, "no-such-checkpoint")).AsTask());
        Assert.Contains("no-such-checkpoint", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Awkward_session_ids_are_stored_verbatim_and_kept_apart(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var store = new CheckpointWorkflowStore(backend.Saver);
        var suffix = Guid.NewGuid().ToString("N");
        string[] sessions =
        [
            "with space " + suffix, "slash/back\\slash " + suffix, "dots.and:colons|pipes " + suffix, "quotes'\"` " + suffix,
            "percent%_under*star?" + suffix, "ünïcødé 🙂 " + suffix, "{json:\"like\"} " + suffix, new string('x', 2000) + suffix,
            "a " + suffix, "a  " + suffix,
        ];
        var created = new Dictionary<string, CheckpointInfo>();
        foreach (var session in sessions)
        {
            created[session] = await store.CreateCheckpointAsync(session, Json(JsonSerializer.Serialize(new { session })));
        }

        foreach (var session in sessions)
        {
            Assert.Equal([created[session]], await store.RetrieveIndexAsync(session));
            var read = await store.RetrieveCheckpointAsync(session, created[session]);
            Assert.Equal(session, read.GetProperty("session").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Workflow_checkpoints_do_not_mix_with_graph_checkpoints_or_other_namespaces_on_the_same_thread(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var session = NewSession();
        var graphCheckpoint = GraphCheckpoint.CreateEmpty(0);
        await backend.Saver.PutAsync(RunConfig.ForThread(session), graphCheckpoint, CheckpointMetadata.Create("input", -1), new Dictionary<string, string>(), Token);
        var workflows = new CheckpointWorkflowStore(backend.Saver);
        var others = new CheckpointWorkflowStore(backend.Saver, new CheckpointWorkflowStoreOptions { CheckpointNamespace = "other_workflows" });

        var mine = await workflows.CreateCheckpointAsync(session, Json("{}"));
        var theirs = await others.CreateCheckpointAsync(session, Json("{}"));

        Assert.Equal([mine], await workflows.RetrieveIndexAsync(session));
        Assert.Equal([theirs], await others.RetrieveIndexAsync(session));
        Assert.Equal(graphCheckpoint.Id, (await backend.Saver.GetTupleAsync(RunConfig.ForThread(session), Token))!.Checkpoint.Id);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Workflow_resumes_after_a_restart_from_its_latest_checkpoint(string name)
    {
        await using var backend = await AgentBackend.CreateAsync(name);
        var session = NewSession();
        var seen = new List<CheckpointInfo>();
        var environment = InProcessExecution.Lockstep.WithCheckpointing(backend.Saver.CreateCheckpointManager());
        await using (var run = await environment.RunStreamingAsync(GuessingGame.Build(), GuessingGame.Verdict.Start, session, Token))
        {
            await foreach (var evt in run.WatchStreamAsync(Token))
            {
                if (evt is SuperStepCompletedEvent { CompletionInfo.Checkpoint: { } checkpoint })
                {
                    seen.Add(checkpoint);
                    if (seen.Count == 5)
                    {
                        break;
                    }
                }

                Assert.IsNotType<WorkflowOutputEvent>(evt);
            }
        }

        await backend.ReopenAsync();
        var manager = backend.Saver.CreateCheckpointManager();
        var latest = await manager.GetLatestCheckpointAsync(session, Token);
        Assert.Equal(seen[^1], latest);

        var outputs = new List<string>();
        var resumedCheckpoints = 0;
        await using (var resumed = await InProcessExecution.Lockstep.WithCheckpointing(manager).ResumeStreamingAsync(GuessingGame.Build(), latest!, Token))
        {
            await foreach (var evt in resumed.WatchStreamAsync(Token))
            {
                if (evt is WorkflowOutputEvent { Data: string output })
                {
                    outputs.Add(output);
                }
                else if (evt is SuperStepCompletedEvent { CompletionInfo.Checkpoint: not null })
                {
                    resumedCheckpoints++;
                }
            }
        }

        // The judge's try count and the guesser's bounds came back from the checkpoint: the game ends as if never stopped.
        Assert.Equal([GuessingGame.ExpectedOutput], outputs);
        var store = new CheckpointWorkflowStore(backend.Saver);
        var index = (await store.RetrieveIndexAsync(session)).ToList();
        Assert.Equal(seen, index.Take(seen.Count));
        Assert.Equal(seen.Count + resumedCheckpoints, index.Count);
        Assert.Equal([index[seen.Count]], await store.RetrieveIndexAsync(session, latest));
    }

    [Fact]
    public async Task Bad_session_ids_and_options_are_refused_with_argument_errors()
    {
        var store = new CheckpointWorkflowStore(new InMemorySaver());

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateCheckpointAsync(string.Empty, Json("{}")).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.RetrieveIndexAsync(null!).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateCheckpointAsync("nul\0inside", Json("{}")).AsTask());
        Assert.Throws<ArgumentException>(() => new CheckpointWorkflowStore(new InMemorySaver(), new CheckpointWorkflowStoreOptions { CheckpointNamespace = string.Empty }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointWorkflowStore(new InMemorySaver(), new CheckpointWorkflowStoreOptions { OperationTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public async Task Dependency_injection_builds_the_manager_over_the_registered_saver()
    {
        var saver = new InMemorySaver();
        var services = new ServiceCollection()
            .AddCheckpointSaver(_ => saver)
            .AddWorkflowCheckpointing(options => options.CheckpointNamespace = "wf");
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<CheckpointWorkflowStore>();
        var manager = provider.GetRequiredService<CheckpointManager>();
        var session = NewSession();
        var created = await store.CreateCheckpointAsync(session, Json("{}"));

        Assert.Equal("wf", store.CheckpointNamespace);
        Assert.Equal(created, await manager.GetLatestCheckpointAsync(session, Token));
        Assert.NotNull(await saver.GetTupleAsync(new RunConfig(session, "wf", created.CheckpointId), Token));
    }

    private static string NewSession() => "session-" + Guid.NewGuid().ToString("N");

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
