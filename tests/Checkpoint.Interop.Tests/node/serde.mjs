// LangGraph.js's own serializer, for value-level comparisons without a database.
import { JsonPlusSerializer } from "@langchain/langgraph-checkpoint";
import { construct, describe } from "./values.mjs";

const serde = new JsonPlusSerializer();

export const commands = {
  // {value: described} -> {type, data: base64} as LangGraph.js stores it
  "serde.dumps": async ({ value }) => {
    const [type, data] = await serde.dumpsTyped(construct(value));
    return { type, data: Buffer.from(data).toString("base64") };
  },
  // {value: described} -> described value after LangGraph.js stored and loaded it (what a reader must reproduce)
  "serde.roundtrip": async ({ value }) => {
    const [type, data] = await serde.dumpsTyped(construct(value));
    return describe(await serde.loadsTyped(type, data));
  },
  // {type, data: base64} -> described value as LangGraph.js loads it
  "serde.loads": async ({ type, data }) => describe(await serde.loadsTyped(type, Buffer.from(data, "base64"))),
};
