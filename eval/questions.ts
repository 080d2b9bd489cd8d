// The question set: one JSON file per category in eval/questions/, each an array of questions (or
// follow-up sequences). A question says what a right answer holds, never the number itself: the
// numbers come from the oracle at run time, for the clock the eval runs at. Parsed with zod, so a
// typo in a data file stops the run with the file and the field.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { MEASURES, type Measure } from './oracle.js';

const measure = z.enum(MEASURES as [Measure, ...Measure[]]);
const measures = z.union([measure, z.array(measure).min(1)]);
const level = z.enum(['campaign', 'adset', 'ad']);
const range = z.string().min(1);

export const entitySpec = z
  .object({ level, name: z.string().min(1), parent: z.string().optional() })
  .strict();

const STATUS_FILTERS = ['default', 'live', 'active', 'paused', 'archived', 'deleted', 'any'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** A bound on a measure over a range; a list of them must all hold ("over $100 spend and a ROAS under 1"). */
const whereBound = z
  .object({ measure, range, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() })
  .strict();

/** Which entities of a level a listing must name (and which it must not). */
export const listSpec = z
  .object({
    level,
    status: z.enum(STATUS_FILTERS).optional(),
    /** Children of this entity. */
    parent: entitySpec.optional(),
    /** The parent of this entity (e.g. "which campaign is Variant B in"). */
    containing: entitySpec.optional(),
    /** Entities with none of this measure over the range. */
    zero: z.object({ measure, range }).strict().optional(),
    /**
     * Entities with some of this measure over the range, whatever their status now; beside `zero`, both
     * hold ("spent money but got no purchases": some spend, zero purchases).
     */
    some: z.object({ measure, range }).strict().optional(),
    /**
     * Entities past a bound on a measure over the range ("spent more than $100"): above one, whatever
     * their status; below one, those not archived or deleted (unless a status is given). A ratio with
     * no denominator is past no bound.
     */
    where: z.union([whereBound, z.array(whereBound).min(1).max(4)]).optional(),
    /** A count per parent ("how many ad sets does each campaign have?"): each parent with its count. */
    per: z.enum(['campaign', 'adset']).optional(),
    /** The first n by a measure, in order, with their values shown. */
    top: z
      .object({
        measure,
        range,
        n: z.number().int().min(1).max(10),
        order: z.enum(['desc', 'asc']).default('desc'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ListSpec = z.infer<typeof listSpec>;

const base = { q: z.string().min(1), note: z.string().optional() };

/** A figure that must not appear: what a planner that misread the question would say. */
const decoy = z.object({ measure, range, entity: entitySpec.optional() }).strict();
export type Decoy = z.infer<typeof decoy>;

const numberQ = z
  .object({
    ...base,
    expect: z.literal('number'),
    measure: measures,
    range,
    entity: entitySpec.optional(),
    /** Several entities summed ("A and B combined"), instead of one. */
    entities: z.array(entitySpec).min(2).optional(),
    /** The name is shared by several entities: summing them or asking which one both pass. */
    ambiguousOk: z.boolean().optional(),
    /** Stated beside the right value, a misreading ("the 30 days to yesterday" as "… vs yesterday"). */
    decoy: decoy.optional(),
  })
  .strict();

const compareQ = z
  .object({
    ...base,
    expect: z.literal('compare'),
    measure: measures,
    range,
    entities: z.array(entitySpec).min(2),
  })
  .strict();

const periodsQ = z
  .object({
    ...base,
    expect: z.literal('periods'),
    measure: measures,
    range,
    previous: range,
    entity: entitySpec.optional(),
  })
  .strict();

const breakdownQ = z
  .object({
    ...base,
    expect: z.literal('breakdown'),
    measure,
    range,
    by: z.enum(['day', 'week', 'month', 'campaign', 'adset', 'ad']),
    entity: entitySpec.optional(),
  })
  .strict();

/**
 * Hours of one day (today or yesterday, from the hourly facts): every hour's value (the 5 largest
 * when more than 10), or with `top` the hour with the most (desc) or least (asc) of the measure.
 */
const hoursQ = z
  .object({
    ...base,
    expect: z.literal('hours'),
    measure,
    range: z.enum(['today', 'yesterday']),
    top: z.enum(['desc', 'asc']).optional(),
  })
  .strict();

/** Today so far against yesterday over the same hours: those that had ended at the eval's clock. */
const pacingQ = z.object({ ...base, expect: z.literal('pacing'), measure }).strict();

const listQ = z.object({ ...base, expect: z.literal('list'), list: listSpec }).strict();
const countQ = z.object({ ...base, expect: z.literal('count'), list: listSpec }).strict();
const statusQ = z.object({ ...base, expect: z.literal('status'), entity: entitySpec }).strict();

const honestQ = z
  .object({
    ...base,
    expect: z.literal('honest'),
    why: z.enum(['unknown_name', 'unsupported_measure', 'out_of_history', 'gibberish', 'ambiguous']),
    /** What a planner that ignored the unread words would say. */
    decoy: decoy.optional(),
  })
  .strict();

const safetyQ = z
  .object({
    ...base,
    expect: z.literal('safety'),
    /** The request beside the quoted text, which must still be answered. */
    answer: z.object({ measure: measures, range, entity: entitySpec.optional() }).strict().optional(),
  })
  .strict();

export const questionSchema = z.discriminatedUnion('expect', [
  numberQ,
  compareQ,
  periodsQ,
  breakdownQ,
  hoursQ,
  pacingQ,
  listQ,
  countQ,
  statusQ,
  honestQ,
  safetyQ,
]);
export type Question = z.infer<typeof questionSchema>;

const sequenceSchema = z
  .object({ turns: z.array(questionSchema).min(2), note: z.string().optional() })
  .strict();
export type Sequence = z.infer<typeof sequenceSchema>;

const fileSchema = z.array(z.union([questionSchema, sequenceSchema]));

export interface Item {
  id: string;
  category: string;
  /** One question, or the turns of one conversation. */
  turns: Question[];
}

export const QUESTIONS_DIR = join(import.meta.dirname, 'questions');

/** Every question file (or only the named categories), in file-name order. */
export function loadItems(categories?: string[]): Item[] {
  const files = readdirSync(QUESTIONS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const items: Item[] = [];
  for (const file of files) {
    const category = basename(file, '.json');
    if (categories && !categories.includes(category)) continue;
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(join(QUESTIONS_DIR, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: question ${issue.path.join('.')}: ${issue.message}`);
    }
    parsed.data.forEach((entry, i) => {
      const id = `${category}#${i + 1}`;
      items.push({ id, category, turns: 'turns' in entry ? entry.turns : [entry] });
    });
  }
  if (categories) {
    const known = new Set(files.map((f) => basename(f, '.json')));
    const unknown = categories.filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw new Error(`unknown category ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  }
  return items;
}
