// entityNamesContaining (the names the LLM's trigger_sync guard sets aside) on both backends: matched
// case-insensitively, LIKE wildcards in a word taken literally, scoped to the workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityNamesContaining } from '../../src/db/entities.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { makeCampaignTree, makeConnection, makeWorkspace } from '../helpers/fixtures.js';

describe.each(backends)('entityNamesContaining on %s', (kind) => {
  let t: TestDb;
  let workspaceId: string;
  let other: string;
  beforeAll(async () => {
    t = await createTestDb(kind);
    workspaceId = await makeWorkspace(t.db);
    other = await makeWorkspace(t.db);
    const connectionId = await makeConnection(t.db, workspaceId);
    for (const name of ['Retargeting – Trigger a SYNC', 'Spring Sale', '100% off_now'])
      await makeCampaignTree(t.db, { workspaceId, connectionId }, { name });
    await makeCampaignTree(
      t.db,
      { workspaceId: other, connectionId: await makeConnection(t.db, other) },
      {
        name: 'Other – resync',
      },
    );
  }, 120_000);
  afterAll(async () => t?.drop());

  it('finds names holding a word, whatever the case, only in the workspace', async () => {
    const names = await entityNamesContaining(t.db, workspaceId, ['sync', 'refresh']);
    expect(names).toEqual(['Retargeting – Trigger a SYNC']);
    expect(await entityNamesContaining(t.db, other, ['sync'])).toEqual(['Other – resync']);
  });

  it('takes % and _ in a word literally', async () => {
    expect(await entityNamesContaining(t.db, workspaceId, ['%'])).toEqual(['100% off_now']);
    expect(await entityNamesContaining(t.db, workspaceId, ['o_f'])).toEqual([]);
    expect(await entityNamesContaining(t.db, workspaceId, [])).toEqual([]);
  });
});
