#!/usr/bin/env node
// The `adnavi` command. Runs the compiled dist/ (built on `npm ci` by scripts/prepare.mjs) when it was
// built from exactly the sources in this checkout; otherwise the TypeScript itself through tsx (a
// regular dependency), so a checkout being edited never runs stale code and `npx adnavi` works even
// before a build.
import { distIsFresh } from './distFreshness.mjs';

if (distIsFresh()) {
  await import('../dist/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
