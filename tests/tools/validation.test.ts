import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { callTool, listTools } from '../../src/tools/registry.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { makeConnection, makeWorkspace, toolContext } from '../helpers/fixtures.js';

// [tool, bad input, the field the error must name]
const cases: [string, unknown, string][] = [
  ['list_entities', { range: { since: '2026-11-05', until: '2026-11-01' } }, 'range.until'],
  ['list_entities', { range: { since: '2026-02-30', until: '2026-03-01' } }, 'range.since'],
  ['list_entities', { range: { preset: 'last_2d' } }, 'range'],
  ['list_entities', { level: 'account' }, 'level'],
  ['list_entities', { limit: 0 }, 'limit'],
  ['list_entities', { workspace_id: 'x' }, '(root)'],
  ['get_metrics', { metrics: ['spend', 'profit'] }, 'metrics.1'],
  ['get_metrics', { metrics: [] }, 'metrics'],
  ['get_metrics', { metrics: ['spend'], group_by: 'minute' }, 'group_by'],
  // hours are for one day; the default range is 30 days
  ['get_metrics', { metrics: ['spend'], group_by: 'hour' }, 'range'],
  ['compare_periods', { metrics: ['spend'], same_hours: true }, 'range'],
  ['get_metrics', { metrics: ['spend'], filters: { connection_id: 'nope' } }, 'filters.connection_id'],
  ['compare_periods', { metrics: ['bogus'] }, 'metrics.0'],
  ['compare_periods', { metrics: ['spend'], top: 99 }, 'top'],
  ['list_connections', { extra: true }, '(root)'],
  ['trigger_sync', { from: '2026-11-05', to: '2026-11-01' }, 'to'],
  ['trigger_sync', { connection_id: '42' }, 'connection_id'],
  ['sync_status', { limit: 500 }, 'limit'],
  ['sync_status', { run_id: 'not-a-uuid' }, 'run_id'],
  // control characters in free text (PostgreSQL cannot store NUL; none has a use here)
  ['list_entities', { name_contains: 'Black\u0000Friday' }, 'name_contains'],
  ['list_entities', { parent_id: '1201\u001b' }, 'parent_id'],
  ['get_metrics', { metrics: ['spend'], filters: { entity_ids: ['1', '2\u0000'] } }, 'filters.entity_ids.1'],
  [
    'compare_periods',
    { metrics: ['spend'], filters: { name_contains: 'a\u007fb' } },
    'filters.name_contains',
  ],
  // dates Meta cannot hold (the clock is 2026-11-25; 37 months back is 2023-10-25)
  ['get_metrics', { metrics: ['spend'], range: { since: '2023-10-24', until: '2023-11-01' } }, 'range.since'],
  [
    'compare_periods',
    { metrics: ['spend'], compare_to: { since: '2026-11-01', until: '2026-11-26' } },
    'compare_to.until',
  ],
  // arguments that are not an object
  ['list_entities', 'campaigns', '(root)'],
];

describe('every tool rejects bad input with a ValidationError naming the field', () => {
  let t: TestDb;
  let ctx: ReturnType<typeof toolContext>;
  beforeAll(async () => {
    t = await createTestDb('pglite');
    const workspaceId = await makeWorkspace(t.db);
    // connected: checks that need the account (hours are for one day) run, not the no-account refusal
    await makeConnection(t.db, workspaceId, { currency: 'USD', timeZone: 'UTC' });
    ctx = toolContext(t.db, workspaceId);
  });
  afterAll(async () => t?.drop());

  it('covers every tool in the catalog', () => {
    const names = listTools().map((tool) => tool.name);
    expect(names).toEqual([
      'list_entities',
      'get_metrics',
      'compare_periods',
      'list_connections',
      'trigger_sync',
      'sync_status',
    ]);
    expect(new Set(cases.map(([name]) => name))).toEqual(new Set(names));
    for (const tool of listTools()) expect(tool.readOnly).toBe(tool.name !== 'trigger_sync');
  });

  it.each(cases)('%s %j → %s', async (name, input, field) => {
    const err = await callTool(name, input, ctx).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.field)).toContain(field);
  });
});
