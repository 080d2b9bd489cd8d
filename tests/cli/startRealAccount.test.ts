// `adnavi start` with a configured account, through the real command: it syncs the account on a
// database thread opened for that sync alone (with a sync's V8 settings, src/processTuning.ts), closes
// it, and serves from a thread of its own; the server then answers from what the sync wrote.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/types.js';
import { freePort } from '../helpers/freePort.js';

const bin = new URL('../../bin/adnavi.mjs', import.meta.url).pathname;
// tsx compiles the CLI at each start, and the demo-shaped account is synced before serving
const READY_MS = 120_000;

let sim: Simulator;
let dataDir: string;
beforeAll(async () => {
  sim = await startSimulator();
  dataDir = mkdtempSync(join(tmpdir(), 'adnavi-start-account-'));
});
afterAll(async () => {
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('adnavi start syncs the configured account, then serves what it synced', {
  timeout: READY_MS + 30_000,
}, async () => {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [bin, 'start'], {
    env: {
      PATH: process.env.PATH,
      ADNAVI_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      META_GRAPH_URL: sim.url,
      META_API_VERSION: sim.version,
      META_ACCESS_TOKEN: sim.accessToken,
      META_AD_ACCOUNT_ID: sim.accounts[0].id,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let stderr = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not serving in time: ${stderr}`)), READY_MS);
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('running at')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`exited (${code}) before serving: ${stderr}`)));
    });
    expect(stderr).toMatch(/Synced \d+ rows/);
    const res = await fetch(`http://127.0.0.1:${port}/api/campaigns?level=ad&status=any`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total_count: number };
    // the simulator's demo shape (SimulatorOptions.ads): 60 ads, every one synced before serving
    expect(body.total_count).toBe(60);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
});
