// A Db handed out while the real one is still opening: each call waits for it. `adnavi mcp` answers
// initialize and tools/list (which need no data) while the embedded database starts, instead of
// after; the first tool call waits for the open, and a failed open fails that call with its reason.
import type { Db, DbKind } from './db.js';

export function deferredDb(kind: DbKind, opening: Promise<Db>): Db {
  opening.catch(() => undefined); // the caller awaits `opening` itself for start-up errors
  return {
    kind,
    query: async (q) => (await opening).query(q),
    transaction: async (fn) => (await opening).transaction(fn),
    session: async (fn) => (await opening).session(fn),
    execScript: async (s) => (await opening).execScript(s),
    runLibrarySql: async (text, values) => (await opening).runLibrarySql(text, values),
    close: async () => {
      const db = await opening.catch(() => undefined);
      await db?.close();
    },
  };
}
