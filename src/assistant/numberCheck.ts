// Numbers in a model's answer must come from tool output. This finds the figures in the final text
// that no tool result (nor the question) contains, so the answer can say which it could not trace.
//
// How a written figure is read (the system prompt asks for en-US formatting):
// - grouping commas are dropped and a leading sign is ignored: "$1,234.50" is 1234.5, "−4.0%" is 4.0
//   (tool outputs carry changes as signed numbers, a sentence says "down 4.0%");
// - compact suffixes scale: "$1.2k" is 1200, "3.4M" / "3.4 million" is 3,400,000, "2bn" 2e9;
// - a percentage is compared with the percent values the tools return (ctr, cvr and change.percent
//   are already percentages: 1.85 means 1.85%), never with a ratio times 100;
// - rounding tolerance: a figure matches a source value when they differ by at most half a unit in the
//   last place written, scaled by its suffix ("2.41" matches 2.405–2.415; "$1.2k" matches
//   1150–1250; "19" matches 18.5–19.5).
// Exempt as structure, not figures: bare whole numbers up to 31 with no currency, percent or suffix
// ("3 campaigns", "Nov 24", "top 5"). Money, percentages and decimals are never exempt, however small.
// Numbers spelled in words ("twelve") are not read.
const NUMBER =
  /(?<currency>[$€£¥₹]\s?)?(?<digits>\d[\d,]*(?:\.\d+)?)(?<suffix>\s?(?:k|K|M|bn|B|thousand|million|billion)\b)?(?<percent>\s?%)?/g;

const SCALE: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  thousand: 1e3,
  M: 1e6,
  million: 1e6,
  B: 1e9,
  bn: 1e9,
  billion: 1e9,
};

export interface WrittenNumber {
  /** As written in the text ("$1.2k", "1.85%"). */
  text: string;
  value: number;
  /** Half a unit in the last written place, times the suffix's scale. */
  tolerance: number;
  structural: boolean;
}

export function writtenNumbers(text: string): WrittenNumber[] {
  const out: WrittenNumber[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const { currency, digits, suffix, percent } = m.groups as Record<string, string | undefined>;
    const clean = (digits ?? '').replace(/,+$/, '');
    const scale = suffix ? SCALE[suffix.trim()] : 1;
    const decimals = clean.includes('.') ? clean.split('.')[1].length : 0;
    const value = Number(clean.replace(/,/g, '')) * scale;
    const structural = !currency && !suffix && !percent && decimals === 0 && value <= 31;
    out.push({
      text: m[0].trim().replace(/,+$/, ''),
      value,
      tolerance: 0.5 * 10 ** -decimals * scale + 1e-9,
      structural,
    });
  }
  return out;
}

/** Every number inside the tool outputs (as JSON: no grouping commas, signs dropped). */
function outputValues(outputs: unknown[]): number[] {
  const text = outputs.map((o) => JSON.stringify(o) ?? '').join(' ');
  return (text.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi) ?? []).map(Number);
}

/** Figures written in the answer that match nothing in the tool outputs or the question. */
export function untracedNumbers(answer: string, toolOutputs: unknown[], question: string): string[] {
  const sources = [...outputValues(toolOutputs), ...writtenNumbers(question).map((n) => n.value)];
  const untraced: string[] = [];
  for (const n of writtenNumbers(answer)) {
    if (n.structural) continue;
    if (sources.some((s) => Math.abs(s - n.value) <= n.tolerance)) continue;
    if (!untraced.includes(n.text)) untraced.push(n.text);
  }
  return untraced;
}
