// Ingestion of ad-level facts: shared by the metrics sync and POST /api/workspaces/:id/metrics/ingest.
// Validates each fact on its own (bad rows are reported by index and field, good rows are stored),
// then writes the good rows atomically: placeholders for unknown ids, then one upsert per batch.
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { ensurePlaceholderEntities, type FactRow, type UpsertCounts, upsertFacts } from '../db/facts.js';

const DECIMAL = /^-?\d{1,15}(\.\d{1,10})?$/;
const decimal = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => DECIMAL.test(v), 'must be a decimal number like "12.34"');
const count = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must not be negative');
const externalId = z.string().trim().regex(/^\d{1,30}$/, 'must be a numeric Meta id');

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** One fact as the REST API (and the sync's mapping) speaks it: snake_case, Meta's external ids. */
export const factInputSchema = z.object({
  ad_id: externalId,
  adset_id: externalId.optional(),
  campaign_id: externalId.optional(),
  ad_name: z.string().max(400).optional(),
  adset_name: z.string().max(400).optional(),
  campaign_name: z.string().max(400).optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01')
    .refine(isRealDate, 'is not a real calendar date'),
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
  actions: z.array(z.unknown()).optional(),
  action_values: z.array(z.unknown()).optional(),
});
export type FactInput = z.input<typeof factInputSchema>;
type ParsedFact = z.output<typeof factInputSchema>;

export const MAX_FACTS_PER_REQUEST = 10_000;
const BATCH_SIZE = 5_000;

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
 * within `rows` (validateFacts guarantees it; the sync's windows do not overlap).
 */
export async function ingestFactRows(db: Db, scope: IngestScope, rows: FactRow[]): Promise<UpsertCounts> {
  const total: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return total;
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += BATCH_SIZE) {
      const batch = rows.slice(start, start + BATCH_SIZE);
      await ensurePlaceholderEntities(tx, scope, batch);
      const counts = await upsertFacts(tx, scope, batch);
      total.inserted += counts.inserted;
      total.updated += counts.updated;
      total.unchanged += counts.unchanged;
    }
  });
  return total;
}

/** Validate then write: the REST endpoint's whole job. */
export async function ingestFacts(db: Db, scope: IngestScope, raw: unknown[]): Promise<IngestResult> {
  const { rows, errors } = validateFacts(raw);
  const counts = await ingestFactRows(db, scope, rows);
  return { ...counts, errors };
}
