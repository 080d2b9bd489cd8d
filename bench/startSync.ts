// npx tsx bench/startSync.ts — peak memory of `adnavi start` while it syncs a configured account before
// it serves (the server on the embedded database, whose first sync is issue #17's "either backend"
// case beside `adnavi sync`). Starts the simulator in a child process (BENCH_ADS ads, default 5,000),
// then `node bin/adnavi.mjs start` pointed at it with a fresh data dir, and reads the server process's
// peak RSS (VmHWM, Linux /proc) when it prints "Synced …", and again once it serves. Stops both.
// Env: BENCH_ADS.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../src/paths.js';
import { freePort } from '../tests/helpers/freePort.js';
import { startSimulatorProcess } from './simulatorProcess.js';

const ADS = Number(process.env.BENCH_ADS ?? 5000);

/** Peak RSS in MB of a process (VmHWM), or NaN where /proc has no such file. */
function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

async function main(): Promise<void> {
  const sim = await startSimulatorProcess(ADS);
  const dataDir = mkdtempSync(join(tmpdir(), 'adnavi-bench-start-'));
  const started = performance.now();
  // `adnavi start` needs no start flags, so this is the server process itself, not a relauncher
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'adnavi.mjs'), 'start'], {
    env: {
      ...process.env,
      META_GRAPH_URL: sim.url,
      META_API_VERSION: sim.version,
      META_ACCESS_TOKEN: sim.accessToken,
      META_AD_ACCOUNT_ID: sim.accounts[0].id,
      ADNAVI_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  let synced = '';
  let syncPeak = Number.NaN;
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const line = /Synced [^\n]*/.exec(output)?.[0];
        if (line && !synced) {
          synced = line;
          syncPeak = peakRssMb(pid);
        }
        if (/running at/.test(output)) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) =>
        reject(new Error(`adnavi start exited (${code}) before serving:\n${output}`)),
      );
    });
    const servingPeak = peakRssMb(pid);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`adnavi start, ${ADS} ads on PGlite: ${synced}`);
    console.log(`  peak RSS at the end of the sync: ${syncPeak.toFixed(0)} MB (goal < 400 MB)`);
    console.log(`  peak RSS once serving: ${servingPeak.toFixed(0)} MB, ${seconds} s from start`);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
