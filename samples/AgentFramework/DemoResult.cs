namespace AgentFrameworkSample;

/// <summary>What the sample's scenarios produced.</summary>
/// <param name="Answers">The agent's answers after the restart: from chat history, then from memory in a new session.</param>
/// <param name="WorkflowOutput">The output of the workflow resumed from its checkpoint.</param>
public sealed record DemoResult(IReadOnlyList<string> Answers, string WorkflowOutput);
