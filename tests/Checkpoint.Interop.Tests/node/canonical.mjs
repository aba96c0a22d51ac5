// The canonical thread: what a LangGraph.js agent stores for one conversation turn with a tool call, written the way
// LangGraph.js writes it (its savers, its serializer, its value types). Checkpoint.Interop.Tests holds the same thread
// as .NET values (CanonicalThread.cs); the two must describe the same content.
import { AIMessage, HumanMessage, RemoveMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { Send } from "@langchain/langgraph";

export const ids = {
  input: "1f0b7d6e-1a2b-6c3d-8000-000000000001",
  loop: "1f0b7d6e-1a2b-6c3d-8001-000000000002",
  child: "1f0b7d6e-1a2b-6c3d-8000-000000000003",
};

export const childNamespace = "agent:6f1c0e52-8d3a-5b7e-9c41-2a9f3d8e7b10";

const question = () => new HumanMessage({ content: "What is the weather in Paris?", id: "msg-1", name: "ada" });

function conversation() {
  return [
    new SystemMessage({ content: [{ type: "text", text: "You are terse." }], id: "msg-0" }),
    question(),
    new AIMessage({
      content: "",
      id: "msg-2",
      tool_calls: [{ name: "get_weather", args: { city: "Paris", units: { temperature: "C" } }, id: "call_1", type: "tool_call" }],
      usage_metadata: { input_tokens: 12, output_tokens: 7, total_tokens: 19 },
      response_metadata: { model_name: "m" },
    }),
    new ToolMessage({ content: "18C, sunny", tool_call_id: "call_1", name: "get_weather", id: "msg-3", status: "success", artifact: { raw: 18 } }),
    new AIMessage({ content: "It is 18C and sunny in Paris.", id: "msg-4", additional_kwargs: { meta: { lc: 1, note: "looks like a record" } } }),
  ];
}

export const checkpoints = [
  {
    ns: "",
    parent: undefined,
    checkpoint: {
      v: 4,
      id: ids.input,
      ts: "2026-01-02T03:04:05.000Z",
      channel_values: { __start__: { messages: [question()] } },
      channel_versions: { __start__: 1 },
      versions_seen: { __input__: {} },
    },
    metadata: { source: "input", step: -1, parents: {}, user_id: "u-1" },
    newVersions: { __start__: 1 },
  },
  {
    ns: "",
    parent: ids.input,
    checkpoint: {
      v: 4,
      id: ids.loop,
      ts: "2026-01-02T03:04:06.000Z",
      channel_values: {
        messages: conversation(),
        profile: { name: "Ada", tags: ["a", "b"], nested: { depth: { n: 1.5, none: null } } },
        count: 42,
        ratio: 0.25,
        flag: true,
        big: 9007199254740991,
        blob: new Uint8Array([0, 1, 255]),
        attachment: { data: new Uint8Array([104, 105]), note: "hi" },
      },
      channel_versions: {
        __start__: 2, messages: 2, profile: 2, count: 2, ratio: 2, flag: 2, big: 2, blob: 2, attachment: 2, "branch:to:agent": 2,
      },
      versions_seen: { __input__: {}, __start__: { __start__: 1 }, agent: { "branch:to:agent": 2 } },
    },
    metadata: { source: "loop", step: 0, parents: {}, user_id: "u-1" },
    newVersions: {
      __start__: 2, messages: 2, profile: 2, count: 2, ratio: 2, flag: 2, big: 2, blob: 2, attachment: 2, "branch:to:agent": 2,
    },
  },
  {
    ns: childNamespace,
    parent: undefined,
    checkpoint: {
      v: 4,
      id: ids.child,
      ts: "2026-01-02T03:04:07.000Z",
      channel_values: { messages: [question()] },
      channel_versions: { messages: 1 },
      versions_seen: {},
    },
    metadata: { source: "loop", step: 0, parents: { "": ids.loop } },
    newVersions: { messages: 1 },
  },
];

// Pending writes of the loop checkpoint, per task, in the order each task made them.
export const writes = [
  {
    taskId: "00000000-0000-4000-8000-00000000000a",
    writes: [
      ["messages", [new RemoveMessage({ id: "msg-4" }), new AIMessage({ content: "Done.", id: "msg-5" })]],
      ["count", 1],
    ],
  },
  { taskId: "00000000-0000-4000-8000-00000000000b", writes: [["__error__", { message: "boom", name: "Error" }]] },
  {
    taskId: "00000000-0000-4000-8000-00000000000c",
    writes: [["__interrupt__", [{ id: "int-1", value: { question: "Approve?", options: ["yes", "no"] } }]]],
  },
  {
    taskId: "00000000-0000-4000-8000-00000000000d",
    writes: [["__resume__", "yes"], ["__pregel_tasks", new Send("worker", { n: 3 })], ["__scheduled__", { after: "agent" }]],
  },
];
