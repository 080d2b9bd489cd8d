// Db over PGlite on a worker thread of its own, for a server on the embedded database. PGlite runs
// every statement in WebAssembly on the thread that calls it: in the server's thread it held the event
// loop for each query and for each page a background sync wrote, so twenty clients queued behind the
// database's work. On its own thread (its own core, where there is one), requests are parsed, planned
// and answered while it works. Semantics as PgliteConnection (pgliteDb.ts): one session; a transaction
// holds it exclusively, and statements from outside wait until it ends; a nested one reuses it.
// Waiting statements run oldest request first (requestOrder.ts).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../paths.js';
import type { Db } from './db.js';
import { type OpenPgliteOptions, PARSED_TYPES, pgliteStartOptions, prepareDataDir } from './pgliteDb.js';
import { ensurePrivateDir } from './privateDataDir.js';
import { orderRequests, requestStartedAt } from './requestOrder.js';
import { render, type SqlFragment } from './sql.js';

// beside the sources, not bundled: a plain module the worker loads by path (from src/ and from dist/)
const WORKER_FILE = join(ROOT, 'src', 'db', 'pgliteThread.worker.mjs');

type Op = 'query' | 'exec' | 'libraryQuery' | 'libraryExec' | 'close';
type Reply =
  | { id: number; result: unknown; error?: undefined }
  | { id: number; error: Record<string, unknown> };

/** The thread and its requests in flight. */
class PgliteThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private stopped: Error | undefined;
  /** Exclusive runs not yet started, and whether one is under way (the session does one at a time). */
  private readonly waiting: { order: number; seq: number; run: () => Promise<void> }[] = [];
  private seq = 0;
  private busy = false;

  constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (err) => this.stop(err));
    worker.on('exit', () => this.stop(new Error('the embedded database thread has stopped')));
  }

  /** The thread's answer to its start (PGlite opened, or why not): request 0. */
  ready(): Promise<unknown> {
    return new Promise((resolve, reject) => this.pending.set(0, { resolve, reject }));
  }

  call(op: Op, text: string, values?: unknown[]): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ id, op, text, values });
      } catch (err) {
        // a value the thread cannot be sent (DataCloneError): nothing was sent, nothing will answer
        this.pending.delete(id);
        reject(err);
      }
    });
  }

  /**
   * Runs fn alone on the session: after the run under way, and before the other waiting ones whose
   * request started later (requestOrder.ts); in arrival order among equals.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const order = requestStartedAt();
    return new Promise<T>((resolve, reject) => {
      const run = async () => {
        try {
          resolve(await fn());
        } catch (err) {
          reject(err);
        }
      };
      this.waiting.push({ order, seq: this.seq++, run });
      this.runNext();
    });
  }

  private runNext(): void {
    if (this.busy || this.waiting.length === 0) return;
    let first = 0;
    for (let i = 1; i < this.waiting.length; i++) {
      const [w, f] = [this.waiting[i], this.waiting[first]];
      if (w.order < f.order || (w.order === f.order && w.seq < f.seq)) first = i;
    }
    const [next] = this.waiting.splice(first, 1);
    this.busy = true;
    void next.run().finally(() => {
      this.busy = false;
      this.runNext();
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.error) waiting.reject(databaseError(reply.error));
    else waiting.resolve(reply.result);
  }

  private stop(err: Error): void {
    this.stopped ??= err;
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}

/** The error as the caller would have caught it in-process: message and fields (code, detail…). */
function databaseError(fields: Record<string, unknown>): Error {
  const { message, name, ...rest } = fields;
  const err = Object.assign(new Error(String(message)), rest);
  err.name = String(name);
  return err;
}

class PgliteThreadConnection implements Db {
  readonly kind = 'pglite' as const;
  constructor(
    private readonly thread: PgliteThread,
    private readonly inTransaction: boolean,
  ) {}

  async query<R>(query: SqlFragment): Promise<R[]> {
    const { text, values } = render(query);
    return (await this.send('query', text, values)) as R[];
  }

  async execScript(script: string): Promise<void> {
    await this.send('exec', script);
  }

  async runLibrarySql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    // as pgliteDb.ts: pg-boss's parameterless multi-statement scripts run through exec
    const result =
      values && values.length > 0 ? this.send('libraryQuery', text, values) : this.send('libraryExec', text);
    return (await result) as { rows: unknown[] };
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.thread.exclusive(async () => {
      await this.thread.call('exec', 'BEGIN');
      try {
        const result = await fn(new PgliteThreadConnection(this.thread, true));
        await this.thread.call('exec', 'COMMIT');
        return result;
      } catch (err) {
        await this.thread.call('exec', 'ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  async session<T>(fn: (conn: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async close(): Promise<void> {
    if (this.inTransaction) return;
    await this.thread.exclusive(() => this.thread.call('close', '')).catch(() => undefined);
    await this.thread.terminate();
  }

  /** Inside a transaction: straight to the thread. Outside: after any transaction under way. */
  private send(op: Op, text: string, values?: unknown[]): Promise<unknown> {
    if (this.inTransaction) return this.thread.call(op, text, values);
    return this.thread.exclusive(() => this.thread.call(op, text, values));
  }
}

/** Opens the data dir on a new thread; resolves once PGlite there has started (or rejects with why not). */
export async function openPgliteThreadDb(
  dataDir: string,
  opts: Pick<OpenPgliteOptions, 'quickStart'> = {},
): Promise<Db> {
  await prepareDataDir(dataDir);
  const thread = new PgliteThread(
    new Worker(WORKER_FILE, {
      workerData: {
        pglite: import.meta.resolve('@electric-sql/pglite'),
        options: pgliteStartOptions(dataDir, opts),
        parsedTypes: PARSED_TYPES,
      },
    }),
  );
  try {
    await thread.ready();
  } catch (err) {
    await thread.terminate();
    throw err;
  }
  ensurePrivateDir(dataDir); // what PGlite created before the umask could apply
  orderRequests();
  return new PgliteThreadConnection(thread, false);
}
