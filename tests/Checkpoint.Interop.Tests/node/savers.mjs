// The checkpoint savers the harness opens, one per (kind, target), kept for the life of the process.
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";

const savers = new Map();

// target: {"kind": "postgres", "connectionString": "...", "schema": "..."} or {"kind": "sqlite", "path": "..."}
export async function saverFor(target) {
  const key = JSON.stringify(target);
  let saver = savers.get(key);
  if (saver === undefined) {
    if (target.kind === "postgres") {
      saver = PostgresSaver.fromConnString(target.connectionString, { schema: target.schema ?? "public" });
      await saver.setup();
    } else if (target.kind === "sqlite") {
      saver = SqliteSaver.fromConnString(target.path);
    } else {
      throw new Error(`unknown saver kind '${target.kind}'`);
    }

    savers.set(key, saver);
  }

  return saver;
}

export async function closeAll() {
  for (const saver of savers.values()) {
    if (typeof saver.end === "function") await saver.end();
    else if (saver.db?.close) saver.db.close();
  }

  savers.clear();
}
