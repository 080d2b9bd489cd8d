// Who the browser is to the server (GET /api/auth/me), and signing out. On loopback the server
// answers 'local' (no sign-in needed); elsewhere a session cookie is needed for every page's data.
import { getJson, postJson } from './api.ts';
import { forgetConversation } from './chatConnection.ts';

export interface Me {
  signed_in: boolean;
  via: 'api_key' | 'session' | 'local' | null;
  workspace_id: string | null;
}

export function fetchMe(): Promise<Me> {
  return getJson<Me>('/api/auth/me');
}

/** Ends the session and reloads: a fresh page boots into the sign-in form with nothing left in memory. */
export async function signOut(): Promise<void> {
  await postJson('/api/auth/logout');
  forgetConversation(); // the next person to sign in here must not resume this conversation
  window.location.assign('/');
}
