// Numbers in a model's answer must come from tool output. This finds the numbers in the final text
// that no tool result (nor the question) contains, at the precision written ("2.41" matches 2.4149,
// "$1,234.50" matches 1234.5), so the answer can say which figures it could not trace.
const NUMBER = /\d[\d,]*(?:\.\d+)?/g;

function numbersIn(text: string): string[] {
  return text.match(NUMBER) ?? [];
}

function sourceNumbers(sources: unknown[]): number[] {
  const out: number[] = [];
  for (const s of sources) {
    for (const token of numbersIn(typeof s === 'string' ? s : (JSON.stringify(s) ?? ''))) {
      out.push(Number(token.replace(/,/g, '')));
    }
  }
  return out;
}

function matches(written: string, source: number): boolean {
  const decimals = written.includes('.') ? written.split('.')[1].length : 0;
  const value = Number(written.replace(/,/g, ''));
  const tolerance = 0.5 * 10 ** -decimals + 1e-9;
  // a percentage or money amount may be written from a ratio or a negative change
  return Math.abs(Math.abs(source) - value) <= tolerance;
}

/** Numbers written in the answer that match nothing in the tool outputs or the question. */
export function untracedNumbers(answer: string, toolOutputs: unknown[], question: string): string[] {
  const sources = sourceNumbers([...toolOutputs, question]);
  return numbersIn(answer).filter((written) => {
    const value = Number(written.replace(/,/g, ''));
    // day-of-month and small counts ("3 campaigns", "Nov 24") are structure, not figures
    if (Number.isInteger(value) && value <= 31 && !written.includes('.')) return false;
    return !sources.some((s) => matches(written, s));
  });
}
