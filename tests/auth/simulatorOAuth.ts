// The simulator's OAuth endpoints driven directly (no browser): a long-lived user token the way the
// connect flow gets one, for tests that need a real, expiring token.
import { type Simulator, startSimulator } from '../../src/simulator/index.js';

export const APP_ID = '1234567890';
export const APP_SECRET = 'sim-app-secret-0123456789abcdef';

export interface Clock {
  now: Date;
}

export async function simulatorWithClock(clock: Clock): Promise<Simulator> {
  return startSimulator({ port: 0, appId: APP_ID, appSecret: APP_SECRET, now: () => clock.now });
}

// biome-ignore lint/suspicious/noExplicitAny: a redirect location or a Graph answer, read by the caller
async function graph(sim: Simulator, path: string, params: Record<string, string>): Promise<any> {
  const url = new URL(`${sim.url}/${sim.version}/${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { redirect: 'manual' });
  if (res.status === 302) return res.headers.get('location');
  const body = await res.json();
  if (!res.ok) throw new Error(`simulator ${path}: ${JSON.stringify(body)}`);
  return body;
}

export async function issueLongLivedToken(sim: Simulator): Promise<string> {
  const redirect_uri = 'http://127.0.0.1:1/callback';
  const location: string = await graph(sim, 'dialog/oauth', {
    client_id: APP_ID,
    redirect_uri,
    state: 's',
    consent: 'allow',
  });
  const code = new URL(location).searchParams.get('code')!;
  const creds = { client_id: APP_ID, client_secret: APP_SECRET };
  const short = await graph(sim, 'oauth/access_token', { ...creds, redirect_uri, code });
  const long = await graph(sim, 'oauth/access_token', {
    ...creds,
    grant_type: 'fb_exchange_token',
    fb_exchange_token: short.access_token,
  });
  return long.access_token;
}

export function simulatorEnv(sim: Simulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    META_GRAPH_URL: sim.url,
    META_OAUTH_DIALOG_URL: sim.url,
    META_API_VERSION: sim.version,
    META_APP_ID: APP_ID,
    META_APP_SECRET: APP_SECRET,
    ...extra,
  };
}
