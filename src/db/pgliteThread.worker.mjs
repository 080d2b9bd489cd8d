// The embedded database's own thread, started by src/db/pgliteThreadDb.ts: opens PGlite with the
// options it is given, then runs each request it is sent and posts back the rows, or the error's
// fields (SQLSTATE code, detail…) as plain data, which is all that crosses between threads.
// Plain JavaScript so that the same file runs from src/ (tsx) and beside the compiled dist/.
import { parentPort, workerData } from 'node:worker_threads';

const { PGlite } = await import(workerData.pglite);
const parsers = Object.fromEntries([
  ...workerData.parsedTypes.number.map((t) => [t, (v) => Number(v)]),
  ...workerData.parsedTypes.text.map((t) => [t, (v) => v]),
]);

let db;
try {
  db = await PGlite.create(workerData.options);
  parentPort.postMessage({ id: 0, result: null });
} catch (err) {
  parentPort.postMessage({ id: 0, error: plainError(err) });
}

parentPort.on('message', async ({ id, op, text, values }) => {
  try {
    parentPort.postMessage({ id, result: await run(op, text, values) });
  } catch (err) {
    parentPort.postMessage({ id, error: plainError(err) });
  }
  if (op === 'close') parentPort.close();
});

async function run(op, text, values) {
  switch (op) {
    case 'query':
      return (await db.query(text, values, { parsers })).rows;
    case 'exec':
      await db.exec(text);
      return null;
    // a library's SQL (pg-boss) reads PGlite's own result shape, with PGlite's default parsers
    case 'libraryQuery':
      return db.query(text, values);
    case 'libraryExec': {
      const results = await db.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    }
    case 'close':
      if (!db.closed) await db.close();
      return null;
    default:
      throw new Error(`unknown request ${op}`);
  }
}

/** The error's message and its own plain fields (a DatabaseError's code, detail, constraint…). */
function plainError(err) {
  const plain = { name: err?.name ?? 'Error', message: err?.message ?? String(err) };
  for (const [key, value] of Object.entries(err ?? {})) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) plain[key] = value;
  }
  return plain;
}
