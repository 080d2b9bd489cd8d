// What `adnavi serve` says when it starts, through the real command: where it runs and who answers
// (the offline planner here, no model configured), with the log line before them as JSON when stderr
// is piped, or as a short readable line when LOG_FORMAT=pretty (what a terminal gets by default).
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNewDataDir } from '../helpers/dataDir.js';

const bin = new URL('../../bin/adnavi.mjs', import.meta.url).pathname;
let dir: string;
// tsx compiles the CLI at each start: seconds on a quiet machine, far more on a loaded one
const READY_MS = 90_000;

// one migrated data dir for both starts (each exits before the next): what they print is the subject,
// not creating a database, which tests/cli/shutdown.test.ts covers
beforeAll(async () => {
  const made = await openNewDataDir('adnavi-startup-lines-');
  dir = made.dir;
  await made.db.close();
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts `adnavi serve`, waits for the line saying who answers, stops it; its stderr lines. */
async function startupLines(env: Record<string, string>): Promise<string[]> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve'], {
    env: { PATH: process.env.PATH, ADNAVI_DATA_DIR: dir, LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up line in time: ${stderr}`)), READY_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Answers come from')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`exited before starting: ${stderr}`)));
  });
  child.kill('SIGTERM');
  await exited;
  const lines = stderr.split('\n');
  return lines.slice(0, lines.findIndex((l) => l.startsWith('Answers come from')) + 1);
}

describe('adnavi serve start-up lines', () => {
  it('says where it runs and who answers; the log line before is JSON when piped', async () => {
    const lines = await startupLines({});
    const [running, who] = lines.slice(-2);
    expect(running).toMatch(/^AdNavi is running at http:\/\/[^ ]+:\d+ \(Ctrl\+C to stop\)$/);
    expect(who).toBe(
      'Answers come from the offline planner (no model configured; set OPENAI_API_KEY or OPENAI_BASE_URL to use one).',
    );
    const serving = lines
      .map((l) => (l.startsWith('{') ? JSON.parse(l) : null))
      .find((e) => e?.msg === 'serving');
    expect(serving).toMatchObject({ level: 30, msg: 'serving', answerer: { source: 'planner' } });
  }, 120_000);

  it('writes short readable log lines with LOG_FORMAT=pretty', async () => {
    const lines = await startupLines({ LOG_FORMAT: 'pretty' });
    expect(lines.some((l) => l.startsWith('{'))).toBe(false);
    expect(lines.find((l) => l.includes(' serving '))).toMatch(
      /^\d{2}:\d{2}:\d{2} INFO {2}serving url=http:\/\/\S+ database=pglite demo=false answerer=\{"source":"planner"\}$/,
    );
  }, 120_000);
});
