// The syncs running in the background of this process (started by requestSync), in a module with no
// imports: a command that only needs to wait for them at exit (adnavi mcp) does not load the sync
// engine at start for it.
const running = new Set<Promise<unknown>>();

export function trackBackgroundRun(run: Promise<unknown>): void {
  running.add(run);
  void run.finally(() => running.delete(run));
}

/** For tests and graceful shutdown: resolves when background runs started by requestSync finish. */
export async function waitForBackgroundSyncs(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}
