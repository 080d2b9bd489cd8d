// Ingestion of ad-level facts: shared by the metrics sync and POST /api/workspaces/:id/metrics/ingest.
// Validates each fact on its own (bad rows are reported by index and field, good rows are stored),
// then writes the good rows atomically: placeholders for unknown ids, then one upsert per batch.
// Anything that passes validation must be storable: a value the database would reject (NUL in text,
// an out-of-range date or count) is caught here, so bad input is a 400 naming the field, never a 500.
import { z } from 'zod';
import { isoDateSchema } from '../calendar.js';
import { getConnection } from '../db/connections.js';
import type { Db } from '../db/db.js';
import { ensurePlaceholderEntities, type FactRow, type UpsertCounts, upsertFacts } from '../db/facts.js';
import { noteRowsWritten, refreshStatisticsIfDue } from '../db/plannerStatistics.js';
import { NotFoundError } from '../errors.js';

// Up to 11 integer digits and 6 decimals: far beyond any ad account (Meta's money has 0 or 2 decimals;
// 10^11 is $4M a day in dong), and what the ad roll-up holds exactly as whole micros (migration 0121:
// a quarter of one ad stays inside bigint; metric_facts checks the decimals too).
const DECIMAL = /^\d{1,11}(\.\d{1,6})?$/;
const DECIMAL_MESSAGE = 'must be a non-negative decimal number like "12.34", with at most 6 decimals';
const decimal = z
  .union([z.string(), z.number()], { error: DECIMAL_MESSAGE })
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => DECIMAL.test(v), DECIMAL_MESSAGE);

// Meta sends counts as strings ("1234"); JSON clients send numbers. Both become safe integers: the
// largest whole number JSON carries exactly. A fact column is a bigint (far above), and the roll-ups
// sum counts as numeric (migration 0050), so whatever passes here is stored and summed exactly.
const COUNT_MESSAGE = 'must be a whole number';
const count = z
  .union(
    [
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d{1,30}$/),
    ],
    { error: COUNT_MESSAGE },
  )
  .transform(Number)
  .pipe(
    z
      .number()
      .min(0, { error: 'must not be negative', abort: true })
      .max(Number.MAX_SAFE_INTEGER, { error: `must be at most ${Number.MAX_SAFE_INTEGER}`, abort: true })
      .int(COUNT_MESSAGE),
  );

const externalId = z
  .string()
  .trim()
  .regex(/^\d{1,30}$/, 'must be a numeric Meta id');

// PostgreSQL text and jsonb cannot hold NUL, and jsonb rejects unpaired surrogates.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (s: string) => !s.includes('\0') && !LONE_SURROGATE.test(s);
const name = z.string().max(400).refine(storable, 'must not contain NUL or broken unicode characters');

// Meta's actions are lists of flat objects ({ action_type, value, 1d_click, … }): two or three levels.
// Deeper JSON has no meaning here, and thousands of levels would overflow a recursive walk (ours, or
// PostgreSQL's jsonb parser), so it is refused by depth before anything walks it recursively.
export const MAX_ACTIONS_DEPTH = 8;

