// Which waiting statement the embedded database's thread (pgliteThreadDb.ts) runs next: the one whose
// request started first. In-process, PGlite ran each request's statements back to back (a statement
// resolves without I/O, so the request's next one was issued before any other request got a turn);
// on a thread each statement is a round trip, and in arrival order each of a chat question's
// statements (eight when this was measured) queued behind every REST call that came in meanwhile
// (under 20 clients: chat 4x slower than REST). The server marks where each request or chat message
// starts; work outside any (a sync, the job queue) counts from when its statement is issued.
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

const startedAt = new AsyncLocalStorage<number>();
let ordering = false;

/** Called when a database that orders its statements (pgliteThreadDb.ts) opens in this process. */
export function orderRequests(): void {
  ordering = true;
}

/**
 * Runs fn as a request that starts now: its statements go ahead of those of later requests. With
 * nothing to order (PostgreSQL, PGlite in-process) fn just runs, without an async context to carry
 * through every promise it makes.
 */
export function asRequest<T>(fn: () => T): T {
  return ordering ? startedAt.run(performance.now(), fn) : fn();
}

/** When the request this code serves started (now, outside any). */
export function requestStartedAt(): number {
  return startedAt.getStore() ?? performance.now();
}
