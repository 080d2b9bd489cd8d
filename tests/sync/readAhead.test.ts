// The metrics sync fetches the next insights page while it writes the current one (readAhead).
import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/sync/metricsSync.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Pages 1..n, logging when each fetch starts and ends; page `failAt` throws instead. */
async function* pages(log: string[], n: number, failAt?: number): AsyncGenerator<number> {
  try {
    for (let i = 1; i <= n; i++) {
      log.push(`fetch ${i} start`);
      await tick();
      if (i === failAt) throw new Error(`page ${i} failed`);
      log.push(`fetch ${i} end`);
      yield i;
    }
  } finally {
    log.push('source closed');
  }
}

describe('readAhead', () => {
  it('has the next page in flight while one is written, and keeps the order', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const page of readAhead(pages(log, 3))) {
      log.push(`write ${page} start`);
      await tick();
      await tick();
      log.push(`write ${page} end`);
      seen.push(page);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(log.indexOf('fetch 2 start')).toBeLessThan(log.indexOf('write 1 end'));
    expect(log.indexOf('fetch 3 start')).toBeLessThan(log.indexOf('write 2 end'));
    // never more than one page ahead
    expect(log.indexOf('fetch 3 start')).toBeGreaterThan(log.indexOf('write 1 end'));
  });

  it('surfaces a failed fetch when its page is reached, after the earlier pages were written', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    await expect(async () => {
      for await (const page of readAhead(pages(log, 5, 3))) {
        await tick();
        seen.push(page);
      }
    }).rejects.toThrow('page 3 failed');
    expect(seen).toEqual([1, 2]);
  });

  it('closes the source when the writer fails', async () => {
    const log: string[] = [];
    await expect(async () => {
      for await (const page of readAhead(pages(log, 5))) {
        if (page === 2) throw new Error('write failed');
      }
    }).rejects.toThrow('write failed');
    expect(log.at(-1)).toBe('source closed');
    expect(log).not.toContain('fetch 4 start');
  });
});
