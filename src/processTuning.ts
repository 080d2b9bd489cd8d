// V8 settings for a process that exists for one kind of work, set by its command before it opens the
// database. They are V8 flags, so they hold for the whole process, and each takes effect only for what
// comes after it: --liftoff-only and --wasm-lazy-validation for WebAssembly compiled later (PGlite
// compiles its module on the first open in a process). What V8 fixes when it sets up its heap (the
// young generation's size) is given at start instead: bin/startFlags.mjs, or for an isolate started
// later (the embedded database's thread), set here before it starts. Long-running servers keep V8's
// defaults while they serve: tuneForServerSync undoes itself before the server answers anything.
import { setFlagsFromString } from 'node:v8';

/**
 * PGlite's 9 MB of WebAssembly compiled by V8's baseline compiler (Liftoff) only. By default every
 * function run often is compiled again by TurboFan on background threads: ~1 s of CPU and ~85 MB of
 * RSS in a cold `adnavi ask`, for queries over before the faster code is ready. A 5,000-ad first
 * sync runs ~5% more CPU without TurboFan, and peaks ~130 MB lower (bench/sync.ts).
 */
const LIFTOFF_ONLY = '--liftoff-only';

/**
 * PGlite's module is validated function by function as each is first compiled (Liftoff decodes a
 * function once either way), not all of it up front: compiling the 9 MB module took ~40 ms and ~65 ms
 * of CPU, ~17 ms and ~20 ms so (alone, eight runs each). A cold ask runs a small part of PostgreSQL.
 */
const LAZY_VALIDATION = '--wasm-lazy-validation';

/**
 * The JavaScript heap grows by 10% past what a full collection left, not by V8's own factor (up to 4×
 * when collections are quick). A first sync makes tens of MB of garbage per insights page (the SDK's
 * objects, the parsed rows, the upsert's parameters) while ~35 MB stays live (probed with forced
 * collections): with V8's growth the heap reached ~290 MB before it was collected. --optimize-for-size
 * kept it lower still but cost a 5,000-ad first sync 40-75% more CPU.
 */
const SLOW_HEAP_GROWTH = '--heap-growing-percent=10';

/** `adnavi ask`, `adnavi mcp`: a few small queries, then exit (or idle). */
export function tuneForQuickStart(): void {
  setFlagsFromString(LIFTOFF_ONLY);
  setFlagsFromString(LAZY_VALIDATION);
}

/** `adnavi sync` (and bench/sync.ts, which measures it): bulk ingest within a memory budget. */
export function tuneForSync(): void {
  setFlagsFromString(LIFTOFF_ONLY);
  setFlagsFromString(SLOW_HEAP_GROWTH);
}

/** V8's own defaults for what tuneForServerSync changes (0: the size V8 works out itself). */
const SERVER_DEFAULTS = [
  '--no-liftoff-only',
  '--wasm-dynamic-tiering', // both turned off by --liftoff-only, and not turned on again by its negation
  '--wasm-tier-up',
  '--heap-growing-percent=0',
  '--max-semi-space-size=0',
];

/**
 * `adnavi start`'s sync before it serves, on a database thread opened for that sync alone (closed
 * before the server opens its own): the settings of tuneForSync, and 4 MB semi-spaces for the
 * database thread's isolate (bin/startFlags.mjs says why; an isolate started after this takes them).
 * A 5,000-ad first sync peaked at ~590 MB RSS without them, as TurboFan's compilations of PGlite's hot
 * functions (~50 MB of malloc arenas they left behind) came on top of both isolates' heaps. The
 * WebAssembly is compiled when the thread opens PGlite, so the server's thread, opened after the
 * returned function has put V8's defaults back, has its TurboFan tiers again: questions run as fast.
 */
export function tuneForServerSync(): () => void {
  tuneForSync();
  setFlagsFromString('--max-semi-space-size=4');
  return () => {
    for (const flag of SERVER_DEFAULTS) setFlagsFromString(flag);
  };
}
