// Drives the pinned LangGraph.js packages for Checkpoint.Interop.Tests.
//
// Protocol: one JSON request per line on stdin, {"id": n, "cmd": "...", "args": {...}}; one JSON reply per line on
// stdout, {"id": n, "ok": true, "result": ...} or {"id": n, "ok": false, "error": "..."}. Requests run one at a time,
// in order. Anything a library prints goes to stderr, so stdout carries only replies. The first line written is
// {"id": 0, "ok": true, "result": {"ready": true, ...}} once every package has loaded.
//
// Values cross the boundary in a "described" form that keeps what JSON cannot (values.mjs).
import readline from "node:readline";

console.log = (...args) => console.error(...args);
console.info = (...args) => console.error(...args);
console.warn = (...args) => console.error(...args);

const { commands: serdeCommands } = await import("./serde.mjs");
const { commands: threadCommands } = await import("./threads.mjs");
const { commands: graphCommands } = await import("./graphs.mjs");
const { commands: storeCommands } = await import("./stores.mjs");
const { closeAll } = await import("./savers.mjs");

const commands = {
  ping: async () => ({ node: process.version }),
  ...serdeCommands,
  ...threadCommands,
  ...graphCommands,
  ...storeCommands,
};

const queue = [];
let running = null;

async function drain() {
  while (queue.length > 0) {
    const line = queue.shift();
    let id = null;
    try {
      const request = JSON.parse(line);
      id = request.id;
      const handler = commands[request.cmd];
      if (!handler) throw new Error(`unknown command '${request.cmd}'`);
      const result = await handler(request.args ?? {});
      process.stdout.write(JSON.stringify({ id, ok: true, result: result ?? null }) + "\n");
    } catch (error) {
      const message = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
      process.stdout.write(JSON.stringify({ id, ok: false, error: message }) + "\n");
    }
  }
  running = null;
}

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on("line", (line) => {
  if (line.trim().length === 0) return;
  queue.push(line);
  running ??= drain();
});
input.on("close", async () => {
  await running;
  await closeAll();
  process.exit(0);
});

process.stdout.write(JSON.stringify({ id: 0, ok: true, result: { ready: true, node: process.version } }) + "\n");
