// store.* commands: LangGraph.js's own InMemoryStore, driven one operation at a time for the differential tests.
//
// store.run {ops: [...]} runs a whole sequence on a fresh InMemoryStore and returns one result per operation. Every
// operation carries "now" (Unix milliseconds): the store's clock reads it, so timestamps are deterministic and equal to
// those the .NET stores record under the same fake clock. Operations:
//   {op: "put", ns, key, value, now} / {op: "delete", ns, key, now} / {op: "get", ns, key, now}
//   {op: "search", prefix, filter, limit, offset, now} / {op: "list", prefix, suffix, maxDepth, limit, offset, now}
// Results: null for put/delete; {ns, key, value, createdAt, updatedAt} (times in ms) or null for get; a list of those
// for search; a list of label lists for list; {error} when LangGraph.js throws.
import { InMemoryStore } from "@langchain/langgraph-checkpoint";

const RealDate = globalThis.Date;

async function atTime(now, action) {
  class FixedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now);
      else super(...args);
    }

    static now() {
      return now;
    }
  }

  globalThis.Date = FixedDate;
  try {
    return await action();
  } finally {
    globalThis.Date = RealDate;
  }
}

const describeItem = (item) =>
  item === null || item === undefined
    ? null
    : {
        ns: item.namespace,
        key: item.key,
        value: item.value,
        createdAt: new RealDate(item.createdAt).getTime(),
        updatedAt: new RealDate(item.updatedAt).getTime(),
      };

// LangGraph.js keeps a namespace's map after its last item is deleted and lists it (contracts.md declares this);
// dropping empty maps before a listing leaves only namespaces that hold items.
function dropEmptyNamespaces(store) {
  for (const [namespace, items] of store.data) {
    if (items.size === 0) store.data.delete(namespace);
  }
}

async function runOne(store, op) {
  switch (op.op) {
    case "put":
      await store.put(op.ns, op.key, op.value);
      return null;
    case "delete":
      await store.delete(op.ns, op.key);
      return null;
    case "get":
      return describeItem(await store.get(op.ns, op.key));
    case "search": {
      const options = { limit: op.limit, offset: op.offset };
      if (op.filter) options.filter = op.filter;
      return (await store.search(op.prefix, options)).map(describeItem);
    }
    case "list": {
      dropEmptyNamespaces(store);
      const options = { limit: op.limit, offset: op.offset };
      if (op.prefix) options.prefix = op.prefix;
      if (op.suffix) options.suffix = op.suffix;
      if (op.maxDepth !== null && op.maxDepth !== undefined) options.maxDepth = op.maxDepth;
      return await store.listNamespaces(options);
    }
    default:
      throw new Error(`unknown store operation '${op.op}'`);
  }
}

export const commands = {
  "store.run": async ({ ops }) => {
    const store = new InMemoryStore();
    const results = [];
    for (const op of ops) {
      try {
        results.push(await atTime(op.now, () => runOne(store, op)));
      } catch (error) {
        results.push({ error: error instanceof Error ? error.message : String(error) });
      }
    }
    return results;
  },
};
