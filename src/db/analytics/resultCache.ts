// The results of the analytics statements, kept per database handle and served again while nothing
// they read has changed (issue 17: 20 clients asking the same questions of 10M facts waited on the
// same 50-100 ms statements over and over). A result is keyed by its statement (text and parameters:
// the dates are resolved before, so "last 30 days" after midnight is another key) and by the versions
// of the workspace's connections (migration 0122: every write to a connection's facts or entities, or
// to the connection, gives it a new version from a sequence). The versions are read before the
// statement runs (a request reads them with its connections), so a result is never older than the
// versions it is kept under; a connection without a version means no caching. Least recently used
// results go first.
import { DEFAULT_RESULT_CACHE_ENTRIES } from '../../config.js';
import type { Db } from '../db.js';
import { render, type SqlFragment, sql } from '../sql.js';

/**
 * The most a handle keeps, in characters of the results' JSON (about bytes): listings and series are
 * kilobytes; a result above MAX_RESULT_CHARS (an unusually long series) is not kept at all.
 */
const MAX_KEPT_CHARS = 64 * 1024 * 1024;
const MAX_RESULT_CHARS = 4 * 1024 * 1024;

interface Kept {
  rows: unknown[];
  chars: number;
}

interface Cache {
  entries: number;
  results: Map<string, Kept>;
  chars: number;
  hits: number;
  misses: number;
}

const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { entries: DEFAULT_RESULT_CACHE_ENTRIES, results: new Map(), chars: 0, hits: 0, misses: 0 };
    caches.set(db, cache);
  }
  return cache;
}

/** Keeps at most `entries` results for this database handle (0: none, every statement runs). */
export function configureResultCache(db: Db, entries: number): void {
  const cache = cacheOf(db);
  cache.entries = entries;
  evict(cache);
}

/** Hits and misses so far on this database handle, and its size (for benchmarks and logs). */
export function resultCacheStats(db: Db): {
  entries: number;
  hits: number;
  misses: number;
  kept: number;
  chars: number;
} {
  const cache = cacheOf(db);
  return {
    entries: cache.entries,
    hits: cache.hits,
    misses: cache.misses,
    kept: cache.results.size,
    chars: cache.chars,
  };
}

/** What a cached statement is scoped by: its workspace and, when the caller read them, its versions. */
export interface CacheScope {
  workspaceId: string;
  /**
   * The versions of the workspace's connections as the request read them before any of its statements
   * (dataVersions of scopeConnections' rows); null: some connection has none, so nothing is cached;
   * absent: read here, one more statement.
   */
  dataVersions?: string | null;
}

/** The versions of these connections (every one of the workspace's) as one key, null if one has none. */
export function dataVersions(
  connections: readonly { id: string; data_version: string | null }[],
): string | null {
  if (connections.some((c) => c.data_version === null)) return null;
  return connections
    .map((c) => `${c.id}:${c.data_version}`)
    .sort()
    .join(',');
}

async function readDataVersions(db: Db, workspaceId: string): Promise<string | null> {
  const rows = await db.query<{ id: string; data_version: string | null }>(sql`
    select c.id, v.version::text as data_version
    from connections c left join data_versions v on v.connection_id = c.id
    where c.workspace_id = ${workspaceId}`);
  return dataVersions(rows);
}

/**
 * The rows of `q`, an analytics statement that reads only the workspace's facts, roll-ups, entities and
 * connections (not sync runs: their writes change no version): from the cache when the workspace's
 * data is as it was when they were read, else from the database (and kept). Callers get their own copy.
 */
export async function cachedQuery<R>(db: Db, scope: CacheScope, q: SqlFragment): Promise<R[]> {
  const cache = cacheOf(db);
  if (cache.entries === 0) return db.query<R>(q);
  const versions =
    scope.dataVersions !== undefined ? scope.dataVersions : await readDataVersions(db, scope.workspaceId);
  if (versions === null) return db.query<R>(q);
  const { text, values } = render(q);
  const key = `${scope.workspaceId}|${versions}|${text}|${JSON.stringify(values)}`;
  const kept = cache.results.get(key);
  if (kept) {
    cache.hits++;
    cache.results.delete(key); // most recently used last
    cache.results.set(key, kept);
    return structuredClone(kept.rows) as R[];
  }
  cache.misses++;
  const rows = await db.query<R>(q);
  const chars = JSON.stringify(rows).length;
  if (chars <= MAX_RESULT_CHARS) {
    // two requests may have missed the same key at once: the later result replaces the earlier
    cache.chars -= cache.results.get(key)?.chars ?? 0;
    cache.results.set(key, { rows: structuredClone(rows), chars });
    cache.chars += chars;
    evict(cache);
  }
  return rows;
}

function evict(cache: Cache): void {
  for (const [key, kept] of cache.results) {
    if (cache.results.size <= cache.entries && cache.chars <= MAX_KEPT_CHARS) break;
    cache.results.delete(key);
    cache.chars -= kept.chars;
  }
}
