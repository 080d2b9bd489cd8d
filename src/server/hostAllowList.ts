// One Host allow-list for every surface (static pages, REST, the WebSocket upgrade, MCP over HTTP):
// loopback names, the HOST the server is bound to (unless a wildcard), the host of ADNAVI_PUBLIC_URL
// and ADNAVI_ALLOWED_HOSTS. A DNS-rebinding page reaches us with its own name in Host
// (evil.example:8787) and gets 403 before anything is authenticated or read. A browser's Origin, when
// sent, must name an allowed host too: comparing Origin with Host would let a rebound page pass,
// since both then carry the attacker's name.
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { isLoopbackHost } from '../auth/authenticate.js';
import type { Config } from '../config.js';
import { ForbiddenError } from '../errors.js';

/** Hostnames a loopback-bound server answers to; anything else is a DNS-rebinding attempt. */
export const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

type HostConfig = Pick<Config, 'HOST' | 'ADNAVI_ALLOWED_HOSTS'> & Partial<Pick<Config, 'ADNAVI_PUBLIC_URL'>>;

export function defaultAllowedHosts(config: HostConfig): string[] {
  const bound = config.HOST.toLowerCase();
  const wildcard = bound === '0.0.0.0' || bound === '::' || isLoopbackHost(bound);
  const boundName = bound.includes(':') ? `[${bound}]` : bound;
  const publicHost = config.ADNAVI_PUBLIC_URL ? new URL(config.ADNAVI_PUBLIC_URL).hostname : undefined;
  return [
    ...LOOPBACK_HOSTNAMES,
    ...(wildcard ? [] : [boundName]),
    ...(publicHost ? [publicHost.toLowerCase()] : []),
    ...(config.ADNAVI_ALLOWED_HOSTS ?? []),
  ];
}

function hostnameOf(value: string, scheme: 'http://' | ''): string | undefined {
  try {
    return new URL(`${scheme}${value}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** An Origin (or a Referer's origin) names an allowed host; "null" and garbage never do. */
export function originAllowed(origin: string, allowedHostnames: readonly string[]): boolean {
  if (origin === 'null') return false;
  const host = hostnameOf(origin, '');
  return host !== undefined && allowedHostnames.includes(host);
}

/**
 * The DNS-rebinding check: the Host header must name an allowed hostname, and a browser's Origin
 * (when sent) must be one too. Returns the reason to refuse, or null to let the request through.
 */
export function rebindingRefusal(
  headers: IncomingHttpHeaders,
  allowedHostnames: readonly string[],
): string | null {
  const host = headers.host ? hostnameOf(headers.host, 'http://') : undefined;
  if (!host || !allowedHostnames.includes(host)) return `Host "${headers.host ?? ''}" is not allowed`;
  const origin = headers.origin;
  if (origin === undefined) return null;
  return originAllowed(origin, allowedHostnames) ? null : `Origin "${origin}" is not allowed`;
}

/**
 * The express guard for static pages and REST (MCP and the WebSocket call rebindingRefusal in their
 * own dialects). Load balancers probe /healthz by address, so it stays open: it tells nothing.
 */
export function hostAllowList(allowedHostnames: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (req.path === '/healthz' || req.path === '/mcp' || req.path.startsWith('/mcp/')) return next();
    const refusal = rebindingRefusal(req.headers, allowedHostnames);
    if (!refusal) return next();
    next(
      new ForbiddenError(
        `${refusal}: add the name to ADNAVI_ALLOWED_HOSTS if this server should answer to it`,
      ),
    );
  };
}

/**
 * The base URL links back to us are built on (the OAuth redirect_uri): ADNAVI_PUBLIC_URL, else the
 * request's host only when it is on the allow-list — never a raw Host header.
 */
export function publicBaseUrl(
  config: Pick<Config, 'ADNAVI_PUBLIC_URL'>,
  allowedHostnames: readonly string[],
  req: { protocol: string; headers: IncomingHttpHeaders },
): string {
  if (config.ADNAVI_PUBLIC_URL) return config.ADNAVI_PUBLIC_URL;
  const host = req.headers.host;
  const name = host ? hostnameOf(host, 'http://') : undefined;
  if (!host || !name || !allowedHostnames.includes(name))
    throw new ForbiddenError(`Host "${host ?? ''}" is not allowed; set ADNAVI_PUBLIC_URL`);
  return `${req.protocol}://${new URL(`http://${host}`).host}`;
}
