// Counts calls by path so tests can assert how many calls a sync made. Each call is counted under
// its raw path (version and query stripped) and under a normalised path with ids replaced by ':id'.

export function normalisePath(path: string): string {
  return path.replace(/\/act_\d+/g, '/act_:id').replace(/\/\d+(?=\/|$)/g, '/:id');
}

export class CallLog {
  total = 0;
  private byPath: Record<string, number> = {};

  /** Records a call and returns its 1-based ordinal since the last reset. */
  record(path: string): number {
    this.total++;
    const norm = normalisePath(path);
    this.byPath[norm] = (this.byPath[norm] ?? 0) + 1;
    if (norm !== path) this.byPath[path] = (this.byPath[path] ?? 0) + 1;
    return this.total;
  }

  snapshot(): { total: number; byPath: Record<string, number> } {
    return { total: this.total, byPath: { ...this.byPath } };
  }

  reset(): void {
    this.total = 0;
    this.byPath = {};
  }
}
