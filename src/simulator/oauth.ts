// Tokens and the OAuth endpoints of the connect flow: the login dialog (a consent page naming the
// permissions asked, with Continue and Cancel, as Meta shows; `consent=allow` consents at once and
// `deny` cancels at once, for scripts), then a redirect with a code, or with error=access_denied
// (error_reason=user_denied) when the person cancels; the code exchange
// (short-lived token), the fb_exchange_token exchange (long-lived, ~60 days), client_credentials
// (app token) and /debug_token. Expiry follows the simulator's data clock, so a test can move `now`
// forward to see an issued token expire.

import { randomBytes } from 'node:crypto';
import { GraphError, invalidParameter, invalidToken, tokenExpired } from './errors.js';

export const USER_ID = '10158000000000001';
const SHORT_LIVED_SECONDS = 5400;
const LONG_LIVED_SECONDS = 5_184_000; // 60 days
const CODE_SECONDS = 600;
const DEFAULT_SCOPES = ['ads_read'];
/** How the consent page words each permission (Meta's own descriptions, shortened). */
const SCOPE_TEXT: Record<string, string> = {
  ads_read: 'Read your ads performance and the ad accounts you can access',
  ads_management: 'Create and manage ads for your ad accounts',
  business_management: 'Manage your business and its assets',
};

interface TokenInfo {
  issuedAt: number; // unix seconds
  expiresAt: number; // unix seconds; 0 = never (system-user token)
  scopes: string[];
}

