// Threads written and read through LangGraph.js's own savers.
import { saverFor } from "./savers.mjs";
import { checkpoints, ids, writes } from "./canonical.mjs";
import { describe } from "./values.mjs";

export const commands = {
  // {target, threadId}: writes the canonical thread (canonical.mjs) with LangGraph.js's saver.
  "thread.writeCanonical": async ({ target, threadId }) => {
    const saver = await saverFor(target);
    for (const { ns, parent, checkpoint, metadata, newVersions } of checkpoints) {
      const config = { configurable: { thread_id: threadId, checkpoint_ns: ns, ...(parent ? { checkpoint_id: parent } : {}) } };
      await saver.put(config, checkpoint, metadata, newVersions);
    }

    const config = { configurable: { thread_id: threadId, checkpoint_ns: "", checkpoint_id: ids.loop } };
    for (const { taskId, writes: taskWrites } of writes) await saver.putWrites(config, taskWrites, taskId);
    return null;
  },

  // {target, threadId}: every checkpoint of the thread, all namespaces, as LangGraph.js reads them, described and
  // sorted by (namespace, id).
  "thread.read": async ({ target, threadId }) => {
    const saver = await saverFor(target);
    const tuples = [];
    for await (const tuple of saver.list({ configurable: { thread_id: threadId } })) tuples.push(describeTuple(tuple));
    tuples.sort((a, b) => (a.ns === b.ns ? compare(a.checkpoint.id, b.checkpoint.id) : compare(a.ns, b.ns)));
    return tuples;
  },

  // {target, threadId, ns?}: the newest checkpoint of a namespace as getTuple returns it, described (null if none).
  "thread.latest": async ({ target, threadId, ns }) => {
    const saver = await saverFor(target);
    const tuple = await saver.getTuple({ configurable: { thread_id: threadId, checkpoint_ns: ns ?? "" } });
    return tuple ? describeTuple(tuple) : null;
  },
};

function describeTuple(tuple) {
  const { channel_values: values, ...rest } = tuple.checkpoint;
  return {
    ns: tuple.config.configurable.checkpoint_ns ?? "",
    parent: tuple.parentConfig?.configurable?.checkpoint_id ?? null,
    checkpoint: { ...rest, channel_values: describe(values ?? {}) },
    metadata: describe(tuple.metadata ?? {}),
    pendingWrites: (tuple.pendingWrites ?? []).map(([taskId, channel, value]) => [taskId, channel, describe(value)]),
  };
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
