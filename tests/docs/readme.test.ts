import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.js';
import { CONFIG_DOCS, withConfigTable } from '../../src/configDocs.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has the configuration table generated from the config schema (run `npm run docs` if this fails)', () => {
    expect(withConfigTable(readme)).toBe(readme);
  });

  it('documents every variable the config module reads, and nothing it does not', () => {
    const read = [...CONFIG_VARIABLES];
    expect(Object.keys(CONFIG_DOCS).sort()).toEqual(read.sort());
    for (const name of read) expect(readme).toContain(`\`${name}\``);
  });
});