interface CodeInfo {
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export interface OAuthConfig {
  accessToken: string;
  appId: string;
  appSecret: string;
  now: () => Date;
}

export type DialogAnswer = { location: string } | { html: string };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The consent step: what the app asks for, Continue (consent=allow) or Cancel (deny=1). */
function consentPage(q: URLSearchParams, scopes: string[]): string {
  const withParam = (key: string) => {
    const next = new URLSearchParams(q);
    next.set(key, key === 'consent' ? 'allow' : '1');
    return `?${next.toString()}`;
  };
  const items = scopes
    .map(
      (s) =>
        `<li><strong>${escapeHtml(s)}</strong>: ${escapeHtml(SCOPE_TEXT[s] ?? 'Unknown permission')}</li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log in with Facebook</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem">
<main><h1>AdNavi Demo is requesting access</h1>
<p>Continuing lets AdNavi Demo (simulated Meta login) have:</p><ul class="scopes">${items}</ul>
<p><a id="continue" href="${escapeHtml(withParam('consent'))}">Continue as Demo User</a></p>
<p><a id="cancel" href="${escapeHtml(withParam('deny'))}">Cancel</a></p></main></body></html>`;
}

function newToken(): string {
  return `EAA${randomBytes(30).toString('base64url')}`;
}

export class TokenStore {
  private tokens = new Map<string, TokenInfo>();
  private codes = new Map<string, CodeInfo>();

  constructor(private readonly cfg: OAuthConfig) {
    this.tokens.set(cfg.accessToken, { issuedAt: this.nowSeconds(), expiresAt: 0, scopes: DEFAULT_SCOPES });
  }

  private nowSeconds(): number {
    return Math.floor(this.cfg.now().getTime() / 1000);
  }

  private get appToken(): string {
    return `${this.cfg.appId}|${this.cfg.appSecret}`;
  }

  /** Throws Meta's 190 errors for a token the data endpoints must refuse. */
  authorize(token: string): void {
    const info = this.tokens.get(token);
    if (!info) throw invalidToken();
    if (info.expiresAt !== 0 && info.expiresAt <= this.nowSeconds()) throw tokenExpired();
  }

  dialog(q: URLSearchParams): DialogAnswer {
    this.checkClient(q.get('client_id'));
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri) throw invalidParameter('Missing redirect_uri parameter.');
    const target = new URL(redirectUri);
    const state = q.get('state');
    const deny = q.get('deny');
    const scopes = (q.get('scope') ?? DEFAULT_SCOPES.join(','))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const denied = deny !== null && deny !== '0' && deny !== 'false';
    if (!denied && q.get('consent') !== 'allow') return { html: consentPage(q, scopes) };
    if (denied) {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_code', '200');
      target.searchParams.set('error_description', 'Permissions error');
      target.searchParams.set('error_reason', 'user_denied');
    } else {
      const code = randomBytes(24).toString('base64url');
      this.codes.set(code, { redirectUri, scopes, expiresAt: this.nowSeconds() + CODE_SECONDS, used: false });
      target.searchParams.set('code', code);
    }
    if (state !== null) target.searchParams.set('state', state);
    return { location: target.toString() };
  }

  accessToken(q: URLSearchParams): Record<string, unknown> {
    this.checkClient(q.get('client_id'));
    const grant = q.get('grant_type');
    if (grant === 'client_credentials') {
      this.checkSecret(q.get('client_secret'));
      return { access_token: this.appToken, token_type: 'bearer' };
    }
    this.checkSecret(q.get('client_secret'));
    if (grant === 'fb_exchange_token') {
      const short = q.get('fb_exchange_token') ?? '';
      this.authorize(short);
      const scopes = this.tokens.get(short)?.scopes ?? DEFAULT_SCOPES;
      return this.issue(LONG_LIVED_SECONDS, scopes);
    }
    const code = q.get('code');
    const info = code ? this.codes.get(code) : undefined;
    if (!code || !info) throw invalidParameter('Invalid verification code format.', 36009);
    if (info.used) throw invalidParameter('This authorization code has been used.', 36009);
    if (info.expiresAt <= this.nowSeconds())
      throw invalidParameter('This authorization code has expired.', 36007);
    if (q.get('redirect_uri') !== info.redirectUri) {
      throw invalidParameter(
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        36008,
      );
    }
    info.used = true;
    return this.issue(SHORT_LIVED_SECONDS, info.scopes);
  }

  /** /debug_token: needs an app token (or any valid token) in access_token. */
  debug(
    q: URLSearchParams,
    callerToken: string | undefined,
    forcedExpired: boolean,
  ): Record<string, unknown> {
    if (callerToken !== this.appToken) {
      if (!callerToken)
        throw invalidParameter(
          'You must provide an app access token, or a user access token that is an owner or developer of the app',
        );
      this.authorize(callerToken);
    }
    const input = q.get('input_token') ?? '';
    const info = this.tokens.get(input);
    const base = { app_id: this.cfg.appId, type: 'USER', application: 'AdNavi Demo' };
    if (!info) {
      return {
        data: {
          ...base,
          is_valid: false,
          scopes: [],
          error: { code: 190, message: 'Invalid OAuth access token.' },
        },
      };
    }
    const expired = forcedExpired || (info.expiresAt !== 0 && info.expiresAt <= this.nowSeconds());
    const data: Record<string, unknown> = {
      ...base,
      data_access_expires_at: info.issuedAt + 90 * 86400,
      expires_at: info.expiresAt,
      is_valid: !expired,
      issued_at: info.issuedAt,
      scopes: info.scopes,
      user_id: USER_ID,
    };
    if (expired) data.error = { code: 190, subcode: 463, message: 'Session has expired.' };
    return { data };
  }

  private issue(seconds: number, scopes: string[]): Record<string, unknown> {
    const token = newToken();
    const now = this.nowSeconds();
    this.tokens.set(token, { issuedAt: now, expiresAt: now + seconds, scopes });
    return { access_token: token, token_type: 'bearer', expires_in: seconds };
  }

  private checkClient(clientId: string | null): void {
    if (clientId !== this.cfg.appId) {
      throw new GraphError(400, {
        message: 'Error validating application. Invalid application ID.',
        code: 101,
        is_transient: false,
      });
    }
  }

  private checkSecret(secret: string | null): void {
    if (secret !== this.cfg.appSecret) {
      throw new GraphError(400, { message: 'Error validating client secret.', code: 1, is_transient: false });
    }
  }
}
