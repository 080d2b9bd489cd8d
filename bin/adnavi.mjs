#!/usr/bin/env node
// The `adnavi` command. Runs the compiled dist/ (built on `npm ci` by scripts/prepare.mjs) when it was
// built from exactly the sources in this checkout; otherwise the TypeScript itself through tsx (a
// regular dependency), so a checkout being edited never runs stale code and `npx adnavi` works even
// before a build. A command that needs V8 settings at start (bin/startFlags.mjs) runs in a child.
import { distIsFresh } from './distFreshness.mjs';
import { relaunchWith, START_FLAGS, watchParent } from './startFlags.mjs';

const startFlags = Object.hasOwn(START_FLAGS, process.argv[2]) ? START_FLAGS[process.argv[2]] : [];
if (startFlags.length === 0 || !relaunchWith(startFlags)) {
  watchParent();
  if (distIsFresh()) {
    await import('../dist/cli.js');
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../src/cli.ts');
  }
}
