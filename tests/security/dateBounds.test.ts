// Every date a caller names is bounded to what Meta can hold — not before 37 months back, not after
// today in the ad account's time zone — with an error naming the field and saying why: the tools'
// ranges (compare_periods over 0001-01-01…9999-12-31 used to be an internal error), the sync over
// REST, the trigger_sync tool, and `adnavi sync --from/--to` (a sync of 1900 or 2999 used to
// "succeed"). The clock is pinned (and the pinned instants of tests/helpers/clocks.ts cover the hours
// where the account's date and UTC's differ); the CLI case uses dates absurd at any hour.
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/calendar.js';
import { dateBoundProblem, metaDateBounds } from '../../src/dateBounds.js';
import { sql } from '../../src/db/sql.js';
import { ValidationError } from '../../src/errors.js';
import { resolveRange } from '../../src/tools/dateRanges.js';
import { cliEnv, seedCliDataDir } from '../assistant/cliDataDir.js';
import { bearer, call, serveTest, type TestServer, testKeyring } from '../auth/harness.js';
import { PINNED_INSTANTS } from '../helpers/clocks.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { call as callTool, toolContext } from '../helpers/fixtures.js';
import { type SeededWorkspace, seedWorkspace } from './twoWorkspaces.js';

const LA = 'America/Los_Angeles';
// 07:30 UTC on 25 Nov 2026 is still 24 Nov in Los Angeles
const NOW = new Date('2026-11-25T07:30:00Z');

function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('date bounds of a tool range', () => {
  it('accepts exactly 37 months back through today in the account zone, and refuses a day past either end', () => {
    expect(metaDateBounds(LA, NOW)).toEqual({ earliest: '2023-10-24', latest: '2026-11-24', timeZone: LA });
    expect(resolveRange({ since: '2023-10-24', until: '2026-11-24' }, LA, NOW).since).toBe('2023-10-24');
    const early = refusal(() => resolveRange({ since: '2023-10-23', until: '2026-11-01' }, LA, NOW));
    expect(early.issues).toEqual([
      {
        field: 'range.since',
        message:
          'must not be before 2023-10-24: Meta keeps 37 months of history, so there is no data before it',
      },
    ]);
    const late = refusal(() =>
      resolveRange({ since: '2026-11-01', until: '2026-11-25' }, LA, NOW, undefined, 'compare_to'),
    );
    expect(late.issues).toEqual([
      {
        field: 'compare_to.until',
        message:
          "must not be after today (2026-11-24 in the ad account's time zone, America/Los_Angeles): later days are in the future",
      },
    ]);
    // the same day is today in UTC already
    expect(resolveRange({ since: '2026-11-01', until: '2026-11-25' }, 'UTC', NOW).until).toBe('2026-11-25');
  });

  it.each(PINNED_INSTANTS)('today is the account’s today at $label', ({ at, laDate }) => {
    const bounds = metaDateBounds(LA, new Date(at));
    expect(dateBoundProblem(laDate, bounds)).toBeUndefined();
    expect(dateBoundProblem(addDays(laDate, 1), bounds)).toMatch(/must not be after today/);
  });
});

describe.each(backends)('date bounds on every surface (%s)', (kind) => {
  let t: TestDb;
  let server: TestServer;
  let w: SeededWorkspace;
  const runs = async () =>
    (
      await t.db.query<{ n: number }>(
        sql`select count(*)::int as n from sync_runs where connection_id = ${w.connectionId}`,
      )
    )[0].n;

  beforeAll(async () => {
    t = await createTestDb(kind);
    const keyring = testKeyring();
    w = await seedWorkspace(t.db, keyring, 'Alpha', '1.00');
    await t.db.query(sql`update connections set time_zone = ${LA} where id = ${w.connectionId}`);
    server = await serveTest(t.db, { keyring, deps: { now: () => NOW } });
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  it('compare_periods over 0001-01-01…9999-12-31 is refused naming both ends, not an internal error', async () => {
    const ctx = toolContext(t.db, w.workspaceId, NOW.toISOString());
    const err = await callTool(
      'compare_periods',
      { metrics: ['spend'], range: { since: '0001-01-01', until: '9999-12-31' } },
      ctx,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.field)).toEqual(['range.since', 'range.until']);
    const ok = await callTool(
      'get_metrics',
      { metrics: ['spend'], range: { since: '2023-10-24', until: '2026-11-24' } },
      ctx,
    );
    expect(ok.range).toMatchObject({ since: '2023-10-24', until: '2026-11-24', time_zone: LA });
  });

  it('a sync of 1900 or of tomorrow is refused over REST and by trigger_sync, and starts no run', async () => {
    const before = await runs();
    const cases: [Record<string, string>, string][] = [
      [{ from: '1900-01-01' }, 'from'],
      [{ to: '2999-01-01' }, 'to'],
      [{ from: '2026-11-20', to: '2026-11-25' }, 'to'], // tomorrow in Los Angeles
    ];
    for (const [body, field] of cases) {
      const answer = await call(server.url, `/api/connections/${w.connectionId}/sync`, {
        method: 'POST',
        headers: bearer(w.apiKey),
        body,
      });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.issues.map((i: { field: string }) => i.field)).toEqual([field]);
      expect(answer.json.error.message).toMatch(/37 months|after today/);
      const tool = await callTool(
        'trigger_sync',
        { connection_id: w.connectionId, ...body },
        toolContext(t.db, w.workspaceId, NOW.toISOString()),
      ).catch((e: unknown) => e);
      expect(tool).toBeInstanceOf(ValidationError);
      expect((tool as ValidationError).issues.map((i) => i.field)).toEqual([field]);
    }
    expect(await runs()).toBe(before);
  });
});

describe('adnavi sync --from/--to', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedCliDataDir('Bounds', []);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses 1900 and 2999 with an error that says why, and exits non-zero', async () => {
    for (const [flags, pattern] of [
      [['--from', '1900-01-01'], /from: must not be before .*37 months/],
      [['--to', '2999-01-01'], /to: must not be after today/],
    ] as const) {
      const result = await promisify(execFile)(process.execPath, ['bin/adnavi.mjs', 'sync', ...flags], {
        env: cliEnv(dir),
      }).then(
        () => ({ code: 0, out: '' }),
        (err: { code: number; stdout: string; stderr: string }) => ({
          code: err.code,
          out: `${err.stdout}${err.stderr}`,
        }),
      );
      expect(result.code, flags.join(' ')).not.toBe(0);
      expect(result.out, flags.join(' ')).toMatch(pattern);
    }
  }, 60_000);
});
