// `adnavi ask` as a user runs it: a child process on a prepared embedded database. --json prints exactly
// one JSON object { answer, toolCalls: [{ name, input, output }] } on stdout.
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, pastMonth, seedCliDataDir } from './cliDataDir.js';

const run = promisify(execFile);
const MONTH = pastMonth();
let dir: string;

beforeAll(async () => {
  dir = await seedCliDataDir('Évergreen – Prospecting', [{ date: MONTH.day(15), spend: '1234.56' }]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = () => cliEnv(dir);

describe('adnavi ask', () => {
  it('--json prints one object with the answer and the tool calls', async () => {
    const { stdout } = await run(
      process.execPath,
      ['bin/adnavi.mjs', 'ask', '--json', `spend for evergreen between ${MONTH.since} and ${MONTH.until}`],
      { env: env() },
    );
    const body = JSON.parse(stdout);
    expect(Object.keys(body).sort()).toEqual(['answer', 'toolCalls']);
    expect(body.answer).toContain('$1,234.56');
    expect(body.answer).toContain(MONTH.label);
    const metrics = body.toolCalls.find((c: { name: string }) => c.name === 'get_metrics');
    expect(metrics.input).toMatchObject({
      metrics: ['spend'],
      range: { since: MONTH.since, until: MONTH.until },
    });
    expect(metrics.output.totals.spend).toBe(1234.56);
  });

  it('prints the answer as text without --json, and refuses an empty question', async () => {
    const { stdout } = await run(process.execPath, ['bin/adnavi.mjs', 'ask', 'what campaigns are live?'], {
      env: env(),
    });
    expect(stdout.trim()).toMatch(/^1 live campaign: Évergreen – Prospecting\./);
    await expect(run(process.execPath, ['bin/adnavi.mjs', 'ask'], { env: env() })).rejects.toMatchObject({
      stderr: expect.stringMatching(/question/),
    });
  });
});
