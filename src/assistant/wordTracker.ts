// Which words of a (normalised) question each slot consumed. Slots read only the words nobody has
// used yet, so a word is never counted twice ("cost per click" is CPC, not also spend and clicks), and
// the words no slot used are what the planner must account for: a name, or words it did not understand.
export class WordTracker {
  private readonly used: boolean[];

  constructor(readonly text: string) {
    this.used = Array.from(text, () => false);
  }

  /** The text with every used character blanked: what slots still read. */
  freeText(): string {
    return Array.from(this.text, (c, i) => (this.used[i] ? ' ' : c)).join('');
  }

  has(re: RegExp): boolean {
    return new RegExp(re.source).test(this.freeText());
  }

  /** The first match among unused words, marked as used. */
  take(re: RegExp): RegExpExecArray | undefined {
    const m = new RegExp(re.source).exec(this.freeText());
    if (!m) return undefined;
    this.mark(m.index, m.index + m[0].length);
    return m;
  }

  /** Every match among unused words, marked as used; their start indexes. */
  takeAll(re: RegExp): number[] {
    const free = this.freeText();
    const global = new RegExp(re.source, 'g');
    const starts: number[] = [];
    for (let m = global.exec(free); m !== null; m = global.exec(free)) {
      if (m[0] === '') {
        global.lastIndex++;
        continue;
      }
      this.mark(m.index, m.index + m[0].length);
      starts.push(m.index);
    }
    return starts;
  }

  /** The words no slot used, in order. */
  leftover(): string[] {
    return this.freeText().split(' ').filter(Boolean);
  }

  private mark(start: number, end: number): void {
    for (let i = start; i < end; i++) this.used[i] = true;
  }
}

/** The text with the match blanked: the same length, so the positions of the rest still hold. */
export function blanked(text: string, m: { index: number; 0: string }): string {
  return `${text.slice(0, m.index)}${' '.repeat(m[0].length)}${text.slice(m.index + m[0].length)}`;
}
