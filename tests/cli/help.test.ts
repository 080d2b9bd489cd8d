// Every command answers --help (and -h) with its usage, and `adnavi --version` with the version, without
// opening a database, starting a server or syncing: the list comes from src/cli/commands.ts, so a new
// command is covered here at once.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';

const run = promisify(execFile);
const bin = new URL('../../bin/adnavi.mjs', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'adnavi-help-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function adnavi(args: string[]) {
  // an unreachable DATABASE_URL and an empty data dir: a command that did any work would fail or write
  const env = { ...process.env, ADNAVI_DATA_DIR: dataDir, PORT: '1', DATABASE_URL: undefined };
  return run(process.execPath, [bin, ...args], { env, timeout: 20_000 });
}

describe.concurrent('adnavi --help', () => {
  it('lists every command, and -h is --help', async () => {
    const { stdout } = await adnavi(['--help']);
    for (const name of Object.keys(COMMANDS)) expect(stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const short = await adnavi(['sync', '-h']);
    expect(short.stdout).toContain('Usage: adnavi sync');
  });

  it('--version (and -V, version) prints the name and the version of package.json, nothing else', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-V', 'version']) {
      const { stdout, stderr } = await adnavi([flag]);
      expect(stdout).toBe(`adnavi ${pkg.version}\n`);
      expect(stderr).toBe('');
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it.each(Object.entries(COMMANDS))(
    'adnavi %s --help prints its usage and options and does nothing else',
    async (name, command) => {
      const { stdout } = await adnavi([name, '--help']);
      expect(stdout).toContain(`Usage: adnavi ${command.usage}`);
      for (const [flag] of command.options ?? []) expect(stdout).toContain(flag);
      const short = await adnavi([name, '-h']);
      expect(short.stdout).toBe(stdout);
      expect(readdirSync(dataDir)).toEqual([]);
    },
  );
});
