// V8 settings a command must start with. Some are fixed when V8 sets up its heap (the young
// generation's size), so src/processTuning.ts, which sets flags at run time, cannot change them: such a
// command runs again in a child node started with them, and this process only passes signals on and
// exits as the child did.
import { spawn } from 'node:child_process';

/**
 * `adnavi sync`: a young generation of 4 MB semi-spaces instead of V8's 16 MB. A first sync's insights
 * pages (5,000 rows each) keep much of each page alive through a collection, so V8 grows the young
 * generation to its maximum and keeps it: 4 MB took a 5,000-ad first sync on PGlite from ~400 to ~343 MB
 * peak RSS in the same time (bench/sync.ts, which starts with the same flags).
 */
export const START_FLAGS = { sync: ['--max-semi-space-size=4'] };

/** Set in the child's environment: it watches its parent (see watchParent). */
const CHILD_ENV = 'ADNAVI_RELAUNCHED';
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs this process's script again with `flags`, unless it already has them. True when it did: the
 * caller must then do nothing more. The child has its own process group, so a terminal's Ctrl-C
 * reaches it once, through this process, as any other signal does.
 */
export function relaunchWith(flags) {
  if (flags.every((f) => process.execArgv.includes(f))) return false;
  const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [CHILD_ENV]: '1' },
    detached: true,
  });
  const forward = (signal) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    for (const s of FORWARDED) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
  return true;
}

/**
 * In a relaunched child: when the parent is gone without a word (kill -9), stop as it did, at once,
 * rather than go on writing unseen. The IPC channel closing is how a child learns of it on Linux.
 */
export function watchParent() {
  if (process.env[CHILD_ENV] !== '1' || !process.channel) return;
  delete process.env[CHILD_ENV]; // not inherited by this process's own children
  process.channel.unref(); // the channel alone must not keep the command running
  process.on('disconnect', () => process.exit(137));
}
