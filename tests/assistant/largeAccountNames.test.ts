// Names in an account larger than the planner's first look at names (the 500 entities per level
// that spent most today): a name is matched against every entity, and an answer about a name that
// many ads share sums every one of them, wherever it ranks; ads "in" a repeated ad set name are those
// under every ad set of that name. 1,500 ads: the simulator's ad names
// repeat, hundreds of ads each (more than the 200 ids a tool filter took before).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/createAssistant.js';
import { loadConfig } from '../../src/config.js';
import { sql } from '../../src/db/sql.js';
import { ingestFactRows } from '../../src/sync/ingest.js';
import { MAX_ENTITY_IDS } from '../../src/tools/schemas.js';
import { backends } from '../helpers/db.js';
import { factRow } from '../helpers/fixtures.js';
import { expectedTotal, hasStatus, lastCall, usd } from './expectations.js';
import { entities, syncedWorld, type World } from './fixture.js';

const assistant = createAssistant(loadConfig({ LOG_LEVEL: 'silent' }));

describe.each(backends)('names in a 1,500-ad account (%s)', (kind) => {
  let w: World;

  beforeAll(async () => {
    w = await syncedWorld(kind, 2, { ads: 1500 }); // today and the two days before: yesterday is enough here
    // for the last test: 5,001 more ads of one name, as a bulk upload makes them (written as ingested facts)
    const facts = Array.from({ length: MAX_ENTITY_IDS + 1 }, (_, i) =>
      factRow({ adId: String(900_000_000 + i), adName: 'Zebra Twin', date: '2026-11-24', spend: '1.25' }),
    );
    const [connection] = await w.t.db.query<{ id: string }>(sql`select id from connections`);
    await ingestFactRows(w.t.db, { workspaceId: w.ctx.workspaceId, connectionId: connection.id }, facts);
  }, 180_000);

  afterAll(async () => {
    await w?.close();
  });

  it('sums every ad that carries the name, not only those among the top 500 by spend', async () => {
    const name = 'Collection – Lookbook';
    const ads = (await entities(w, 'ads')).filter((a) => a.name === name);
    expect(ads.length).toBeGreaterThan(200);
    const expected = await expectedTotal(w, 'spend', '2026-11-24', '2026-11-24', {
      field: 'ad.id',
      ids: ads.map((a) => a.id),
    });
    expect(expected).toBeGreaterThan(0);

    const r = await assistant.ask(`spend for the ${name} ad yesterday`, { ctx: w.ctx });
    expect(r.answer).toContain(usd(expected!));
    expect(r.answer).toContain(`${ads.length} ads with that name`);
    const ids = lastCall(r, 'get_metrics').input.filters.entity_ids;
    expect(new Set(ids)).toEqual(new Set(ads.map((a) => a.id)));
  });

  it('counts the ads under every ad set of a repeated name, in one listing', async () => {
    const name = 'US – Broad';
    const adsets = new Set((await entities(w, 'adsets')).filter((a) => a.name === name).map((a) => a.id));
    expect(adsets.size).toBeGreaterThan(5); // the planner looked under five of them before
    const ads = (await entities(w, 'ads')).filter((a) => adsets.has(a.adset_id!) && hasStatus(a, 'default'));

    const r = await assistant.ask(`how many ads are in the ${name} ad set?`, { ctx: w.ctx });
    expect(r.answer).toContain(`There are ${ads.length} ads in "${name}" ×${adsets.size}`);
    const parents = r.toolCalls.flatMap((c) =>
      c.name === 'list_entities' && (c.input as { parent_id?: string[] }).parent_id
        ? [(c.input as { parent_id: string[] }).parent_id]
        : [],
    );
    expect(parents).toHaveLength(1);
    expect(new Set(parents[0])).toEqual(adsets);
  });

  it('refuses a name carried by more ads than one answer can add up, instead of summing some', async () => {
    const r = await assistant.ask('spend for the Zebra Twin ad yesterday', { ctx: w.ctx });
    expect(r.answer).toContain('5,001 ads are named "Zebra Twin"');
    expect(r.toolCalls.map((c) => c.name)).not.toContain('get_metrics');
  });
});
