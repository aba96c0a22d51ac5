// A real LangGraph.js StateGraph, mirrored in Checkpoint.Interop.Tests (EchoGraph.cs): START -> agent -> END over
// { messages (add-messages reducer), turns (sum) }. The agent answers the last human message with "echo: <text>".
import { AIMessage } from "@langchain/core/messages";
import { Annotation, END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { saverFor } from "./savers.mjs";
import { construct, describe } from "./values.mjs";

const State = Annotation.Root({
  ...MessagesAnnotation.spec,
  turns: Annotation({ reducer: (a, b) => a + b, default: () => 0 }),
});

function build(saver) {
  return new StateGraph(State)
    .addNode("agent", async (state) => {
      const last = [...state.messages].reverse().find((m) => m.getType() === "human");
      const text = typeof last?.content === "string" ? last.content : "";
      return { messages: [new AIMessage({ content: `echo: ${text}`, id: `js-${state.messages.length}` })], turns: 1 };
    })
    .addEdge(START, "agent")
    .addEdge("agent", END)
    .compile({ checkpointer: saver });
}

export const commands = {
  // {target, threadId, input: described}: one run of the graph on the thread; returns the final state, described.
  "graph.invoke": async ({ target, threadId, input }) => {
    const graph = build(await saverFor(target));
    return describe(await graph.invoke(construct(input), { configurable: { thread_id: threadId } }));
  },

  // {target, threadId}: the thread's current state values, described.
  "graph.state": async ({ target, threadId }) => {
    const graph = build(await saverFor(target));
    const snapshot = await graph.getState({ configurable: { thread_id: threadId } });
    return { values: describe(snapshot.values), next: snapshot.next, step: snapshot.metadata?.step ?? null };
  },
};
