using System.Text.Json.Nodes;
using static Checkpoint.Graph.Tests.Support.Chat;

namespace Checkpoint.Graph.Tests.Scenarios;

/// <summary>
/// A tool call that waits for a human: the run pauses, the process restarts (new saver, new graph), and the answer
/// approves, edits or rejects the call. On every backend.
/// </summary>
public sealed class HumanInTheLoopScenarioTests
{
    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Interrupt_shows_the_tool_call_and_approve_after_a_restart_sends_it(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var before = new EmailAgent();
        var paused = await before.Compile(backend.Saver).RunAsync(Say("email alice"), thread, Token);

        await backend.ReopenAsync();
        var after = new EmailAgent();
        var graph = after.Compile(backend.Saver);
        var state = await graph.GetStateAsync(thread, Token);
        var done = await graph.RunAsync(Command.Resume(new ReviewDecision("approve")), thread, Token);

        var interrupt = Assert.Single(paused.Interrupts);
        Assert.Equal("Send this email?", (string?)interrupt.Value!["question"]);
        Assert.Equal("send_email", (string?)interrupt.Value!["tool_call"]!["name"]);
        Assert.Equal("alice", (string?)interrupt.Value!["tool_call"]!["args"]!["to"]);
        Assert.Matches("^[0-9a-f]{32}$", interrupt.Id);
        Assert.Equal(["human_review"], paused.Next);
        Assert.Equal(["human_review"], state.Next);
        Assert.Equal(interrupt, Assert.Single(state.Interrupts));
        Assert.Equal(interrupt, Assert.Single(state.Tasks.Single(t => t.Name == "human_review").Interrupts));
        Assert.Empty(before.Sent);
        Assert.Equal([("alice", "hi")], after.Sent);
        Assert.False(done.IsPaused);
        Assert.Equal("Done: sent to alice: hi", done.Value.LastText());
        Assert.Empty((await graph.GetStateAsync(thread, Token)).Interrupts);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Interrupt_answered_with_edited_arguments_sends_the_edited_call(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var agent = new EmailAgent();
        await agent.Compile(backend.Saver).RunAsync(Say("email alice"), thread, Token);

        await backend.ReopenAsync();
        var done = await agent.Compile(backend.Saver).RunAsync(
            Command.Resume(new ReviewDecision("edit", new() { ["to"] = "bob", ["body"] = "hello bob" })), thread, Token);

        Assert.Equal([("bob", "hello bob")], agent.Sent);
        Assert.Equal("Done: sent to bob: hello bob", done.Value.LastText());

        // The edit replaced the proposed call in place (same message id): one assistant call in the history.
        Assert.Single(done.Value.Messages, m => m.Contents.OfType<Microsoft.Extensions.AI.FunctionCallContent>().Any());
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Interrupt_rejected_skips_the_tool_and_tells_the_model_why(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var agent = new EmailAgent();
        await agent.Compile(backend.Saver).RunAsync(Say("email alice"), thread, Token);

        await backend.ReopenAsync();
        var done = await agent.Compile(backend.Saver).RunAsync(Command.Resume(new ReviewDecision("reject", Reason: "too informal")), thread, Token);

        Assert.Empty(agent.Sent);
        Assert.Equal("Done: not sent: too informal", done.Value.LastText());
        Assert.Equal(2, agent.ReviewRuns);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Interrupts_of_two_parallel_nodes_are_resumed_by_id_across_a_restart(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var runs = new ParallelQuestions();
        var paused = await runs.Compile(backend.Saver).RunAsync(new LogState { Log = ["start"] }, thread, Token);
        var ambiguous = await Assert.ThrowsAsync<InvalidOperationException>(() => runs.Compile(backend.Saver).RunAsync(Command.Resume("yes"), thread, Token));
        var ofA = paused.Interrupts.Single(i => (string?)i.Value == "question a").Id;
        var ofB = paused.Interrupts.Single(i => (string?)i.Value == "question b").Id;

        await backend.ReopenAsync();
        var half = await runs.Compile(backend.Saver).RunAsync(Command.Resume(new Dictionary<string, object?> { [ofA] = "yes" }), thread, Token);
        await backend.ReopenAsync();
        var done = await runs.Compile(backend.Saver).RunAsync(Command.Resume(new Dictionary<string, object?> { [ofB] = "no" }), thread, Token);

        Assert.Equal(2, paused.Interrupts.Count);
        Assert.Contains(ofA, ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains(ofB, ambiguous.Message, StringComparison.Ordinal);
        Assert.Equal(ofB, Assert.Single(half.Interrupts).Id);
        Assert.Equal(["start", "a:yes"], half.Value.Log);
        Assert.Equal(["start", "a:yes", "b:no"], done.Value.Log);
        Assert.Equal(2, runs.ARuns);
        Assert.Equal(3, runs.BRuns);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Interrupt_inside_a_subgraph_is_inspected_updated_and_resumed_after_a_restart(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var flow = new SubgraphQuestion();
        var paused = await flow.Compile(backend.Saver).RunAsync(new LogState { Log = ["start"] }, thread, Token);

        await backend.ReopenAsync();
        var graph = flow.Compile(backend.Saver);
        var state = await graph.GetStateAsync(thread, subgraphs: true, Token);
        var child = Assert.Single(state.Tasks);
        var childState = Assert.IsType<StateSnapshot<LogState>>(child.Subgraph);
        await graph.UpdateStateAsync(child.State!, new LogState { Log = ["edited"] }, "s1", Token);
        var done = await graph.RunAsync(Command.Resume("ok"), thread, Token);

        var interrupt = Assert.Single(paused.Interrupts);
        Assert.Equal(["child"], state.Next);
        Assert.Matches("^child:[0-9a-f-]{36}$", child.State!.CheckpointNs);
        Assert.Equal(interrupt, Assert.Single(state.Interrupts));
        Assert.Equal(["s2"], childState.Next);
        Assert.Equal(interrupt, Assert.Single(childState.Interrupts));
        Assert.Equal(["start", "s1"], childState.Values.Log);
        Assert.Equal(["start", "s1", "edited", "s2:ok", "after"], done.Value.Log);
        Assert.Equal(1, flow.S1Runs);
        Assert.Equal(2, flow.S2Runs);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Interrupt_inside_a_functional_task_resumes_without_rerunning_finished_tasks(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var fetches = 0;
        var fetch = Entrypoint.DefineTask<string, string>("fetch", topic =>
        {
            Interlocked.Increment(ref fetches);
            return $"draft about {topic}";
        });
        var review = Entrypoint.DefineTask<string, string>("review", (draft, context) => $"{draft} ({context.Interrupt<string>(new JsonObject { ["draft"] = draft })})");
        Entrypoint<string, string> Workflow(BaseCheckpointSaver saver) => Entrypoint.Create<string, string>(
            async (topic, context) => await review.InvokeAsync(await fetch.InvokeAsync(topic, context), context),
            checkpointer: saver,
            name: "writer");

        var paused = await Workflow(backend.Saver).RunAsync("cats", thread, Token);
        await backend.ReopenAsync();
        var workflow = Workflow(backend.Saver);
        var state = await workflow.GetStateAsync(thread, Token);
        var done = await workflow.RunAsync(Command.Resume("approved"), thread, Token);

        var interrupt = Assert.Single(paused.Interrupts);
        Assert.Equal("draft about cats", (string?)interrupt.Value!["draft"]);
        Assert.Null(paused.Value);
        Assert.Equal(["writer"], state.Next);
        Assert.Equal(interrupt, Assert.Single(state.Interrupts));
        Assert.Equal("draft about cats (approved)", done.Value);
        Assert.Equal(1, fetches);
    }
}
