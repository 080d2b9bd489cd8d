// No secret ever leaves in a log line or an answer: a realistic session against the real CLI (connect
// with a recognisable token, serve with debug logs, sign up, create and use an API key, OAuth connect,
// sync, ask over the WebSocket, MCP calls), then every byte of stdout/stderr and every HTTP/WS answer
// is searched for the Meta tokens, the API key, the session token, the app secret and the encryption key.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { listConnections } from '../../src/db/connections.js';
import { openPgliteDb } from '../../src/db/pgliteDb.js';
import { loadToken } from '../../src/db/tokens.js';
import { keyringFrom } from '../../src/secrets/tokenVault.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { type Answer, bearer, call } from '../auth/harness.js';
import { APP_ID, APP_SECRET, simulatorEnv } from '../auth/simulatorOAuth.js';
import { openNewDataDir } from '../helpers/dataDir.js';
import { connectHttp } from '../mcp/clients.js';

const run = promisify(execFile);
const REPO = new URL('../..', import.meta.url).pathname;
const RECOGNISABLE = `EAArecognisable${randomBytes(16).toString('hex')}`;
const KEY = randomBytes(32);

let sim: Simulator | undefined;
let serve: ChildProcess | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve!.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited; // the embedded database must be closed before its folder goes
  }
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('keeps every token and key out of logs and answers', { timeout: 120_000 }, async () => {
  sim = await startSimulator({ port: 0, appId: APP_ID, appSecret: APP_SECRET, accessToken: RECOGNISABLE });
  // a migrated data dir: the first command's subject is its output, not creating the database
  const made = await openNewDataDir('adnavi-secrets-');
  dataDir = made.dir;
  await made.db.close();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ADNAVI_DATA_DIR: dataDir,
    ADNAVI_ENCRYPTION_KEY: KEY.toString('base64'),
    LOG_LEVEL: 'debug',
    HOST: '127.0.0.1',
    PORT: '0',
    ADNAVI_AUTH: 'required',
    ...simulatorEnv(sim),
  };
  const output: string[] = [];
  const answers: string[] = [];
  const keep = (a: Answer): Answer => {
    answers.push(a.text);
    return a;
  };

  const connected = await run(
    process.execPath,
    ['bin/adnavi.mjs', 'connect', 'meta', '--account', sim.accounts[0].id, '--token', RECOGNISABLE],
    { cwd: REPO, env },
  );
  output.push(connected.stdout, connected.stderr);

  serve = spawn(process.execPath, ['bin/adnavi.mjs', 'serve'], { cwd: REPO, env });
  serve.stdout?.on('data', (d) => output.push(String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    serve!.stderr?.on('data', (d) => {
      output.push(String(d));
      const m = /running at (http:\/\/\S+)/.exec(output.join(''));
      if (m) resolve(m[1]);
    });
    serve!.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output.join('')}`)));
  });

  const signup = keep(
    await call(url, '/api/auth/signup', {
      method: 'POST',
      body: { email: 'owner@example.com', password: 'correct horse battery' },
    }),
  );
  const sessionCookie = signup.headers.getSetCookie()[0].split(';')[0];
  const session = { cookie: sessionCookie };
  const created = await call(url, '/api/api-keys', {
    method: 'POST',
    headers: session,
    body: { name: 'ci' },
  });
  const apiKey: string = created.json.key; // this one answer shows the key, by design; not kept
  keep(await call(url, '/api/api-keys', { headers: session }));
  keep(
    await call(url, '/api/auth/login', {
      method: 'POST',
      body: { email: 'owner@example.com', password: 'wrong password!!' },
    }),
  );
  keep(await call(url, '/api/connections', { headers: bearer(`${apiKey}x`) }));

  // OAuth connect of the second flow
  const start = keep(await call(url, '/api/oauth/meta/start', { headers: session }));
  const consented = `${start.headers.get('location')!}&consent=allow`; // the person chose Continue
  const back = (await fetch(consented, { redirect: 'manual' })).headers.get('location')!;
  const cb = keep(await call(url, new URL(back).pathname + new URL(back).search, { headers: session }));
  answers.push(cb.headers.get('location') ?? '');
  const flowId = new URL(cb.headers.get('location')!, url).searchParams.get('connect')!;
  keep(await call(url, `/api/oauth/meta/flows/${flowId}/accounts`, { headers: session }));
  const oauth = keep(
    await call(url, `/api/oauth/meta/flows/${flowId}/connect`, {
      method: 'POST',
      headers: session,
      body: { account_ids: [sim.accounts[0].id] },
    }),
  );
  expect(oauth.status).toBe(201);
  const connectionId: string = oauth.json.connections[0].id;

  // sync, and follow it to the end
  const sync = keep(
    await call(url, `/api/connections/${connectionId}/sync`, {
      method: 'POST',
      headers: bearer(apiKey),
      body: {},
    }),
  );
  expect(sync.status).toBe(202);
  // polled every 100 ms (up to 30 s): the sync takes a second or two, and a coarser poll only adds
  // up to its own period after the end
  for (let i = 0; i < 300; i++) {
    const status = keep(await call(url, `/api/sync-runs/${sync.json.run_id}`, { headers: bearer(apiKey) }));
    if (!['queued', 'running'].includes(status.json?.status ?? status.json?.run?.status)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  keep(await call(url, '/api/campaigns', { headers: bearer(apiKey) }));
  keep(await call(url, '/api/connections', { headers: session }));

  // ask over the WebSocket
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`, { headers: bearer(apiKey) });
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (d) => {
      answers.push(String(d));
      if (JSON.parse(String(d)).type === 'answer') resolve();
    });
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'ask', id: 'q', question: 'How much did I spend last week?' })),
    );
    ws.on('error', reject);
  });
  ws.close();

  const mcp = await connectHttp(url, apiKey);
  answers.push(JSON.stringify(await mcp.callTool({ name: 'list_connections', arguments: {} })));
  answers.push(
    JSON.stringify(await mcp.callTool({ name: 'get_metrics', arguments: { metrics: ['spend'] } })),
  );
  await mcp.close();

  const exited = new Promise((resolve) => serve!.once('exit', resolve));
  serve.kill('SIGTERM');
  await exited;
  serve = undefined;

  // the token the OAuth flow obtained, read back from the database the server used
  const db = await openPgliteDb(join(dataDir, 'pglite'));
  const keyring = keyringFrom(KEY);
  const metaTokens: string[] = [];
  for (const ws of ['00000000-0000-4000-8000-000000000001']) {
    for (const c of await listConnections(db, ws)) {
      const t = await loadToken(db, keyring, c.id);
      if (t) metaTokens.push(t.token);
    }
  }
  await db.close();
  expect(metaTokens.length).toBeGreaterThan(0);
  expect(metaTokens).not.toContain(RECOGNISABLE); // the OAuth token replaced the CLI one

  const logs = output.join('');
  expect(logs).toMatch(/"level":(20|30)/); // log lines were written (at debug level), so the search below means something
  expect(logs).toContain('meta accounts connected');
  const secrets: Record<string, string> = {
    'CLI token': RECOGNISABLE,
    'API key': apiKey,
    'API key body': apiKey.slice(6),
    'session token': sessionCookie.split('=')[1],
    'app secret': APP_SECRET,
    'encryption key': KEY.toString('base64'),
    ...Object.fromEntries(metaTokens.map((t, i) => [`OAuth token ${i}`, t])),
  };
  const everything = { logs, answers: answers.join('\n') };
  for (const [where, text] of Object.entries(everything)) {
    for (const [name, secret] of Object.entries(secrets))
      expect(text.includes(secret), `${name} in ${where}`).toBe(false);
  }
});
