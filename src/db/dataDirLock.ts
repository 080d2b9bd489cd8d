// One owner per embedded data dir. PGlite is a single-process database: two processes writing one
// data dir corrupt it or silently read stale data, so the first process to open ADNAVI_DATA_DIR holds
// a lock file (its pid and command); any other process refuses with one line that names the owner and
// what to do instead. A lock whose process is gone (a crash, kill -9) is stale and taken over. Opens
// within one process share the lock (counted), and it is removed when the last one closes or the
// process exits.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../errors.js';

const LOCK_FILE = 'owner.lock';

interface Owner {
  pid: number;
  command: string;
  since: string;
  /** Where the owner serves (REST, chat socket, MCP over HTTP), once it listens. */
  url?: string;
  /** True when that server needs no sign-in from this machine (local mode): others may forward to it. */
  local?: boolean;
}

export class DataDirInUseError extends AppError {
  override name = 'DataDirInUseError';
  override readonly httpStatus = 409;
  override readonly code = 'data_dir_in_use';
}

const held = new Map<string, number>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined; // missing, or half-written by a process that died: not an owner
  }
}

function claim(file: string): void {
  const owner: Owner = {
    pid: process.pid,
    command: process.argv.slice(2).join(' '),
    since: new Date().toISOString(),
  };
  try {
    writeFileSync(file, JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const current = readOwner(file);
  if (current && current.pid !== process.pid && isAlive(current.pid)) {
    const what = current.command ? `"adnavi ${current.command}"` : 'AdNavi';
    const server = current.url
      ? `its server at ${current.url} (web chat, or MCP over HTTP at /mcp)`
      : 'its server';
    throw new DataDirInUseError(
      `ADNAVI_DATA_DIR ${resolve(file, '..')} is in use by ${what} (pid ${current.pid}, since ${current.since}): the embedded database has one owner. Stop that process, use ${server}, or set ADNAVI_DATA_DIR to another folder.`,
    );
  }
  // stale (its process is gone): take it over
  writeFileSync(file, JSON.stringify(owner), { mode: 0o600 });
}

function releaseFile(file: string): void {
  if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
}

/** Takes the data dir for this process (or joins this process's hold); the returned function lets go. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(resolve(dataDir), LOCK_FILE);
  const count = held.get(file) ?? 0;
  if (count === 0) {
    claim(file);
    if (held.size === 0) process.once('exit', releaseAll);
  }
  held.set(file, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(file) ?? 1) - 1;
    if (left > 0) return void held.set(file, left);
    held.delete(file);
    releaseFile(file);
  };
}

function releaseAll(): void {
  for (const file of held.keys()) releaseFile(file);
  held.clear();
}

/** Records in every data dir this process holds where its server listens, for others to forward to. */
export function advertiseServer(url: string, local: boolean): void {
  for (const file of held.keys()) {
    const owner = readOwner(file);
    if (owner?.pid === process.pid)
      writeFileSync(file, JSON.stringify({ ...owner, url, local }), { mode: 0o600 });
  }
}

/**
 * The server that owns the data dir, if another live process holds it and serves: `adnavi ask` and
 * `adnavi mcp` talk to it instead of refusing (with an API key when it is not in local mode).
 */
export function runningServer(dataDir: string): { url: string; pid: number; local: boolean } | undefined {
  const owner = readOwner(join(resolve(dataDir), LOCK_FILE));
  if (!owner?.url || owner.pid === process.pid || !isAlive(owner.pid)) return undefined;
  return { url: owner.url, pid: owner.pid, local: owner.local === true };
}
