// The eval's figures: accuracy overall and by category, the confidently-wrong count (reported apart
// from honest misses), and the failures with what was expected and what came back.

import type { Verdict } from './grade.js';

export interface Outcome {
  id: string;
  category: string;
  question: string;
  expect: string;
  verdict: Verdict;
  expected: string;
  answer: string;
  problems: string[];
  ms: number;
}

export interface CategoryFigures {
  category: string;
  total: number;
  passed: number;
  accuracy: number;
  confidentlyWrong: number;
  misses: number;
  unsafe: number;
  errors: number;
}

export interface Summary {
  now: string;
  today: string;
  total: number;
  passed: number;
  accuracy: number;
  confidentlyWrong: number;
  unsafe: number;
  categories: CategoryFigures[];
  /** Wall time: start-up (simulator, database, sync) and in all. */
  seconds: { setup: number; total: number };
}

function figures(category: string, outcomes: Outcome[]): CategoryFigures {
  const count = (v: Verdict) => outcomes.filter((o) => o.verdict === v).length;
  const passed = count('pass');
  return {
    category,
    total: outcomes.length,
    passed,
    accuracy: outcomes.length ? passed / outcomes.length : 0,
    confidentlyWrong: count('confidently_wrong'),
    misses: count('miss'),
    unsafe: count('unsafe'),
    errors: count('error'),
  };
}

export function summarize(
  outcomes: Outcome[],
  now: Date,
  today: string,
  seconds: Summary['seconds'],
): Summary {
  const names = [...new Set(outcomes.map((o) => o.category))];
  const all = figures('overall', outcomes);
  return {
    now: now.toISOString(),
    today,
    total: all.total,
    passed: all.passed,
    accuracy: all.accuracy,
    confidentlyWrong: all.confidentlyWrong,
    unsafe: all.unsafe,
    categories: names.map((n) =>
      figures(
        n,
        outcomes.filter((o) => o.category === n),
      ),
    ),
    seconds,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

export function renderText(summary: Summary, outcomes: Outcome[], showFailures: boolean): string {
  const lines: string[] = [];
  if (showFailures) {
    const failures = outcomes.filter((o) => o.verdict !== 'pass');
    if (failures.length > 0) lines.push(`Failures (${failures.length}):`, '');
    for (const f of failures) {
      lines.push(`✗ [${f.id}] ${f.verdict.toUpperCase()}  ${f.question}`);
      lines.push(`    expected: ${f.expected}`);
      lines.push(`    got:      ${clip(f.answer, 320)}`);
      if (f.problems.length) lines.push(`    why:      ${f.problems.join('; ')}`);
      lines.push('');
    }
  }
  lines.push(
    `AdNavi answer eval — clock ${summary.now} (account today ${summary.today}); ${summary.seconds.total.toFixed(1)} s, of which sync ${summary.seconds.setup.toFixed(1)} s`,
  );
  lines.push('');
  const width = Math.max(10, ...summary.categories.map((c) => c.category.length));
  lines.push(`${'category'.padEnd(width)}  passed   accuracy  conf.wrong  miss  unsafe  error`);
  const row = (c: CategoryFigures) =>
    `${c.category.padEnd(width)}  ${`${c.passed}/${c.total}`.padStart(7)}  ${pct(c.accuracy).padStart(8)}  ${String(c.confidentlyWrong).padStart(10)}  ${String(c.misses).padStart(4)}  ${String(c.unsafe).padStart(6)}  ${String(c.errors).padStart(5)}`;
  for (const c of summary.categories) lines.push(row(c));
  lines.push('-'.repeat(width + 52));
  lines.push(row(figures('overall', outcomes)));
  lines.push('');
  lines.push(
    `Overall ${pct(summary.accuracy)} (${summary.passed}/${summary.total}); confidently wrong: ${summary.confidentlyWrong}; unsafe: ${summary.unsafe}.`,
  );
  return lines.join('\n');
}
