// A real AdNavi HTTP server over a test database, and small fetch helpers. Shared by tests/auth and
// tests/security so every test talks to the same app the CLI serves.
import { randomBytes } from 'node:crypto';
import type { AuthMode } from '../../src/auth/authenticate.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { type Keyring, keyringFrom } from '../../src/secrets/tokenVault.js';
import type { ServerDeps } from '../../src/server/deps.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';

export interface TestServer extends RunningServer {
  deps: ServerDeps;
}

export function testKeyring(): Keyring {
  return keyringFrom(randomBytes(32));
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ADNAVI_DATA_DIR: '/nonexistent-adnavi-test', ...env });
}

export async function serveTest(
  db: Db,
  opts: {
    authMode?: AuthMode;
    env?: Record<string, string>;
    keyring?: Keyring;
    deps?: Partial<ServerDeps>;
  } = {},
): Promise<TestServer> {
  const deps: ServerDeps = {
    db,
    config: testConfig(opts.env),
    authMode: opts.authMode ?? 'required',
    keyring: opts.keyring ?? testKeyring(),
    ...opts.deps,
  };
  const running = await startServer(deps, 0, '127.0.0.1');
  return { ...running, deps };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read field by field
  json: any;
}

export async function call(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; raw?: string } = {},
): Promise<Answer> {
  // like a browser: a state-changing request from our own page carries our Origin (csrf.ts checks it)
  const method = init.method ?? 'GET';
  const headers: Record<string, string> =
    method === 'GET' || method === 'HEAD' || init.headers?.origin !== undefined
      ? { ...init.headers }
      : { origin: base, ...init.headers };
  if (headers.origin === '') delete headers.origin; // `origin: ''` sends none (a non-browser client)
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  } else if (init.raw !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body,
    redirect: 'manual',
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** The adnavi_session cookie a sign-up/sign-in answer set, as a Cookie header. */
export function sessionCookieOf(answer: Answer): Record<string, string> {
  const set = answer.headers.getSetCookie().find((c) => c.startsWith('adnavi_session='));
  if (!set) throw new Error(`no session cookie in ${answer.status} ${answer.text}`);
  return { cookie: set.split(';')[0] };
}

let n = 0;
export function uniqueEmail(): string {
  n += 1;
  return `person${n}-${randomBytes(3).toString('hex')}@example.com`;
}
