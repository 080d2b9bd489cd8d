// bin/adnavi.mjs runs the built dist/ only when it was built from exactly the sources beside it
// (bin/distFreshness.mjs): an edited source falls back to the TypeScript through tsx, a file touched
// without a change keeps the build, and a rebuild makes dist/ run again. Played in a throwaway
// checkout (the real bin/, scripts/build.mjs, tsconfig.json and node_modules; a one-file src/ that
// says where it runs from), so the real dist/, which other tests spawn, is never made stale.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = new URL('../..', import.meta.url).pathname;
const checkout = mkdtempSync(join(tmpdir(), 'adnavi-fresh-'));
const cliSource = join(checkout, 'src', 'cli.ts');

function writeCli(word: string): void {
  // the module's own URL tells dist/cli.js from src/cli.ts
  writeFileSync(cliSource, `const word: string = '${word}';\nconsole.log(word, import.meta.url);\n`);
}

async function adnavi(): Promise<{ word: string; from: string }> {
  const { stdout } = await run(process.execPath, [join(checkout, 'bin', 'adnavi.mjs')], { timeout: 20_000 });
  const [word, url] = stdout.trim().split(' ');
  return { word, from: url.slice(`file://${checkout}/`.length) };
}

async function build(): Promise<void> {
  await run(process.execPath, [join(checkout, 'scripts', 'build.mjs')], { timeout: 60_000 });
}

beforeAll(async () => {
  for (const path of ['bin', 'scripts/build.mjs', 'tsconfig.json']) {
    cpSync(join(repo, path), join(checkout, path), { recursive: true });
  }
  writeFileSync(
    join(checkout, 'package.json'),
    JSON.stringify({ name: 'fresh', type: 'module', dependencies: {} }),
  );
  symlinkSync(join(repo, 'node_modules'), join(checkout, 'node_modules'));
  mkdirSync(join(checkout, 'src'));
  writeCli('built');
  await build();
});
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

describe('the CLI runs dist/ only when it is fresh', () => {
  it('runs dist/ right after a build, and keeps it when a source is touched but unchanged', async () => {
    expect(await adnavi()).toEqual({ word: 'built', from: 'dist/cli.js' });
    const later = new Date(Date.now() + 60_000);
    utimesSync(cliSource, later, later); // a checkout or a save without edits moves only the mtime
    expect(await adnavi()).toEqual({ word: 'built', from: 'dist/cli.js' });
  });

  it('runs the edited source through tsx when dist/ is stale, and dist/ again after a rebuild', async () => {
    writeCli('edited');
    expect(await adnavi()).toEqual({ word: 'edited', from: 'src/cli.ts' });
    await build();
    expect(await adnavi()).toEqual({ word: 'edited', from: 'dist/cli.js' });
  });
});
