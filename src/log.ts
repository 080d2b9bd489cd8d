// Structured JSON logs to stderr (stdout belongs to command output and the MCP stdio protocol).
// Secrets are redacted by key wherever they appear in a logged object.
import pino from 'pino';

const redactPaths = [
  'token',
  'accessToken',
  'access_token',
  'apiKey',
  'authorization',
  'password',
  'secret',
  'appSecret',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.apiKey',
  '*.authorization',
  '*.password',
  '*.secret',
  '*.appSecret',
  'req.headers.authorization',
  'req.headers.cookie',
];

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: 'adnavi' },
    redact: { paths: redactPaths, censor: '[redacted]' },
  },
  pino.destination({ fd: 2, sync: true }),
);

export type Logger = pino.Logger;

/** Removes access tokens from URLs before they reach a log line or an error message. */
export function redactUrl(url: string): string {
  return url.replace(
    /((?:access_token|fb_exchange_token|client_secret|input_token|appsecret_proof)=)[^&\s"]+/g,
    '$1[redacted]',
  );
}
