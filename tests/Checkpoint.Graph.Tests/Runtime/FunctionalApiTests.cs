using System.Text.Json.Nodes;

namespace Checkpoint.Graph.Tests.Runtime;

public sealed class FunctionalApiTests
{
    private readonly InMemorySaver _saver = new();
    private readonly RunConfig _thread = RunConfig.ForThread(Guid.NewGuid().ToString());

    [Fact]
    public async Task Previous_is_default_on_a_new_thread_and_then_the_last_result()
    {
        var seen = new List<int>();
        var counter = Entrypoint.Create<int, int>(
            (step, previous, _) =>
            {
                seen.Add(previous);
                return Task.FromResult(previous + step);
            },
            checkpointer: _saver);

        await counter.InvokeAsync(1, _thread, Chat.Token);
        await counter.InvokeAsync(2, _thread, Chat.Token);
        var total = await counter.InvokeAsync(3, _thread, Chat.Token);

        Assert.Equal([0, 1, 3], seen);
        Assert.Equal(6, total);
    }

    [Fact]
    public void Final_returns_one_value_and_saves_another()
    {
        var workflow = Entrypoint.Create<string, int, List<string>>(
            (word, previous, _) =>
            {
                List<string> words = [.. previous ?? [], word];
                return Task.FromResult(Entrypoint.Final(words.Count, words));
            },
            checkpointer: _saver);

        Assert.Equal(1, workflow.Invoke("a", _thread));
        Assert.Equal(2, workflow.Invoke("b", _thread));
        Assert.Equal(["a", "b"], Assert.IsType<List<string>>(_saver.GetTuple(_thread)!.Checkpoint.ChannelValues["__previous__"]));
        Assert.Equal(2, _saver.GetTuple(_thread)!.Checkpoint.ChannelValues["__end__"]);
    }

    [Fact]
    public void Each_run_saves_an_input_checkpoint_and_a_loop_checkpoint()
    {
        var echo = Entrypoint.Create<string, string>((text, _) => Task.FromResult(text), checkpointer: _saver, name: "echo");

        echo.Invoke("hello", _thread);

        var history = _saver.List(_thread).Reverse().ToList();
        Assert.Equal(["input", "loop"], history.Select(t => t.Metadata.Source));
        Assert.Equal("hello", history[0].Checkpoint.ChannelValues["__start__"]);
        Assert.Contains("echo", history[1].Checkpoint.VersionsSeen.Keys);
    }

    [Fact]
    public async Task A_resumed_run_reuses_the_saved_results_of_tasks_that_finished_before_the_failure()
    {
        var fetches = 0;
        var summaries = 0;
        var fetch = Entrypoint.DefineTask<string, string>("fetch", (topic, _) =>
        {
            fetches++;
            return Task.FromResult($"facts about {topic}");
        });
        var summarize = Entrypoint.DefineTask<string, string>("summarize", text => ++summaries == 1 ? throw new TimeoutException("model timed out") : $"summary of {text}");
        var workflow = Entrypoint.Create<string, string>(
            async (topic, context) =>
            {
                var facts = await fetch.InvokeAsync(topic, context);
                return await summarize.InvokeAsync(facts, context);
            },
            checkpointer: _saver);

        await Assert.ThrowsAsync<TimeoutException>(() => workflow.InvokeAsync("bob", _thread, Chat.Token));
        var result = await workflow.ResumeAsync(_thread, Chat.Token);

        Assert.Equal("summary of facts about bob", result);
        Assert.Equal(1, fetches);
        Assert.Equal(2, summaries);
    }

    [Fact]
    public void A_new_run_with_input_runs_its_tasks_again()
    {
        var calls = 0;
        var task = Entrypoint.DefineTask<int, int>("double", x =>
        {
            calls++;
            return x * 2;
        });
        var workflow = Entrypoint.Create<int, int>((x, context) => Task.FromResult(task.Invoke(x, context)), checkpointer: _saver);

        workflow.Invoke(2, _thread);
        workflow.Invoke(2, _thread);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task An_entrypoint_reaches_the_store_and_config_keys()
    {
        var store = new InMemoryStore();
        var workflow = Entrypoint.Create<string, string>(
            async (fact, context) =>
            {
                await context.Store.PutAsync(["memories", context.Config.Get<string>("user_id")!], "fact", new JsonObject { ["data"] = fact }, cancellationToken: context.CancellationToken);
                return fact;
            },
            checkpointer: _saver,
            store: store);

        await workflow.InvokeAsync("likes tea", _thread.With("user_id", "42"), Chat.Token);

        Assert.Equal("likes tea", (string?)store.Get(["memories", "42"], "fact")!.Value["data"]);
    }

    [Fact]
    public void Without_a_checkpointer_previous_is_always_default()
    {
        var counter = Entrypoint.Create<int, int>((step, previous, _) => Task.FromResult(previous + step));

        counter.Invoke(5);

        Assert.Equal(5, counter.Invoke(5));
    }
}
