// The roll-ups (metric_campaign_days, 0003; metric_adset_days, 0010; metric_ad_periods, 0070, 0121;
// metric_adset_periods, 0100) must equal the whole-day facts they stand for after any sequence of
// ingests, restatements, hourly rows, deleted days, deleted ads, deleted campaigns, moved ads and
// truncates. fast-check drives random sequences; the expected sums come from a model of the facts
// kept in the test (integer cents), never from the database.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.js';
import { sql } from '../../src/db/sql.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { addFacts, type Entity, makeConnection, makeEntity, makeWorkspace } from '../helpers/fixtures.js';

// two quarters, two months and two Monday weeks: Sun 29 Mar ends a week, Mon 30 Mar starts the next,
// which Wed 1 Apr (a new month and quarter) shares
const DAYS = ['2026-03-29', '2026-03-30', '2026-04-01'];
const WEEK_OF: Record<string, string> = {
  '2026-03-29': '2026-03-23',
  '2026-03-30': '2026-03-30',
  '2026-04-01': '2026-03-30',
};
const QUARTER_OF = (date: string) => (date < '2026-04-01' ? '2026-01-01' : '2026-04-01');
const ADSETS_OF_CAMPAIGN = [[0, 1], [2]]; // campaign index → ad set indexes
const ADSET_OF_AD = [0, 0, 1, 2, null]; // ad index → ad set index (the last ad has no ad set)

