// Conversations in the terminal as a user runs them: `adnavi chat` spawned for real with its input
// piped (several turns, a follow-up, /new), and `adnavi ask --conversation` continuing a conversation
// across processes. Expected figures come from the fixture written here, never from our database.
import { execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDb } from '../../src/db/open.js';
import { sql } from '../../src/db/sql.js';
import { cliEnv, pastMonth, seedCliDataDir } from './cliDataDir.js';

const execRun = promisify(execFile);
const MONTH = pastMonth();
const JAN = `between ${MONTH.since} and ${MONTH.until}`;
const JAN_TEXT = MONTH.label;
const FACTS = [
  { date: MONTH.day(10), spend: '1000.00', clicks: 30, impressions: 2000 },
  { date: MONTH.day(20), spend: '234.56', clicks: 12, impressions: 1000 },
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
// each spawned command opens the embedded database (WebAssembly): slow on a small, shared machine
const SLOW = 240_000;
let dir: string;

beforeAll(async () => {
  dir = await seedCliDataDir('Evergreen Prospecting', FACTS);
}, SLOW);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = () => cliEnv(dir);
const total = (key: 'clicks' | 'impressions') => FACTS.reduce((a, f) => a + f[key], 0);

/** `adnavi chat` with `input` piped to it; resolves when it exits on its own at the end of input. */
function chat(
  input: string,
  args: string[] = [],
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/adnavi.mjs', 'chat', ...args], { env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

/** The answers, in order, from piped chat output ("> question\nanswer\n\n" per turn). */
function answers(stdout: string): { question: string; answer: string }[] {
  return stdout
    .split(/^> /m)
    .slice(1)
    .map((block) => {
      const [question, ...rest] = block.split('\n');
      return { question, answer: rest.join('\n').trim() };
    });
}

async function turnsOf(id: string): Promise<string[]> {
  const db = await openMigratedDb({ ADNAVI_DATA_DIR: dir, DATABASE_URL: undefined });
  try {
    const rows = await db.query<{ question: string }>(
      sql`select question from conversation_turns where conversation_id = ${id} order by seq`,
    );
    return rows.map((r) => r.question);
  } finally {
    await db.close();
  }
}

const ask = (args: string[]) => execRun(process.execPath, ['bin/adnavi.mjs', 'ask', ...args], { env: env() });
const firstId = (text: string) => text.match(UUID)?.[0] ?? '';

describe('adnavi chat, piped', () => {
  it(
    'answers each line in order, carries a follow-up, reports a failing turn and goes on, and /new starts afresh',
    async () => {
      const { stdout, stderr, code } = await chat(
        [
          'x'.repeat(2001),
          `spend for evergreen ${JAN}`,
          'what about clicks?',
          '/new',
          'what about clicks?',
          '',
        ].join('\n'),
      );
      expect(code).toBe(0);
      expect(stderr).toMatch(/2,000 characters/);
      const turns = answers(stdout).slice(1);
      expect(turns.map((t) => t.question)).toEqual([
        `spend for evergreen ${JAN}`,
        'what about clicks?',
        'what about clicks?',
      ]);
      expect(turns[0].answer).toContain('$1,234.56');
      expect(turns[0].answer).toContain(JAN_TEXT);
      // the follow-up keeps the month and the campaign
      expect(turns[1].answer).toContain(String(total('clicks')));
      expect(turns[1].answer).toContain(JAN_TEXT);
      // after /new there is nothing to follow up on
      expect(turns[2].answer).not.toContain(JAN_TEXT);
      const ids = [...new Set(stderr.match(UUID))];
      expect(stderr).toMatch(/Started conversation/);
      expect(ids).toHaveLength(2);
      expect(await turnsOf(ids[0])).toEqual([`spend for evergreen ${JAN}`, 'what about clicks?']);
      expect(await turnsOf(ids[1])).toEqual(['what about clicks?']);
    },
    SLOW,
  );
});

describe('one conversation across commands', () => {
  it(
    'ask --conversation new prints the id; ask continues it; chat --conversation picks it up with /history and stops at /exit',
    async () => {
      const first = await ask(['--conversation', 'new', `spend for evergreen ${JAN}`]);
      expect(first.stdout).toContain('$1,234.56');
      expect(first.stdout).not.toMatch(UUID);
      const id = firstId(first.stderr);
      expect(first.stderr).toContain(
        `Started conversation ${id}. Continue it with: adnavi ask --conversation ${id}`,
      );

      const next = await ask(['--json', '--conversation', id, 'what about clicks?']);
      expect(next.stderr).toBe('');
      const body = JSON.parse(next.stdout);
      expect(body.conversationId).toBe(id);
      expect(body.answer).toContain(String(total('clicks')));
      expect(body.answer).toContain(JAN_TEXT);

      const { stdout, stderr, code } = await chat('/history\nwhat about impressions?\n/exit\nnever asked\n', [
        '--conversation',
        id,
      ]);
      expect(code).toBe(0);
      expect(stderr).toContain(`Continuing conversation ${id}`);
      expect(stdout).toContain(`> spend for evergreen ${JAN}\n`); // the history
      const last = answers(stdout).at(-1);
      expect(last?.question).toBe('what about impressions?');
      expect(last?.answer).toContain(total('impressions').toLocaleString('en-US'));
      expect(last?.answer).toContain(JAN_TEXT);
      expect(stdout).not.toContain('never asked');
      expect(await turnsOf(id)).toEqual([
        `spend for evergreen ${JAN}`,
        'what about clicks?',
        'what about impressions?',
      ]);
    },
    SLOW,
  );

  it(
    'an id not found here starts a new conversation and says so',
    async () => {
      const { stderr, stdout } = await ask([
        '--json',
        '--conversation',
        'not-a-real-id',
        'what campaigns are live?',
      ]);
      const body = JSON.parse(stdout);
      expect(stderr).toContain(
        `No conversation "not-a-real-id" here; started conversation ${body.conversationId}.`,
      );
      expect(await turnsOf(body.conversationId)).toEqual(['what campaigns are live?']);
    },
    SLOW,
  );
});
