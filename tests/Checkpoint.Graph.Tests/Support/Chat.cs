using Microsoft.Extensions.AI;

namespace Checkpoint.Graph.Tests.Support;

/// <summary>Short ways to write conversations in tests.</summary>
public static class Chat
{
    public static ChatMessage User(string text) => new(ChatRole.User, text);

    public static MessagesState Say(string text) => new() { Messages = [User(text)] };

    public static string LastText(this MessagesState state) => state.Messages[^1].Text;

    public static CancellationToken Token => TestContext.Current.CancellationToken;
}
