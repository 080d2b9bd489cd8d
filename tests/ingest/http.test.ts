// POST /api/workspaces/:workspaceId/metrics/ingest over real HTTP: counts, per-row errors, status codes,
// and a table of hostile inputs that must be answered as the client's fault (never a 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { sql } from '../../src/db/sql.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import type { IngestScope } from '../../src/sync/ingest.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { countRows, fact, scopeFor } from './fixtures.js';

describe.each(backends)('ingest endpoint on %s', (kind) => {
  let t: TestDb;
  let server: RunningServer;
  let scope: IngestScope;
  let other: IngestScope;

  beforeAll(async () => {
    t = await createTestDb(kind);
    scope = await scopeFor(t.db);
    other = await scopeFor(t.db, 'other', 'act_222');
    server = await startServer({ db: t.db, config: loadConfig({}) }, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
  });

  const url = (workspaceId = DEFAULT_WORKSPACE_ID) =>
    `${server.url}/api/workspaces/${workspaceId}/metrics/ingest`;
  const post = (body: string, workspaceId?: string, type = 'application/json') =>
    fetch(url(workspaceId), { method: 'POST', headers: { 'content-type': type }, body });
  const postJson = (body: unknown, workspaceId?: string) => post(JSON.stringify(body), workspaceId);

  it('stores valid facts and answers with counts', async () => {
    const body = { connection_id: scope.connectionId, facts: [fact(1, '2026-04-01'), fact(2, '2026-04-01')] };
    const res = await postJson(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ inserted: 2, updated: 0, unchanged: 0, errors: [] });
    const again = await postJson(body);
    expect(await again.json()).toEqual({ inserted: 0, updated: 0, unchanged: 2, errors: [] });
  });

  it('reports invalid rows by index and field and still stores the valid ones', async () => {
    const res = await postJson({
      connection_id: scope.connectionId,
      facts: [
        fact(10, '2026-04-02'),
        fact(11, '2026-02-30'),
        fact(12, '2026-04-02', { impressions: -5 }),
        fact(13, '2026-04-02', { spend: '3.5' }),
      ],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect(body.errors.map((e: { index: number; field: string }) => [e.index, e.field])).toEqual([
      [1, 'date'],
      [2, 'impressions'],
    ]);
    const stored = await t.db.query<{ external_id: string }>(sql`
      select e.external_id from metric_facts f join entities e on e.id = f.entity_id
      where f.date = '2026-04-02' order by 1`);
    expect(stored.map((r) => r.external_id)).toEqual(['1010', '1013']);
  });

  it('answers 404 for an unknown workspace and 403 for a workspace that is not the caller’s', async () => {
    const body = { connection_id: scope.connectionId, facts: [fact(1, '2026-04-03')] };
    expect((await postJson(body, '0d7f3f2e-9a51-4c1e-8f7e-000000000000')).status).toBe(404);
    expect((await postJson(body, 'not-a-uuid')).status).toBe(404);
    const foreign = await postJson(
      { connection_id: other.connectionId, facts: [fact(1, '2026-04-03')] },
      other.workspaceId,
    );
    expect(foreign.status).toBe(403);
    expect(await countRows(t.db, 'metric_facts', other.workspaceId)).toBe(0);
  });

  it('never writes through a connection of another workspace', async () => {
    const res = await postJson({ connection_id: other.connectionId, facts: [fact(30, '2026-04-04')] });
    expect(res.status).toBe(404);
    expect(await countRows(t.db, 'metric_facts', other.workspaceId)).toBe(0);
    expect(await countRows(t.db, 'entities', other.workspaceId)).toBe(0);
    const misfiled = await t.db.query(sql`select 1 from metric_facts where date = '2026-04-04'`);
    expect(misfiled).toEqual([]);
  });

  it('answers 400 naming the field for a bad envelope', async () => {
    const cases: [unknown, string][] = [
      [{ facts: [fact(1, '2026-04-05')] }, 'connection_id'],
      [{ connection_id: 'abc', facts: [fact(1, '2026-04-05')] }, 'connection_id'],
      [{ connection_id: 42, facts: [fact(1, '2026-04-05')] }, 'connection_id'],
      [{ connection_id: scope.connectionId }, 'facts'],
      [{ connection_id: scope.connectionId, facts: 'many' }, 'facts'],
      [{ connection_id: scope.connectionId, facts: [] }, 'facts'],
      [{ connection_id: scope.connectionId, facts: Array.from({ length: 10_001 }, () => ({})) }, 'facts'],
    ];
    for (const [body, field] of cases) {
      const res = await postJson(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const json = await res.json();
      expect(json.error.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
  });

  it('answers 404 for a well-formed connection id that does not exist', async () => {
    const res = await postJson({
      connection_id: '0d7f3f2e-9a51-4c1e-8f7e-000000000000',
      facts: [fact(1, '2026-04-05')],
    });
    expect(res.status).toBe(404);
  });

  it('answers 400 for malformed or non-object bodies', async () => {
    for (const raw of ['{"connection_id": ', 'null', '[]', '"text"', '42', '']) {
      const res = await post(raw);
      expect(res.status, raw).toBe(400);
      const { error } = await res.json();
      expect(error.code, raw).toMatch(/^(entity\.parse\.failed|invalid_input)$/);
    }
    const plain = await post(`connection_id=${scope.connectionId}`, undefined, 'text/plain');
    expect(plain.status).toBe(400);
  });

  it('answers 413 for a body over the limit', async () => {
    const huge = JSON.stringify({
      connection_id: scope.connectionId,
      facts: [{ ad_name: 'x'.repeat(9 * 1024 * 1024) }],
    });
    const res = await post(huge);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({
      code: 'entity.too.large',
      message: expect.stringMatching(/limit/),
    });
  });

  // Each hostile fact sits at index 0 of a request whose index 1 is valid: the answer is 200 with the
  // field named for index 0, and nothing reaches the database as a 500.
  const hostile: [string, unknown, string][] = [
    ['null fact', null, '(fact)'],
    ['number fact', 7, '(fact)'],
    ['array fact', [], '(fact)'],
    ['numeric ad id', { ...fact(1, '2026-05-01'), ad_id: 1001 }, 'ad_id'],
    ['empty ad id', { ...fact(1, '2026-05-01'), ad_id: '' }, 'ad_id'],
    ['letters in ad id', { ...fact(1, '2026-05-01'), ad_id: '12a' }, 'ad_id'],
    ['40-digit ad id', { ...fact(1, '2026-05-01'), ad_id: '1'.repeat(40) }, 'ad_id'],
    ['missing date', { ad_id: '1001' }, 'date'],
    ['30 February', fact(1, '2026-02-30'), 'date'],
    ['29 February of a common year', fact(1, '2025-02-29'), 'date'],
    ['month 13', fact(1, '2026-13-01'), 'date'],
    ['year 0', fact(1, '0000-01-01'), 'date'],
    ['date as a number', { ...fact(1, '2026-05-01'), date: 20260501 }, 'date'],
    ['date with a time', fact(1, '2026-05-01T00:00:00Z'), 'date'],
    ['hour 24', fact(1, '2026-05-01', { hour: 24 }), 'hour'],
    ['hour as text', { ...fact(1, '2026-05-01'), hour: '5' }, 'hour'],
    ['negative impressions', fact(1, '2026-05-01', { impressions: -5 }), 'impressions'],
    ['negative impressions as text', fact(1, '2026-05-01', { impressions: '-5' }), 'impressions'],
    ['fractional clicks', fact(1, '2026-05-01', { clicks: 1.5 }), 'clicks'],
    ['clicks beyond bigint', fact(1, '2026-05-01', { clicks: 1e300 }), 'clicks'],
    ['clicks as a word', fact(1, '2026-05-01', { clicks: 'many' }), 'clicks'],
    ['clicks as true', { ...fact(1, '2026-05-01'), clicks: true }, 'clicks'],
    ['clicks as null', { ...fact(1, '2026-05-01'), clicks: null }, 'clicks'],
    ['negative spend', fact(1, '2026-05-01', { spend: '-1.00' }), 'spend'],
    ['spend in exponent form', fact(1, '2026-05-01', { spend: '1e5' }), 'spend'],
    ['spend of 20 digits', fact(1, '2026-05-01', { spend: '9'.repeat(20) }), 'spend'],
    ['spend as an object', { ...fact(1, '2026-05-01'), spend: { amount: 1 } }, 'spend'],
    ['spend as NaN text', fact(1, '2026-05-01', { spend: 'NaN' }), 'spend'],
    ['huge ad name', fact(1, '2026-05-01', { ad_name: 'n'.repeat(100_000) }), 'ad_name'],
    ['NUL in a name', fact(1, '2026-05-01', { campaign_name: 'a\u0000b' }), 'campaign_name'],
    ['lone surrogate in a name', fact(1, '2026-05-01', { ad_name: 'a\ud800b' }), 'ad_name'],
    ['actions not an array', { ...fact(1, '2026-05-01'), actions: 'purchase' }, 'actions'],
    ['NUL inside actions', fact(1, '2026-05-01', { actions: [{ action_type: 'x\u0000' }] }), 'actions'],
    [
      'lone surrogate as an action key',
      fact(1, '2026-05-01', { action_values: [{ '\udc00': '1' }] }),
      'action_values',
    ],
  ];

  it.each(hostile)('reports %s as a field error, never a 500', async (_label, bad, field) => {
    const res = await postJson({ connection_id: scope.connectionId, facts: [bad, fact(40, '2026-05-02')] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors.every((e: { index: number }) => e.index === 0)).toBe(true);
    expect(body.errors[0].field).toBe(field);
    expect(body.inserted + body.unchanged).toBe(1);
  });
});
