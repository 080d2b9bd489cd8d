// rankedEntityNames (the names the planner matches a question against) on both backends: per level the
// first `listed` by spend in the range, then the name and id, campaigns before ad sets before ads; the
// rest of a level with more than `listed` after them, by level and name; only the workspace's own.
// entityNames: the same names in no order (a question with no name in it needs no ranking). Both carry
// each entity's goal (what "cost per result" counts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntityNameRow, entityNames, rankedEntityNames } from '../../src/db/analytics/entityListing.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { addFacts, type Entity, makeCampaignTree, makeEntity, makeScope } from '../helpers/fixtures.js';

const TODAY = '2026-11-25';

describe.each(backends)('rankedEntityNames on %s', (kind) => {
  let t: TestDb;
  let workspaceId: string;
  let connectionId: string;
  const ads = new Map<string, Entity>();
  const adsets = new Map<string, Entity>();

  beforeAll(async () => {
    t = await createTestDb(kind);
    ({ workspaceId, connectionId } = await makeScope(t.db));
    const scope = { workspaceId, connectionId };
    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta']) {
      const goal = name === 'Bravo' ? 'leads' : 'purchases';
      const campaign = await makeEntity(t.db, scope, { level: 'campaign', name, goal });
      const adset = await makeEntity(t.db, scope, {
        level: 'adset',
        name: `${name} set`,
        parent: campaign,
        goal,
      });
      adsets.set(name, adset);
      ads.set(name, await makeEntity(t.db, scope, { level: 'ad', name: `${name} ad`, parent: adset, goal }));
    }
    // Charlie spent most today, Bravo next; Alpha's spend was yesterday, so it ties Delta at zero today
    await addFacts(t.db, ads.get('Charlie')!, [{ date: TODAY, spend: '5' }]);
    await addFacts(t.db, ads.get('Bravo')!, [{ date: TODAY, spend: '2' }]);
    await addFacts(t.db, ads.get('Alpha')!, [{ date: '2026-11-24', spend: '100' }]);
    const other = await makeScope(t.db);
    await makeCampaignTree(t.db, other, { name: 'Other workspace' });
  }, 120_000);
  afterAll(async () => t?.drop());

  const names = (listed: number) =>
    rankedEntityNames(t.db, {
      workspaceId,
      ranges: [{ connectionId, since: TODAY, until: TODAY }],
      listed,
    });

  it('lists each level by spend in the range, then by name', async () => {
    const rows = await names(10);
    const order = ['Charlie', 'Bravo', 'Alpha', 'Delta'];
    expect(rows.map((r) => `${r.level}:${r.name}`)).toEqual([
      ...order.map((n) => `campaign:${n}`),
      ...order.map((n) => `adset:${n} set`),
      ...order.map((n) => `ad:${n} ad`),
    ]);
    const ad = rows.find((r) => r.name === 'Bravo ad');
    expect(ad).toMatchObject({
      id: ads.get('Bravo')!.externalId,
      parent_id: adsets.get('Bravo')!.externalId,
      goal: 'leads',
    });
  });

  it('puts the rest of a level with more than `listed` after every listed name, by level and name', async () => {
    const rows = await names(2);
    expect(rows.map((r) => `${r.level}:${r.name}`)).toEqual([
      'campaign:Charlie',
      'campaign:Bravo',
      'adset:Charlie set',
      'adset:Bravo set',
      'ad:Charlie ad',
      'ad:Bravo ad',
      'ad:Alpha ad',
      'ad:Delta ad',
      'adset:Alpha set',
      'adset:Delta set',
      'campaign:Alpha',
      'campaign:Delta',
    ]);
  });

  it('entityNames gives the very same names, parents and goals included, in any order', async () => {
    const key = (r: EntityNameRow) => `${r.level}:${r.id}:${r.name}:${r.parent_id}:${r.goal}`;
    const unordered = await entityNames(t.db, { workspaceId, connectionIds: [connectionId] });
    const ranked = await names(2);
    expect(unordered.map(key).sort()).toEqual(ranked.map(key).sort());
    expect(unordered).toHaveLength(12); // the other workspace's tree is not among them
  });
});