const factArb = fc.record({
  ad: fc.integer({ min: 0, max: ADSET_OF_AD.length - 1 }),
  day: fc.integer({ min: 0, max: DAYS.length - 1 }),
  hourly: fc.boolean(),
  cents: fc.integer({ min: 0, max: 100_000 }),
  clicks: fc.integer({ min: 0, max: 50 }),
});
const opArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('ingest' as const),
      facts: fc.array(factArb, { maxLength: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('deleteDay' as const), day: fc.integer({ min: 0, max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('deleteAd' as const), ad: fc.integer({ min: 0, max: 4 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deleteCampaign' as const),
      campaign: fc.integer({ min: 0, max: 1 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('moveAd' as const),
      ad: fc.integer({ min: 0, max: 4 }),
      adset: fc.integer({ min: 0, max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const) }) },
);

/** What the database should hold: each ad's parents (external ids) and its whole-day facts. */
interface Model {
  adParents: Map<string, { campaign: string | null; adset: string | null }>;
  adsetCampaign: Map<string, string | null>;
  /** `${ad}|${date}` → { cents, clicks } of whole-day facts */
  facts: Map<string, { cents: number; clicks: number }>;
}

type Sums = Record<string, { cents: number; clicks: number }>;

/** Expected roll-up sums keyed by `${campaign}|${adset}|${date}` ('-' where there is none); zeros left out. */
function expectedSums(model: Model, withAdset: boolean): Sums {
  const out: Sums = {};
  for (const [key, v] of model.facts) {
    const [ad, date] = key.split('|');
    const p = model.adParents.get(ad)!;
    const k = `${p.campaign ?? '-'}|${withAdset ? (p.adset ?? '-') : '*'}|${date}`;
    out[k] = { cents: (out[k]?.cents ?? 0) + v.cents, clicks: (out[k]?.clicks ?? 0) + v.clicks };
  }
  for (const [k, v] of Object.entries(out)) if (v.cents === 0 && v.clicks === 0) delete out[k];
  return out;
}

/** Expected ad-set-week and ad-set-month sums keyed by `${campaign}|${adset}|${period}|${start}`; zeros left out. */
function expectedAdsetPeriods(model: Model): Sums {
  const out: Sums = {};
  for (const [k, v] of Object.entries(expectedSums(model, true))) {
    const date = k.slice(-10);
    for (const key of [
      `${k.slice(0, -10)}week|${WEEK_OF[date]}`,
      `${k.slice(0, -10)}month|${date.slice(0, 8)}01`,
    ]) {
      out[key] = { cents: (out[key]?.cents ?? 0) + v.cents, clicks: (out[key]?.clicks ?? 0) + v.clicks };
    }
  }
  for (const [k, v] of Object.entries(out)) if (v.cents === 0 && v.clicks === 0) delete out[k];
  return out;
}

/** The roll-up rows of a connection in the same shape (ids as external ids; zeros left out). */
async function rollupSums(
  db: Db,
  connectionId: string,
  table: 'campaign' | 'adset' | 'periods',
): Promise<Sums> {
  const query =
    table === 'periods'
      ? sql`
          select c.external_id as c, s.external_id as s, d.period || '|' || d.start::text as date,
            d.spend::text as spend, d.clicks
          from metric_adset_periods d
          left join entities c on c.id = d.campaign_id left join entities s on s.id = d.adset_id
          where d.connection_id = ${connectionId} and (d.spend <> 0 or d.clicks <> 0)`
      : table === 'adset'
        ? sql`
          select c.external_id as c, s.external_id as s, d.date::text as date, d.spend::text as spend, d.clicks
          from metric_adset_days d
          left join entities c on c.id = d.campaign_id left join entities s on s.id = d.adset_id
          where d.connection_id = ${connectionId} and (d.spend <> 0 or d.clicks <> 0)`
        : sql`
          select c.external_id as c, null as s, d.date::text as date, d.spend::text as spend, d.clicks
          from metric_campaign_days d left join entities c on c.id = d.campaign_id
          where d.connection_id = ${connectionId} and (d.spend <> 0 or d.clicks <> 0)`;
  const rows = await db.query<{
    c: string | null;
    s: string | null;
    date: string;
    spend: string;
    clicks: number;
  }>(query);
  const out: Sums = {};
  for (const r of rows) {
    const cents = toCents(r.spend);
    out[`${r.c ?? '-'}|${table === 'campaign' ? '*' : (r.s ?? '-')}|${r.date}`] = {
      cents,
      clicks: Number(r.clicks),
    };
  }
  return out;
}

type PeriodSums = Record<string, { facts: number; cents: number; clicks: number }>;

/** Expected ad-week and ad-month rows keyed by `${ad}|${campaign}|${adset}|${period}|${start}`, zeros kept. */
function expectedAdPeriods(model: Model): PeriodSums {
  const out: PeriodSums = {};
  for (const [key, v] of model.facts) {
    const [ad, date] = key.split('|');
    const p = model.adParents.get(ad)!;
    for (const [period, start] of [
      ['week', WEEK_OF[date]],
      ['month', `${date.slice(0, 8)}01`],
      ['quarter', QUARTER_OF(date)],
    ]) {
      const k = `${ad}|${p.campaign ?? '-'}|${p.adset ?? '-'}|${period}|${start}`;
      const o = out[k] ?? { facts: 0, cents: 0, clicks: 0 };
      out[k] = { facts: o.facts + 1, cents: o.cents + v.cents, clicks: o.clicks + v.clicks };
    }
  }
  return out;
}

/** Every metric_ad_periods row of a connection in the same shape (a row with no facts must not exist). */
async function adPeriodSums(db: Db, connectionId: string): Promise<PeriodSums> {
  const rows = await db.query<{ key: string; facts: number; spend: string; clicks: number }>(sql`
    select concat_ws('|', a.external_id, coalesce(c.external_id, '-'), coalesce(s.external_id, '-'), d.period,
        d.start::text) as key, d.facts, (d.spend_micros * 0.000001)::text as spend, d.clicks
    from metric_ad_periods d
    join entities a on a.id = d.entity_id
    left join entities c on c.id = d.campaign_id left join entities s on s.id = d.adset_id
    where d.connection_id = ${connectionId}`);
  const out: PeriodSums = {};
  for (const r of rows) {
    out[r.key] = { facts: Number(r.facts), cents: toCents(r.spend), clicks: Number(r.clicks) };
  }
  return out;
}

function toCents(spend: string): number {
  const [whole, frac = ''] = spend.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
}

const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

describe.each(backends)('roll-ups equal the facts on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  it('after random ingests, restatements, deletes, moves and truncates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        const db = t.db;
        const workspaceId = await makeWorkspace(db);
        const connectionId = await makeConnection(db, workspaceId);
        const scope = { workspaceId, connectionId };
        const campaigns = [
          await makeEntity(db, scope, { level: 'campaign' }),
          await makeEntity(db, scope, { level: 'campaign' }),
        ];
        const adsets: Entity[] = [];
        for (const [c, indexes] of ADSETS_OF_CAMPAIGN.entries()) {
          for (const _ of indexes)
            adsets.push(await makeEntity(db, scope, { level: 'adset', parent: campaigns[c] }));
        }
        const ads: Entity[] = [];
        for (const s of ADSET_OF_AD) {
          ads.push(await makeEntity(db, scope, { level: 'ad', parent: s === null ? undefined : adsets[s] }));
        }
        const model: Model = { adParents: new Map(), adsetCampaign: new Map(), facts: new Map() };
        for (const [c, indexes] of ADSETS_OF_CAMPAIGN.entries()) {
          for (const s of indexes) model.adsetCampaign.set(adsets[s].externalId, campaigns[c].externalId);
        }
        ADSET_OF_AD.forEach((s, i) => {
          const adset = s === null ? null : adsets[s].externalId;
          model.adParents.set(ads[i].externalId, {
            adset,
            campaign: adset === null ? null : model.adsetCampaign.get(adset)!,
          });
        });
        const deletedAds = new Set<number>();

        for (const op of ops) {
          if (op.kind === 'ingest') {
            const byAd = new Map<number, typeof op.facts>();
            const seen = new Set<string>();
            for (const f of op.facts) {
              const key = `${f.ad}|${f.day}|${f.hourly}`;
              if (seen.has(key)) continue; // keys are unique within a batch (validateFacts' rule)
              seen.add(key);
              byAd.set(f.ad, [...(byAd.get(f.ad) ?? []), f]);
            }
            for (const [ad, facts] of byAd) {
              if (deletedAds.delete(ad)) {
                // a deleted ad named by a fact comes back as a placeholder without parents
                model.adParents.set(ads[ad].externalId, { campaign: null, adset: null });
              }
              await addFacts(
                db,
                ads[ad],
                facts.map((f) => ({
                  date: DAYS[f.day],
                  hour: f.hourly ? 5 : -1,
                  spend: money(f.cents),
                  clicks: f.clicks,
                })),
              );
              for (const f of facts) {
                if (!f.hourly) {
                  model.facts.set(`${ads[ad].externalId}|${DAYS[f.day]}`, {
                    cents: f.cents,
                    clicks: f.clicks,
                  });
                }
              }
            }
          } else if (op.kind === 'deleteDay') {
            await db.query(
              sql`delete from metric_facts where connection_id = ${connectionId} and date = ${DAYS[op.day]}`,
            );
            for (const key of [...model.facts.keys()])
              if (key.endsWith(`|${DAYS[op.day]}`)) model.facts.delete(key);
          } else if (op.kind === 'deleteAd') {
            await db.query(
              sql`delete from entities where connection_id = ${connectionId} and external_id = ${ads[op.ad].externalId}`,
            );
            deletedAds.add(op.ad);
            for (const key of [...model.facts.keys()])
              if (key.startsWith(`${ads[op.ad].externalId}|`)) model.facts.delete(key);
          } else if (op.kind === 'deleteCampaign') {
            const gone = campaigns[op.campaign].externalId;
            await db.query(
              sql`delete from entities where connection_id = ${connectionId} and external_id = ${gone}`,
            );
            for (const [s, c] of model.adsetCampaign) if (c === gone) model.adsetCampaign.set(s, null);
            for (const p of model.adParents.values()) if (p.campaign === gone) p.campaign = null;
          } else if (op.kind === 'moveAd') {
            if (deletedAds.has(op.ad)) continue;
            await db.query(sql`
              update entities a set parent_id = s.id, adset_id = s.id, campaign_id = s.campaign_id
              from entities s
              where a.connection_id = ${connectionId} and a.external_id = ${ads[op.ad].externalId}
                and s.connection_id = ${connectionId} and s.external_id = ${adsets[op.adset].externalId}`);
            const adset = adsets[op.adset].externalId;
            model.adParents.set(ads[op.ad].externalId, {
              adset,
              campaign: model.adsetCampaign.get(adset) ?? null,
            });
          } else {
            await db.query(sql`truncate metric_facts`);
            model.facts.clear();
          }
        }
        expect(await rollupSums(db, connectionId, 'adset')).toEqual(expectedSums(model, true));
        expect(await rollupSums(db, connectionId, 'campaign')).toEqual(expectedSums(model, false));
        expect(await adPeriodSums(db, connectionId)).toEqual(expectedAdPeriods(model));
        expect(await rollupSums(db, connectionId, 'periods')).toEqual(expectedAdsetPeriods(model));
        // an ad-set week or month has a row exactly when the ad-set days have one in it (0100)
        const [{ unmatched }] = await db.query<{ unmatched: number }>(sql`
          with days as (
            select p.period, p.start, d.adset_id, d.campaign_id, d.provider
            from metric_adset_days d
            cross join lateral (values ('week', date_trunc('week', d.date::timestamp)::date),
                                       ('month', date_trunc('month', d.date::timestamp)::date)) as p(period, start)
            where d.connection_id = ${connectionId}
          ), periods as (
            select period, start, adset_id, campaign_id, provider from metric_adset_periods
            where connection_id = ${connectionId}
          )
          select count(*)::int as unmatched
          from ((select * from days except select * from periods) union all (select * from periods except select * from days)) x`);
        expect(unmatched).toBe(0);
      }),
      { numRuns: 25 },
    );
  }, 600_000);
});
