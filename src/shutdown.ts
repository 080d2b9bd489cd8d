// How every command stops on SIGINT/SIGTERM. A long-running command (serve, worker, mcp) waits on
// untilStopped() and then closes what it opened, in order. A signal that comes while nobody waits (a
// command still starting: migrations, the demo sync) or a stop that hangs must still close the
// database, or PGlite's data-dir lock outlives the process and the next start reads a reused pid as a
// live owner: so what opens a resource also registers its closer here, and those closers run (newest
// first, bounded in time) before the process exits. A second signal stops at once.

type Closer = () => Promise<void> | void;

const closers = new Set<Closer>();
let waiting = false;
let installed = false;
let signalled: (signal: NodeJS.Signals) => void = () => undefined;
const stopped = new Promise<NodeJS.Signals>((resolve) => {
  signalled = resolve;
});

/** How long an orderly stop may take before the registered closers run anyway. */
const GRACE_MS = 10_000;
/** How long the closers themselves may take before the process exits regardless. */
const CLOSE_MS = 5_000;

/** Registers a closer to run if the process is stopped by a signal; returns its removal. */
export function closeOnShutdown(close: Closer): () => void {
  closers.add(close);
  return () => void closers.delete(close);
}

/** Resolves at the first SIGINT/SIGTERM; the caller then closes what it opened, in order. */
export function untilStopped(): Promise<NodeJS.Signals> {
  waiting = true;
  return stopped;
}

/** Installs the signal handlers (once, by the CLI before a command starts). */
export function handleSignals(): void {
  if (installed) return;
  installed = true;
  let count = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    count += 1;
    if (count > 1) return void closeAllAndExit(signal, 0);
    signalled(signal);
    if (!waiting) return void closeAllAndExit(signal, CLOSE_MS);
    // the command closes in order; if that hangs, the closers still run
    setTimeout(() => void closeAllAndExit(signal, CLOSE_MS), GRACE_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function closeAllAndExit(signal: NodeJS.Signals, withinMs: number): Promise<void> {
  const pending = [...closers].reverse();
  closers.clear();
  const closeAll = (async () => {
    for (const close of pending) await Promise.resolve(close()).catch(() => undefined);
  })();
  if (withinMs > 0) await Promise.race([closeAll, new Promise((r) => setTimeout(r, withinMs).unref())]);
  // exit: the 'exit' handlers (the data-dir lock's among them) still run
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
