// Runs on `npm ci` / `npm install`: builds the web app so `npm start` serves it with no manual step.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('web/vite.config.ts')) process.exit(0);
const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
