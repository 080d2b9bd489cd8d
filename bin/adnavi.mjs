#!/usr/bin/env node
// The `adnavi` command. TypeScript runs without a build step through tsx (a regular dependency),
// so `npx adnavi` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
