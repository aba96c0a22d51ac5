using Microsoft.Extensions.AI;

namespace Checkpoint.Graph.Tests.Runtime;

public sealed class AddMessagesTests
{
    [Fact]
    public void New_messages_are_appended_and_get_ids()
    {
        var merged = AddMessages.Apply([Chat.User("a")], [Chat.User("b")]);

        Assert.Equal(["a", "b"], merged.Select(m => m.Text));
        Assert.All(merged, m => Assert.False(string.IsNullOrEmpty(m.MessageId)));
        Assert.Equal(2, merged.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public void A_message_with_an_existing_id_replaces_it_in_place()
    {
        var current = new List<ChatMessage> { new(ChatRole.User, "a") { MessageId = "1" }, new(ChatRole.Assistant, "draft") { MessageId = "2" } };

        var merged = AddMessages.Apply(current, [new ChatMessage(ChatRole.Assistant, "final") { MessageId = "2" }, Chat.User("c")]);

        Assert.Equal(["a", "final", "c"], merged.Select(m => m.Text));
        Assert.Equal(["draft"], current.Skip(1).Select(m => m.Text));
    }

    [Fact]
    public void A_removal_marker_removes_the_message_with_its_id()
    {
        var current = new List<ChatMessage> { new(ChatRole.User, "a") { MessageId = "1" }, new(ChatRole.User, "b") { MessageId = "2" } };

        var merged = AddMessages.Apply(current, [AddMessages.Remove("1")]);

        Assert.Equal(["b"], merged.Select(m => m.Text));
    }

    [Fact]
    public void Removing_an_unknown_id_is_an_error()
    {
        var error = Assert.Throws<InvalidUpdateException>(() => AddMessages.Apply([Chat.User("a")], [AddMessages.Remove("missing")]));

        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_all_drops_every_message_before_it()
    {
        var merged = AddMessages.Apply([Chat.User("a"), Chat.User("b")], [Chat.User("dropped"), AddMessages.RemoveAll(), Chat.User("c")]);

        Assert.Equal(["c"], merged.Select(m => m.Text));
    }

    [Fact]
    public void MessagesState_replaces_by_id_and_removes_by_id_inside_a_graph()
    {
        var graph = new StateGraph<MessagesState>()
            .AddNode("edit", state => new MessagesState
            {
                Messages = [new ChatMessage(ChatRole.User, "edited") { MessageId = state.Messages[0].MessageId }, AddMessages.Remove(state.Messages[1].MessageId!)],
            })
            .AddEdge(StateGraph.Start, "edit")
            .Compile(new InMemorySaver());

        var result = graph.Invoke(new MessagesState { Messages = [Chat.User("original"), Chat.User("unwanted")] }, RunConfig.ForThread("1"));

        Assert.Equal(["edited"], result.Messages.Select(m => m.Text));
    }
}
