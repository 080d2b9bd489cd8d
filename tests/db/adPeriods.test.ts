// Ad-level sums read whole months and weeks from metric_ad_periods (0070) and the remainder days
// from the facts (src/db/analytics/adPeriods.ts); ad-set sums read whole months and weeks from
// metric_adset_periods (0100), campaign and account sums its whole months, and the other days from
// the day roll-ups. The split must cover
// every day of a range exactly once, and the sums read that way must equal the daily facts for any
// range, per connection.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RangePieces, signedPieces, splitRanges } from '../../src/db/analytics/adPeriods.js';
import { entityListing } from '../../src/db/analytics/entityListing.js';
import { metricTotals } from '../../src/db/analytics/metricTotals.js';
import { periodMovers } from '../../src/db/analytics/periodMovers.js';
import { type ConnectionRange, factsInRange } from '../../src/db/analytics/scope.js';
import { sql } from '../../src/db/sql.js';
import { backends, createTestDb, type TestDb } from '../helpers/db.js';
import { addFacts, type Entity, makeConnection, makeEntity, makeWorkspace } from '../helpers/fixtures.js';

const DAY_MS = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const time = (d: string) => Date.parse(`${d}T00:00:00Z`);
const daysOf = (since: string, until: string) => {
  const out: string[] = [];
  for (let t = time(since); t <= time(until); t += DAY_MS) out.push(iso(t));
  return out;
};

/** Every day the pieces stand for, checking that periods are whole and start where they should. */
function coveredDays(pieces: RangePieces): string[] {
  const days: string[] = [];
  for (const q of pieces.quarters) {
    expect(q.since.slice(5)).toMatch(/^(01|04|07|10)-01$/);
    const next = iso(Date.UTC(+q.since.slice(0, 4), +q.since.slice(5, 7) + 2, 1));
    days.push(...daysOf(q.since, iso(time(next) - DAY_MS)));
  }
  for (const m of pieces.months) {
    for (let d = m.since; d <= m.until; d = iso(Date.UTC(+d.slice(0, 4), +d.slice(5, 7), 1))) {
      expect(d.slice(8)).toBe('01');
      const next = iso(Date.UTC(+d.slice(0, 4), +d.slice(5, 7), 1));
      days.push(...daysOf(d, iso(time(next) - DAY_MS)));
    }
  }
  for (const w of pieces.weeks) {
    for (let d = w.since; d <= w.until; d = iso(time(d) + 7 * DAY_MS)) {
      expect(new Date(time(d)).getUTCDay()).toBe(1); // Monday
      days.push(...daysOf(d, iso(time(d) + 6 * DAY_MS)));
    }
  }
  for (const r of pieces.days) days.push(...daysOf(r.since, r.until));
  return days.sort();
}

const dayArb = (from: string, to: string) =>
  fc.integer({ min: time(from) / DAY_MS, max: time(to) / DAY_MS }).map((n) => iso(n * DAY_MS));
const rangeArb = (from: string, to: string, maxDays: number) =>
  fc
    .tuple(dayArb(from, to), fc.integer({ min: 0, max: maxDays }))
    .map(([since, n]) => ({ since, until: iso(time(since) + n * DAY_MS) }));

describe('splitting a range into months, weeks and days', () => {
  it('covers every day of any range exactly once', () => {
    fc.assert(
      fc.property(rangeArb('2023-01-01', '2028-12-31', 500), ({ since, until }) => {
        const pieces = splitRanges([{ connectionId: 'c', since, until }]);
        expect(coveredDays(pieces)).toEqual(daysOf(since, until));
        // at most the days of two partial weeks at each end of the months
        expect(pieces.days.reduce((n, r) => n + daysOf(r.since, r.until).length, 0)).toBeLessThanOrEqual(24);
      }),
      { numRuns: 200 },
    );
  });

  it('reads a calendar month as one month and a Monday-to-Sunday week as one week', () => {
    expect(splitRanges([{ connectionId: 'c', since: '2026-10-01', until: '2026-10-31' }])).toEqual({
      quarters: [],
      months: [{ connectionId: 'c', since: '2026-10-01', until: '2026-10-01' }],
      weeks: [],
      days: [],
    });
    expect(splitRanges([{ connectionId: 'c', since: '2026-11-16', until: '2026-11-22' }]).weeks).toEqual([
      { connectionId: 'c', since: '2026-11-16', until: '2026-11-16' },
    ]);
    expect(splitRanges([{ connectionId: 'c', since: '2026-11-25', until: '2026-11-24' }]).days).toEqual([]);
    // without weeks (the campaign level), what the months leave is days
    expect(
      splitRanges([{ connectionId: 'c', since: '2026-10-29', until: '2026-11-22' }], { weeks: false }),
    ).toEqual({
      quarters: [],
      months: [],
      weeks: [],
      days: [{ connectionId: 'c', since: '2026-10-29', until: '2026-11-22' }],
    });
  });
});

