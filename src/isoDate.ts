// Calendar dates as ISO strings ("2026-11-01"), the one shape every edge accepts for a day.
import { z } from 'zod';

/** True for a real calendar day: "2026-02-30" and "2026-13-01" are not. */
export function isRealIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01')
  .refine(isRealIsoDate, 'is not a real calendar date');
