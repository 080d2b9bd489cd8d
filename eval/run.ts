// `npm run eval [-- --category casual,typos] [--json out.json] [--now 2026-11-25T20:00:00Z] [--quiet]`
// Runs the question set through the offline assistant against the simulator's demo account, on one
// pinned clock, and prints accuracy by category, the confidently-wrong count and the failures.
// Expected values come from the simulator's generator (oracle.ts), never from our database.

import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// the tools and the sync log through pino at import time: quiet unless asked
process.env.LOG_LEVEL ??= 'silent';

/** Wednesday Nov 25, 2026, 12:00 in Los Angeles (the demo account's zone): the default instant. */
export const DEFAULT_NOW = '2026-11-25T20:00:00Z';

const USAGE = `usage: npm run eval -- [options]
  --category NAMES   only these categories (comma-separated file names in eval/questions)
  --grep TEXT        only items whose id or question text contains TEXT (case-insensitive)
  --json FILE        also write every outcome and the figures as JSON to FILE
  --now ISO          the pinned clock (default ${DEFAULT_NOW})
  --backfill-days N  days of history the sync copies (default 430: the whole demo account)
  --quiet            figures only, no failure list
  --fail-under PCT   exit 1 when overall accuracy is below PCT (e.g. 95)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      category: { type: 'string', multiple: true },
      grep: { type: 'string' },
      json: { type: 'string' },
      now: { type: 'string', default: DEFAULT_NOW },
      'backfill-days': { type: 'string', default: '430' },
      quiet: { type: 'boolean', default: false },
      'fail-under': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const now = new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new Error(`--now: not an ISO instant: ${values.now}`);
  const backfillDays = Number(values['backfill-days']);
  if (!Number.isInteger(backfillDays) || backfillDays < 1)
    throw new Error('--backfill-days: a whole number of days');
  const categories = values.category
    ?.flatMap((c) => c.split(','))
    .map((c) => c.trim())
    .filter(Boolean);

  const [{ loadItems }, { Oracle }, { expectationFor }, { grade }, { openWorld }, report] = await Promise.all(
    [
      import('./questions.js'),
      import('./oracle.js'),
      import('./expected.js'),
      import('./grade.js'),
      import('./world.js'),
      import('./report.js'),
    ],
  );
  const started = performance.now();
  const needle = values.grep?.toLowerCase();
  const items = loadItems(categories).filter(
    (item) =>
      !needle ||
      item.id.toLowerCase().includes(needle) ||
      item.turns.some((t) => t.q.toLowerCase().includes(needle)),
  );
  const oracle = new Oracle(now);
  // every expectation first: a mistake in a question file stops the run before the slow part
  const planned = items.map((item) => ({
    item,
    turns: item.turns.map((q) => ({ q, x: expectationFor(q, oracle) })),
  }));

  const world = await openWorld(now, backfillDays, oracle.seed);
  const setupSeconds = (performance.now() - started) / 1000;
  const outcomes: import('./report.js').Outcome[] = [];
  try {
    for (const { item, turns } of planned) {
      const conversationId = turns.length > 1 ? randomUUID() : undefined;
      for (const [i, { q, x }] of turns.entries()) {
        const id = turns.length > 1 ? `${item.id}.${i + 1}` : item.id;
        const t0 = performance.now();
        const base = { id, category: item.category, question: q.q, expect: q.expect, expected: x.describe };
        try {
          const a = await world.assistant.ask(q.q, { ctx: world.ctx, conversationId });
          // a sync the question should not have started must not run on under the next questions
          if (a.toolCalls.some((c) => c.name === 'trigger_sync')) await world.settle();
          const g = grade(x, a, oracle);
          outcomes.push({
            ...base,
            verdict: g.verdict,
            answer: a.answer,
            problems: g.problems,
            ms: performance.now() - t0,
          });
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          outcomes.push({
            ...base,
            verdict: 'error',
            answer: message,
            problems: ['threw'],
            ms: performance.now() - t0,
          });
        }
      }
    }
  } finally {
    await world.close();
  }
  const seconds = { setup: setupSeconds, total: (performance.now() - started) / 1000 };
  const summary = report.summarize(outcomes, now, oracle.calendar.today, seconds);
  console.log(report.renderText(summary, outcomes, !values.quiet));
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify({ summary, outcomes }, null, 2)}\n`);
    console.log(`Wrote ${values.json}`);
  }
  const floor = values['fail-under'];
  return floor !== undefined && summary.accuracy * 100 < Number(floor) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 2;
  },
);