describe('a range as the fewest quarters, months, weeks and days, some subtracted', () => {
  it('counts every day of any range once and no other day, in no more pieces than adding alone', () => {
    const count = (p: RangePieces) => {
      const net = new Map<string, number>();
      for (const d of coveredDays(p)) net.set(d, (net.get(d) ?? 0) + 1);
      return net;
    };
    const pieces = (p: RangePieces) => p.quarters.length + p.months.length + p.weeks.length + p.days.length;
    fc.assert(
      fc.property(rangeArb('2023-01-01', '2028-12-31', 500), ({ since, until }) => {
        const range = [{ connectionId: 'c', since, until }];
        const { add, subtract } = signedPieces(range);
        const net = count(add);
        for (const [d, n] of count(subtract)) net.set(d, (net.get(d) ?? 0) - n);
        const counted = [...net].filter(([, n]) => n !== 0);
        expect(counted.every(([, n]) => n === 1)).toBe(true);
        expect(counted.map(([d]) => d).sort()).toEqual(daysOf(since, until));
        // the rows adding alone reads: a row per month, per week and per day
        const { months, weeks, days } = splitRanges(range);
        const rows =
          new Set(coveredDays({ quarters: [], months, weeks: [], days: [] }).map((d) => d.slice(0, 7))).size +
          coveredDays({ quarters: [], months: [], weeks, days: [] }).length / 7 +
          coveredDays({ quarters: [], months: [], weeks: [], days }).length;
        expect(pieces(add) + pieces(subtract)).toBeLessThanOrEqual(rows);
      }),
      { numRuns: 200 },
    );
    // Nov 18–24 2026 (Wednesday to Tuesday): the week of Monday Nov 16, less Nov 16 and 17, plus Nov 23 and 24
    const week = signedPieces([{ connectionId: 'c', since: '2026-11-18', until: '2026-11-24' }]);
    expect(week.add.weeks.map((w) => w.since)).toEqual(['2026-11-16']);
    expect(week.add.days.map((d) => d.since).sort()).toEqual(['2026-11-23', '2026-11-24']);
    expect(week.subtract.days.map((d) => d.since).sort()).toEqual(['2026-11-16', '2026-11-17']);
    // a half year is its two quarters; a year ending on any day at most 20 pieces (26 without quarters)
    const half = signedPieces([{ connectionId: 'c', since: '2026-01-01', until: '2026-06-30' }]);
    expect(half.add.quarters.map((q) => q.since)).toEqual(['2026-01-01', '2026-04-01']);
    expect(pieces(half.add) + pieces(half.subtract)).toBe(2);
    for (let end = time('2026-01-01'); end <= time('2026-12-31'); end += DAY_MS) {
      const year = signedPieces([{ connectionId: 'c', since: iso(end - 364 * DAY_MS), until: iso(end) }]);
      expect(pieces(year.add) + pieces(year.subtract), iso(end)).toBeLessThanOrEqual(20);
    }
  });
});

