// Runs on `npm ci` / `npm install`: compiles the CLI to dist/ (so `adnavi` starts without compiling
// TypeScript) and builds the web app, so `npm start` serves it with no manual step.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildCli } from './build.mjs';

await buildCli({ force: true });
if (!existsSync('web/vite.config.ts')) process.exit(0);
const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
