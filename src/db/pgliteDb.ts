// Db over embedded PGlite (PostgreSQL in WebAssembly), persisted in a directory. PGlite runs one
// statement at a time; its transaction() holds an exclusive lock, so nested work reuses the handle.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import type { Db } from './db.js';
import { ensurePrivateDir } from './privateDataDir.js';
import { render, type SqlFragment } from './sql.js';

type Handle = PGlite | Transaction;

const run = promisify(execFile);

/**
 * How our queries read PostgreSQL types that PGlite would otherwise turn into bigint or Date: counts as
 * numbers, money and dates as the exact text. Plain type ids, so the database's own thread
 * (pgliteThread.worker.mjs) builds the same parsers from them.
 */
export const PARSED_TYPES = { number: [types.INT8], text: [types.NUMERIC, types.DATE] };

function typeParsers(parsed: typeof PARSED_TYPES): Record<number, (v: string) => unknown> {
  return Object.fromEntries([
    ...parsed.number.map((t) => [t, (v: string) => Number(v)]),
    ...parsed.text.map((t) => [t, (v: string) => v]),
  ]);
}

const parsers = typeParsers(PARSED_TYPES);

class PgliteConnection implements Db {
  readonly kind = 'pglite' as const;
  constructor(
    private readonly handle: Handle,
    private readonly root: PGlite,
    private readonly inTransaction: boolean,
  ) {}

  async query<R>(query: SqlFragment): Promise<R[]> {
    const { text, values } = render(query);
    const result = await this.handle.query<R>(text, values, { parsers });
    return result.rows;
  }

  async execScript(script: string): Promise<void> {
    await this.handle.exec(script);
  }

  async runLibrarySql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    // the extended protocol takes one statement; pg-boss sends its multi-statement scripts
    // (BEGIN; lock; …; COMMIT) without values, and exec runs those atomically on PGlite's one session
    if (values && values.length > 0) return this.handle.query(text, values);
    const results = await this.handle.exec(text);
    return results[results.length - 1] ?? { rows: [] };
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.root.transaction((tx) => fn(new PgliteConnection(tx, this.root, true)));
  }

  async session<T>(fn: (conn: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async close(): Promise<void> {
    if (!this.inTransaction && !this.root.closed) await this.root.close();
  }

  dump(): Promise<Blob> {
    return this.root.dumpDataDir('none');
  }
}

/**
 * shared_buffers, beside PGlite's own settings. initdb's 128 MB suits a server process of its own,
 * but here every buffer page once touched stays in this process (a WebAssembly memory never shrinks):
 * a first sync of a 5,000-ad account filled it, ~100 MB of its peak RSS. The data dir is files the OS
 * caches, so a smaller pool costs file reads, not disk reads: 32 MB synced a 2,000-ad account in the
 * same time as 128 MB (bench/sync.ts).
 */
const SHARED_BUFFERS_MB = 32;

/**
 * A quick start's pool, for a process that runs a few small queries (`adnavi ask`, `adnavi mcp`, their
 * V8 settings in src/processTuning.ts; the test suite, which opens ~150 small databases a run).
 * PGlite's mmap zero-fills all of shared memory at start, byte by byte in WebAssembly (~0.2 s of CPU
 * for 32 MB, ~25 MB more RSS), and such a process reads few pages.
 */
const QUICK_START_SHARED_BUFFERS_MB = 8;

export interface OpenPgliteOptions {
  /** A data dir dumped by dumpPgliteDb to start from: skips initdb (most of PGlite's start-up). */
  from?: Uint8Array;
  /**
   * initdb's WAL segment size in MB (PostgreSQL's default: 16). A new data dir starts with one whole
   * segment, nearly all zeros: 1 makes a dump meant to be loaded many times (the tests' template)
   * 15 MB smaller. In-memory only (a data dir is made by initDataDirApart, with the default).
   */
  walSegmentMb?: number;
  /** See QUICK_START_SHARED_BUFFERS_MB. */
  quickStart?: boolean;
}

/** dataDir undefined → in-memory (tests, benches). */
export async function openPgliteDb(dataDir?: string, opts: OpenPgliteOptions = {}): Promise<Db> {
  const { from, walSegmentMb } = opts;
  if (dataDir) await prepareDataDir(dataDir, { initdb: !from });
  const pglite = await PGlite.create({
    ...pgliteStartOptions(dataDir, opts),
    ...(from ? { loadDataDir: tarball(from) } : {}),
    ...(walSegmentMb ? { initDbStartParams: [`--wal-segsize=${walSegmentMb}`] } : {}),
  });
  if (dataDir) ensurePrivateDir(dataDir); // what PGlite created before the umask could apply
  return new PgliteConnection(pglite, pglite, false);
}

/** A data dir ready for PGlite to open: private, and initialised (initdb) in a child process if new. */
export async function prepareDataDir(dataDir: string, { initdb = true } = {}): Promise<void> {
  ensurePrivateDir(dataDir);
  if (initdb) await initDataDirApart(dataDir);
}

/** PGlite.create's options for a data dir (or in memory), as plain data (they cross to a thread). */
export function pgliteStartOptions(
  dataDir: string | undefined,
  { quickStart = false }: Pick<OpenPgliteOptions, 'quickStart'>,
): { dataDir?: string; startParams: string[] } {
  const sharedBuffersMb = quickStart ? QUICK_START_SHARED_BUFFERS_MB : SHARED_BUFFERS_MB;
  return {
    ...(dataDir ? { dataDir } : {}),
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffersMb}MB`],
  };
}

/**
 * The dump as the Blob PGlite asks for, minus the Blob: PGlite only calls arrayBuffer() (and reads
 * type), and Node 20's Blob.arrayBuffer() streams the bytes back in small chunks, ~1 s and ~0.35 s
 * of CPU for a 40 MB dump. PGlite's untar only reads the buffer (it slices each file out of it), so
 * a dump loaded many times (the tests' template) is handed over as it is, not copied for each load.
 */
function tarball(bytes: Uint8Array): Blob {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = whole ? bytes.buffer : bytes.slice().buffer;
  const blobLike = { type: 'application/x-tar', size: bytes.byteLength, arrayBuffer: async () => buffer };
  return blobLike as unknown as Blob;
}

// Run by a child node: imports PGlite by the URL this module resolved (whatever the cwd).
const INIT_SCRIPT = `
const [pglite, dataDir] = process.argv.slice(1);
const { PGlite } = await import(pglite);
const db = await PGlite.create({ dataDir });
await db.close();`;

/**
 * Creates a new data dir (initdb) in a short-lived child process. Run in this process, initdb leaves
 * ~450 MB of WebAssembly memory behind for the life of the process (a WebAssembly memory never
 * shrinks; a worker thread returns only part of it), which made a first sync of a 5,000-ad account
 * peak at ~950 MB. The database is then opened here as any existing one (~300 MB).
 */
async function initDataDirApart(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const pglite = import.meta.resolve('@electric-sql/pglite');
  try {
    await run(process.execPath, ['--input-type=module', '-e', INIT_SCRIPT, pglite, dataDir]);
  } catch (err) {
    throw new Error(`creating the embedded database in ${dataDir} failed: ${(err as Error).message}`);
  }
}

/** The whole data dir as an uncompressed tarball, for openPgliteDb(…, { from }). */
export async function dumpPgliteDb(db: Db): Promise<Uint8Array> {
  if (!(db instanceof PgliteConnection)) throw new TypeError('dumpPgliteDb needs a PGlite database');
  return new Uint8Array(await (await db.dump()).arrayBuffer());
}
