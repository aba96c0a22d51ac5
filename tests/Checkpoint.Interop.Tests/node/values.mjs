// Values cross the process boundary in a "described" JSON form that keeps what plain JSON cannot:
//   {"$undefined": true}                 undefined
//   {"$bytes": "<base64>"}               Uint8Array
//   {"$date": "<iso>"}                   Date
//   {"$set": [...]}, {"$map": [[k, v]]}  Set, Map
//   {"$error": {"name", "message"}}      Error
//   {"$send": {"node", "args"}}          Send
//   {"$message": {"class", ...fields}}   a LangChain message: its class and every field that is set
// Everything else is JSON as is (objects and arrays described recursively; a property holding undefined is left out).
import {
  AIMessage, AIMessageChunk, ChatMessage, ChatMessageChunk, FunctionMessage, FunctionMessageChunk, HumanMessage,
  HumanMessageChunk, RemoveMessage, SystemMessage, SystemMessageChunk, ToolMessage, ToolMessageChunk, isBaseMessage,
} from "@langchain/core/messages";
import { Send } from "@langchain/langgraph";

const messageClasses = {
  AIMessage, AIMessageChunk, ChatMessage, ChatMessageChunk, FunctionMessage, FunctionMessageChunk, HumanMessage,
  HumanMessageChunk, RemoveMessage, SystemMessage, SystemMessageChunk, ToolMessage, ToolMessageChunk,
};

const messageFields = [
  "content", "id", "name", "role", "additional_kwargs", "response_metadata", "tool_calls", "invalid_tool_calls",
  "tool_call_chunks", "usage_metadata", "tool_call_id", "status", "artifact",
];

export function describe(value) {
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { $number: String(value) };
  if (typeof value === "bigint") return { $bigint: String(value) };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString("base64") };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(describe);
  if (value instanceof Set) return { $set: [...value].map(describe) };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [describe(k), describe(v)]) };
  if (value instanceof Error) return { $error: { name: value.name, message: value.message } };
  if (value instanceof RegExp) return { $regexp: [value.source, value.flags] };
  if (value instanceof Send || value?.lg_name === "Send") return { $send: { node: value.node, args: describe(value.args) } };
  if (isBaseMessage(value)) {
    const fields = { class: value.constructor.lc_name?.() ?? value.constructor.name };
    for (const key of messageFields) {
      if (value[key] !== undefined) fields[key] = describe(value[key]);
    }

    return { $message: fields };
  }

  // A property holding undefined is the same as an absent one (JSON has no undefined).
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) out[key] = describe(item);
  }

  return out;
}

export function construct(value) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(construct);
  if (value.$undefined === true) return undefined;
  if (typeof value.$bytes === "string") return new Uint8Array(Buffer.from(value.$bytes, "base64"));
  if (typeof value.$date === "string") return new Date(value.$date);
  if (Array.isArray(value.$set)) return new Set(value.$set.map(construct));
  if (Array.isArray(value.$map)) return new Map(value.$map.map(([k, v]) => [construct(k), construct(v)]));
  if (value.$error) return Object.assign(new Error(value.$error.message), { name: value.$error.name });
  if (value.$send) return new Send(value.$send.node, construct(value.$send.args));
  if (value.$message) {
    const { class: name, ...fields } = value.$message;
    const Class = messageClasses[name];
    if (!Class) throw new Error(`unknown message class '${name}'`);
    const kwargs = {};
    for (const [key, item] of Object.entries(fields)) kwargs[key] = construct(item);
    return new Class(kwargs);
  }

  const out = {};
  for (const [key, item] of Object.entries(value)) out[key] = construct(item);
  return out;
}
