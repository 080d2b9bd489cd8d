// Secrets at rest and in logs: the embedded data dir is 0700 and its files 0600 whatever the umask;
// a logged database error loses its SQL parameters, and secret-shaped values are scrubbed from every
// log line whatever the key they sit under.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPgliteDb } from '../../src/db/pgliteDb.js';
import { scrubSecrets } from '../../src/log.js';
import { pgliteTemplateDump } from '../helpers/templateDb.js';

function modes(dir: string, out: Record<string, number> = {}): Record<string, number> {
  out[dir] = statSync(dir).mode & 0o777;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) modes(path, out);
    else out[path] = statSync(path).mode & 0o777;
  }
  return out;
}

describe('secrets at rest', () => {
  it('keeps the embedded data dir owner-only even under umask 000', async () => {
    const root = mkdtempSync(join(tmpdir(), 'adnavi-perms-'));
    const before = process.umask(0);
    try {
      // written from the migrated template's bytes, not by initdb: the same full tree of files, made
      // by PGlite through Node's fs under the process umask either way, without initdb's seconds
      const db = await openPgliteDb(join(root, 'pglite'), {
        from: await pgliteTemplateDump(),
        quickStart: true,
      });
      await db.close();
      const all = modes(join(root, 'pglite'));
      expect(Object.keys(all).length).toBeGreaterThan(5);
      const loose = Object.entries(all).filter(([, mode]) => (mode & 0o077) !== 0);
      expect(loose.map(([p, m]) => `${p} ${m.toString(8)}`)).toEqual([]);
    } finally {
      process.umask(before);
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('secrets in logs', () => {
  it('scrubs secret-shaped values whatever their key', () => {
    const line = JSON.stringify({
      params: ['scrypt$16384$8$1$c2FsdA==$aGFzaA==', 'ab'.repeat(32)],
      detail: 'key adn_k_AbC123_x-y session adn_s_zzz',
      header: 'Bearer sometoken',
      meta: `EAAB${'x'.repeat(40)}`,
      url: 'https://graph/x?access_token=EAAsecret&fields=id',
    });
    const scrubbed = scrubSecrets(line);
    for (const secret of ['c2FsdA', 'abab', 'AbC123', 'adn_s_zzz', 'sometoken', 'xxxxxxxx', 'EAAsecret'])
      expect(scrubbed, secret).not.toContain(secret);
    expect(scrubbed).toContain('fields=id');
    expect(JSON.parse(scrubbed).detail).toBe('key adn_k_[redacted] session adn_s_[redacted]');
  });
});
