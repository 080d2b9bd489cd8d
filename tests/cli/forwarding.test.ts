// A second process on a data dir a running server owns: `adnavi ask` and `adnavi mcp` talk to that
// server (its chat socket and MCP over HTTP on loopback, found in the lock file) instead of refusing,
// and answer from its database; a command that needs the database itself still refuses in one line
// naming the server's address. A server that requires sign-in is reached with ADNAVI_API_KEY, and
// without one the CLI says so in one line. The real CLI against a real running `adnavi serve`.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/accounts.js';
import { openMigratedDb } from '../../src/db/open.js';
import { DEFAULT_WORKSPACE_ID } from '../../src/db/workspaces.js';
import { cliEnv, seedCliDataDir } from '../assistant/cliDataDir.js';
import { connectStdio, structured } from '../mcp/clients.js';

const run = promisify(execFile);
const bin = new URL('../../bin/adnavi.mjs', import.meta.url).pathname;
const START_TIMEOUT_MS = 90_000; // a loaded 2-core machine; a hang still fails
let dir: string;
let server: ChildProcess;
let url: string;

/** `adnavi <args>` on a data dir: its exit code and output, whether it succeeded or not. */
function adnavi(
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [bin, ...args], {
    env: { ...cliEnv(dataDir), ...env },
    timeout: START_TIMEOUT_MS,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

/** `adnavi serve` on the data dir, and its address once it listens. */
async function serve(dataDir: string, env: Record<string, string> = {}): Promise<[ChildProcess, string]> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...cliEnv(dataDir), PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no server: ${stderr}`)), START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = stderr.match(/running at (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return [child, address];
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (child?.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

beforeAll(async () => {
  dir = await seedCliDataDir('Evergreen', [
    { date: '2026-11-20', spend: '12.50', clicks: 37, impressions: 900 },
  ]);
  [server, url] = await serve(dir);
}, START_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await stop(server);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a second process on a data dir a running server owns', { timeout: 120_000 }, () => {
  it('the lock names the server and its address', () => {
    const owner = JSON.parse(readFileSync(join(dir, 'owner.lock'), 'utf8'));
    expect(owner).toMatchObject({ pid: server.pid, command: 'serve', url, local: true });
  });

  it('adnavi ask answers through the server', async () => {
    const { stdout } = await run(process.execPath, [bin, 'ask', '--json', 'what campaigns are live?'], {
      env: cliEnv(dir),
      timeout: START_TIMEOUT_MS,
    });
    const body = JSON.parse(stdout) as { answer: string; toolCalls: { name: string; output: unknown }[] };
    expect(body.answer).toContain('Evergreen');
    expect(body.toolCalls.map((c) => c.name)).toContain('list_entities');
    expect(JSON.stringify(body.toolCalls.find((c) => c.name === 'list_entities')?.output)).toContain(
      'Evergreen',
    );
  });

  it('adnavi ask --conversation carries a follow-up through the server', async () => {
    const first = await run(
      process.execPath,
      [
        bin,
        'ask',
        '--json',
        '--conversation',
        'new',
        'spend for evergreen between 2026-11-01 and 2026-11-30',
      ],
      {
        env: cliEnv(dir),
        timeout: START_TIMEOUT_MS,
      },
    );
    const { conversationId, answer } = JSON.parse(first.stdout) as { conversationId: string; answer: string };
    expect(answer).toContain('$12.50');
    const again = await run(
      process.execPath,
      [bin, 'ask', '--json', '--conversation', conversationId, 'what about clicks?'],
      {
        env: cliEnv(dir),
        timeout: START_TIMEOUT_MS,
      },
    );
    const followUp = JSON.parse(again.stdout) as { conversationId: string; answer: string };
    expect(followUp.conversationId).toBe(conversationId);
    expect(followUp.answer).toContain('37'); // the clicks of the same campaign and range: the first turn carried over
    expect(followUp.answer).toContain('Nov 1 – Nov 30, 2026');
    expect(again.stderr).not.toContain('Started conversation');
  });

  it('adnavi mcp serves the server’s tools and data over stdio', async () => {
    const mcp = await connectStdio({ ADNAVI_DATA_DIR: dir });
    try {
      const { tools } = await mcp.client.listTools();
      expect(tools.map((t) => t.name)).toContain('list_entities');
      const out = structured<{ rows: { name: string }[] }>(
        await mcp.client.callTool({ name: 'list_entities', arguments: { level: 'campaign' } }),
      );
      expect(out.rows.map((r) => r.name)).toContain('Evergreen');
      expect(mcp.stderr()).toContain('relaying to the running AdNavi server');
    } finally {
      await mcp.close();
    }
  });

  it('a command that needs the database itself refuses in one line naming the server', async () => {
    const failed = await adnavi(['migrate'], dir);
    expect(failed.code).toBe(1);
    const lines = failed.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`use its server at ${url}`);
  });
});

describe('forwarding to a running server that requires sign-in', { timeout: 120_000 }, () => {
  let lockedDir: string;
  let lockedServer: ChildProcess;
  let key: string;

  beforeAll(async () => {
    lockedDir = await seedCliDataDir('Juniper', [
      { date: '2026-11-20', spend: '7.25', clicks: 5, impressions: 80 },
    ]);
    const db = await openMigratedDb({ ADNAVI_DATA_DIR: lockedDir, DATABASE_URL: undefined });
    key = (await createApiKey(db, DEFAULT_WORKSPACE_ID, 'cli', null)).key;
    await db.close();
    [lockedServer] = await serve(lockedDir, { ADNAVI_AUTH: 'required' });
  }, START_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await stop(lockedServer);
    if (lockedDir) rmSync(lockedDir, { recursive: true, force: true });
  });

  const ask = (env: Record<string, string>) => adnavi(['ask', 'what campaigns are live?'], lockedDir, env);

  it('without ADNAVI_API_KEY, adnavi ask and adnavi mcp stop with one line naming it', async () => {
    const failed = await ask({});
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toContain('requires sign-in: set ADNAVI_API_KEY');
    const mcp = await adnavi(['mcp'], lockedDir);
    expect(mcp.code).toBe(1);
    expect(mcp.stderr).toContain('set ADNAVI_API_KEY');
  });

  it('with a workspace API key, adnavi ask and adnavi mcp answer through the server', async () => {
    const answered = await ask({ ADNAVI_API_KEY: key });
    expect(answered.code).toBe(0);
    expect(answered.stdout).toContain('Juniper');
    const mcp = await connectStdio({ ADNAVI_DATA_DIR: lockedDir, ADNAVI_API_KEY: key });
    try {
      const out = structured<{ rows: { name: string }[] }>(
        await mcp.client.callTool({ name: 'list_entities', arguments: { level: 'campaign' } }),
      );
      expect(out.rows.map((r) => r.name)).toContain('Juniper');
    } finally {
      await mcp.close();
    }
  });

  it('a wrong key is refused in one line naming ADNAVI_API_KEY', async () => {
    const failed = await ask({ ADNAVI_API_KEY: 'adn_k_not-a-real-key' });
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toContain('refused ADNAVI_API_KEY');
  });
});