describe.each(backends)('ad-level sums over any range on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => t?.drop());

  it('equal the daily facts, per connection range (shared or not), in listings and in totals', async () => {
    const db = t.db;
    const workspaceId = await makeWorkspace(db);
    const FIRST = '2025-12-20';
    const LAST = '2026-04-10';
    const cents = new Map<string, Map<string, number>>(); // ad external id → date → cents
    const conns: string[] = [];
    const ads: Entity[] = [];
    const parents: { campaign: string; adset: string }[] = []; // per connection
    for (let c = 0; c < 2; c++) {
      const connectionId = await makeConnection(db, workspaceId);
      conns.push(connectionId);
      const scope = { workspaceId, connectionId };
      const campaign = await makeEntity(db, scope, { level: 'campaign' });
      const adset = await makeEntity(db, scope, { level: 'adset', parent: campaign });
      parents.push({ campaign: campaign.externalId, adset: adset.externalId });
      for (let a = 0; a < 2; a++) {
        const ad = await makeEntity(db, scope, { level: 'ad', parent: adset });
        ads.push(ad);
        const byDay = new Map<string, number>();
        // the second ad of each connection delivers every third day only
        const days = daysOf(FIRST, LAST).filter((_, i) => a === 0 || i % 3 === 0);
        for (const [i, date] of days.entries()) byDay.set(date, ((i * 7919 + c * 31 + a * 17) % 100_000) + 1);
        cents.set(ad.externalId, byDay);
        const money = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
        await addFacts(db, ad, [
          ...days.map((date) => ({ date, spend: money(byDay.get(date)!), clicks: 1 })),
          // hourly rows are never part of a daily sum
          ...days.slice(0, 40).map((date) => ({ date, hour: 5, spend: '999.00', clicks: 100 })),
        ]);
      }
    }
    const expected = (ad: Entity, r: ConnectionRange) =>
      daysOf(r.since, r.until).reduce((n, d) => n + (cents.get(ad.externalId)!.get(d) ?? 0), 0);

    await fc.assert(
      fc.asyncProperty(
        rangeArb('2025-12-01', '2026-04-20', 130),
        rangeArb('2025-12-01', '2026-04-20', 130),
        // the same range for both (as in one time zone): read with constant dates, not joined to the ranges
        fc.boolean(),
        async (r0, r1, same) => {
          const ranges = [
            { connectionId: conns[0], ...r0 },
            { connectionId: conns[1], ...(same ? r0 : r1) },
          ];
          const { rows } = await entityListing(db, {
            workspaceId,
            ranges,
            level: 'ad',
            status: 'any',
            metrics: ['spend', 'clicks'],
            sort: { by: 'name', direction: 'asc' },
            limit: 10,
          });
          const rangeOf = (ad: Entity) => ranges[conns.indexOf(ad.connectionId)];
          const got = Object.fromEntries(rows.map((r) => [r.id, Math.round(Number(r.metrics.spend) * 100)]));
          expect(got).toEqual(
            Object.fromEntries(ads.map((ad) => [ad.externalId, expected(ad, rangeOf(ad))])),
          );
          const clicks = rows.reduce((n, r) => n + Number(r.metrics.clicks), 0);
          const days = ads.reduce(
            (n, ad) =>
              n +
              daysOf(rangeOf(ad).since, rangeOf(ad).until).filter((d) => cents.get(ad.externalId)!.has(d))
                .length,
            0,
          );
          expect(clicks).toBe(days);

          // delivered = a fact in the range, though a subtracted day's facts were counted in its week or month
          const delivering = await entityListing(db, {
            workspaceId,
            ranges,
            level: 'ad',
            status: 'any',
            onlyDelivering: true,
            metrics: ['spend'],
            sort: { by: 'spend', direction: 'desc' },
            limit: 10,
          });
          expect(delivering.rows.map((r) => r.id).sort()).toEqual(
            ads
              .filter((ad) =>
                daysOf(rangeOf(ad).since, rangeOf(ad).until).some((d) => cents.get(ad.externalId)!.has(d)),
              )
              .map((ad) => ad.externalId)
              .sort(),
          );

          // movers against nothing before: each ad's change is its sum over the range
          const movers = await periodMovers(db, {
            workspaceId,
            current: ranges,
            previous: ranges.map((r) => ({ ...r, since: '2099-01-02', until: '2099-01-01' })),
            metric: 'spend',
            level: 'ad',
            limit: 10,
          });
          expect(Object.fromEntries(movers.map((m) => [m.id, Math.round(Number(m.current) * 100)]))).toEqual(
            Object.fromEntries(
              ads.map((ad) => [ad.externalId, expected(ad, rangeOf(ad))]).filter(([, cents]) => cents !== 0),
            ),
          );

          // totals narrowed to one ad read the same pieces
          const [total] = await metricTotals(db, {
            workspaceId,
            ranges,
            metrics: ['spend'],
            filter: { level: 'ad', entityIds: [ads[1].externalId] },
          });
          expect(Math.round(Number(total.metrics.spend) * 100)).toBe(expected(ads[1], rangeOf(ads[1])));
          // a bare id may name any level: the pieces carry the ad's campaign and ad set ids too
          const [byId] = await metricTotals(db, {
            workspaceId,
            ranges,
            metrics: ['spend'],
            filter: { entityIds: [ads[1].externalId] },
          });
          expect(byId.metrics.spend).toBe(total.metrics.spend);

          // ad sets, campaigns and the account read whole months (and weeks) from
          // metric_adset_periods (0100) and the other days from the day roll-ups: the same sums, and delivery where an ad delivered
          const deliveredIn = (c: number) =>
            ads.some(
              (ad) =>
                ad.connectionId === conns[c] &&
                daysOf(rangeOf(ad).since, rangeOf(ad).until).some((d) => cents.get(ad.externalId)!.has(d)),
            );
          const centsOf = (c: number) =>
            ads.reduce((n, ad) => n + (ad.connectionId === conns[c] ? expected(ad, rangeOf(ad)) : 0), 0);
          for (const level of ['adset', 'campaign'] as const) {
            const listing = await entityListing(db, {
              workspaceId,
              ranges,
              level,
              status: 'any',
              onlyDelivering: true,
              metrics: ['spend'],
              sort: { by: 'name', direction: 'asc' },
              limit: 10,
            });
            expect(
              Object.fromEntries(listing.rows.map((r) => [r.id, Math.round(Number(r.metrics.spend) * 100)])),
            ).toEqual(
              Object.fromEntries(
                [0, 1].filter(deliveredIn).map((c) => [parents[c][level], centsOf(c)] as const),
              ),
            );
          }
          const [account] = await metricTotals(db, { workspaceId, ranges, metrics: ['spend'] });
          expect(Math.round(Number(account.metrics.spend) * 100)).toBe(centsOf(0) + centsOf(1));
        },
      ),
      { numRuns: 40 },
    );
  }, 300_000);

  it('add amounts with 6 decimals exactly, as whole micros, whatever pieces a range is read as', async () => {
    const db = t.db;
    const workspaceId = await makeWorkspace(db);
    const connectionId = await makeConnection(db, workspaceId);
    const ad = await makeEntity(db, { workspaceId, connectionId }, { level: 'ad' });
    const days = daysOf('2026-01-20', '2026-04-10');
    // micros of each day: every digit of 6 decimals in use, so a rounding anywhere would show
    const micros = new Map(days.map((d, i) => [d, BigInt(((i * 7_654_321 + 123_457) % 99_999_999) + 1)]));
    const text = (n: bigint) => `${n / 1_000_000n}.${String(n % 1_000_000n).padStart(6, '0')}`;
    await addFacts(
      db,
      ad,
      days.map((date) => ({
        date,
        purchases: text(micros.get(date)!),
        revenue: text(micros.get(date)! * 3n),
      })),
    );
    const parse = (s: string) => {
      const [whole, frac = ''] = s.split('.');
      expect(frac.slice(6).replace(/0/g, '')).toBe('');
      return BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, '0').slice(0, 6));
    };
    await fc.assert(
      fc.asyncProperty(rangeArb('2026-01-10', '2026-04-20', 90), async (range) => {
        const facts = factsInRange(workspaceId, [{ connectionId, ...range }], 'ad', undefined, {
          currency: false,
          bases: ['purchases', 'revenue'],
          pieces: 'signed',
        });
        const [sums] = await db.query<{ purchases: string | null; revenue: string | null }>(sql`
          select s.purchases::text as purchases, s.revenue::text as revenue
          from (select ${facts.sums} ${facts.from}) s`);
        const want = daysOf(range.since, range.until).reduce((n, d) => n + (micros.get(d) ?? 0n), 0n);
        expect(parse(sums.purchases ?? '0')).toBe(want);
        expect(parse(sums.revenue ?? '0')).toBe(want * 3n);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