/** Why a JSON value cannot be stored as actions, or undefined. Iterative: depth cannot overflow it. */
function actionsProblem(root: unknown): string | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (!storable(v)) return 'must not contain NUL or broken unicode characters';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_ACTIONS_DEPTH) return `must not be nested more than ${MAX_ACTIONS_DEPTH} levels deep`;
    for (const [k, x] of Object.entries(v)) {
      if (!Array.isArray(v) && !storable(k)) return 'must not contain NUL or broken unicode characters';
      stack.push([x, depth + 1]);
    }
  }
  return undefined;
}
const rawActions = z
  .array(z.unknown())
  .max(1000)
  .superRefine((v, ctx) => {
    const problem = actionsProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** One fact as the REST API (and the sync's mapping) speaks it: snake_case, Meta's external ids. */
export const factInputSchema = z.object({
  ad_id: externalId,
  adset_id: externalId.optional(),
  campaign_id: externalId.optional(),
  ad_name: name.optional(),
  adset_name: name.optional(),
  campaign_name: name.optional(),
  date: isoDateSchema.refine((s) => s >= '1970-01-01' && s <= '2999-12-31', 'must be between 1970 and 2999'),
  hour: z.number().int().min(0).max(23).nullable().optional(),
  spend: decimal.optional(),
  impressions: count.optional(),
  reach: count.optional(),
  clicks: count.optional(),
  link_clicks: count.optional(),
  landing_page_views: count.optional(),
  add_to_cart: decimal.optional(),
  purchases: decimal.optional(),
  revenue: decimal.optional(),
  leads: decimal.optional(),
  actions: rawActions.optional(),
  action_values: rawActions.optional(),
});
export type FactInput = z.input<typeof factInputSchema>;
type ParsedFact = z.output<typeof factInputSchema>;

export const MAX_FACTS_PER_REQUEST = 10_000;
/** Rows per upsert statement: 10k and 20k tie as fastest in bench/ingest.ts; 10k = one statement per request. */
export const INGEST_BATCH_SIZE = 10_000;

export interface FactError {
  index: number;
  field: string;
  message: string;
}

export interface IngestResult extends UpsertCounts {
  errors: FactError[];
}

export interface IngestScope {
  workspaceId: string;
  connectionId: string;
}

export interface IngestOptions {
  /** Rows per upsert statement (default INGEST_BATCH_SIZE). */
  batchSize?: number;
}

/** Validates each raw fact; returns the good rows (with their indexes) and the errors by index. */
export function validateFacts(raw: unknown[]): { rows: FactRow[]; errors: FactError[] } {
  const rows: FactRow[] = [];
  const errors: FactError[] = [];
  const seen = new Map<string, number>();
  raw.forEach((item, index) => {
    const parsed = factInputSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ index, field: issue.path.map(String).join('.') || '(fact)', message: issue.message });
      }
      return;
    }
    const row = toFactRow(parsed.data);
    const key = `${row.adId}|${row.date}|${row.hour}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ index, field: 'date', message: `duplicates fact ${first} (same ad_id, date and hour)` });
      return;
    }
    seen.set(key, index);
    rows.push(row);
  });
  return { rows, errors };
}

export function toFactRow(f: ParsedFact): FactRow {
  return {
    adId: f.ad_id,
    adsetId: f.adset_id ?? null,
    campaignId: f.campaign_id ?? null,
    adName: f.ad_name ?? null,
    adsetName: f.adset_name ?? null,
    campaignName: f.campaign_name ?? null,
    date: f.date,
    hour: f.hour ?? -1,
    spend: f.spend ?? '0',
    impressions: f.impressions ?? 0,
    reach: f.reach ?? 0,
    clicks: f.clicks ?? 0,
    linkClicks: f.link_clicks ?? 0,
    landingPageViews: f.landing_page_views ?? 0,
    addToCart: f.add_to_cart ?? '0',
    purchases: f.purchases ?? '0',
    revenue: f.revenue ?? '0',
    leads: f.leads ?? '0',
    actions: f.actions ?? null,
    actionValues: f.action_values ?? null,
  };
}

/**
 * Writes already-validated rows in one transaction: all batches land or none do. Keys must be unique
 * within `rows` (validateFacts guarantees it; the sync's windows do not overlap). The connection must
 * belong to the workspace (NotFoundError otherwise), so a fact can never land in another workspace.
 */
export async function ingestFactRows(
  db: Db,
  scope: IngestScope,
  rows: FactRow[],
  opts: IngestOptions = {},
): Promise<UpsertCounts> {
  const total: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return total;
  const batchSize = opts.batchSize ?? INGEST_BATCH_SIZE;
  const ordered = rows.length > batchSize ? hierarchyOrder(rows) : rows;
  await db.transaction(async (tx) => {
    if (!(await getConnection(tx, scope.workspaceId, scope.connectionId))) {
      throw new NotFoundError(`connection ${scope.connectionId} not found in workspace ${scope.workspaceId}`);
    }
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = ordered.slice(start, start + batchSize);
      await ensurePlaceholderEntities(tx, scope, batch);
      const counts = await upsertFacts(tx, scope, batch);
      total.inserted += counts.inserted;
      total.updated += counts.updated;
      total.unchanged += counts.unchanged;
    }
  });
  noteRowsWritten(db, total.inserted + total.updated);
  return total;
}

/**
 * The rows grouped by ad, the ads ordered by campaign and ad set, for a call that spans several
 * statements. The roll-up triggers write one row per ad-week, ad-month, ad-set-day and campaign-day a
 * statement touches; a day-major stream (every ad, a few days: how a sync window pages) cut into
 * batches touches each ad's week and month rows again in every batch. Buckets, not a sort of every
 * row: sorting 100,000 rows by a key cost the client as much CPU as it saved the server.
 */
function hierarchyOrder(rows: FactRow[]): FactRow[] {
  const byAd = new Map<string, FactRow[]>();
  for (const f of rows) {
    const list = byAd.get(f.adId);
    if (list) list.push(f);
    else byAd.set(f.adId, [f]);
  }
  const parents = (f: FactRow) => `${f.campaignId ?? ''}|${f.adsetId ?? ''}|${f.adId}`;
  return [...byAd.values()]
    .map((list) => ({ key: parents(list[0]), list }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .flatMap((x) => x.list);
}

/** Validate then write: the REST endpoint's whole job. */
export async function ingestFacts(db: Db, scope: IngestScope, raw: unknown[]): Promise<IngestResult> {
  const { rows, errors } = validateFacts(raw);
  const counts = await ingestFactRows(db, scope, rows);
  await refreshStatisticsIfDue(db);
  return { ...counts, errors };
}
