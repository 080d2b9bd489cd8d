// Structured JSON logs to stderr (stdout belongs to command output and the MCP stdio protocol); on a
// terminal, short readable lines instead (src/logFormat.ts; LOG_FORMAT overrides).
// Secrets are redacted twice: by key wherever they appear in a logged object, and by shape in every
// finished line whatever the key (a database error's SQL parameters once carried a password hash
// and an API key's hash under no telling name). Errors lose their SQL parameters altogether.
import pino from 'pino';
import { chooseLogFormat, prettyLine } from './logFormat.js';

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

/** Values that are secrets by their shape, in a JSON line. */
const SECRET_SHAPES: [RegExp, string][] = [
  [/\b(adn_[ks]_)[A-Za-z0-9_-]+/g, '$1[redacted]'], // our API keys and session tokens
  [/scrypt\$[^"\s\\,]+/g, 'scrypt$[redacted]'], // password hashes
  [/\b[0-9a-f]{64}\b/gi, '[redacted-hash]'], // sha256 of a key or session (what the database stores)
  [/\bEA[A-Za-z0-9]{30,}/g, 'EA[redacted]'], // Meta access tokens
  [/(bearer\s+)[^"\s\\]+/gi, '$1[redacted]'],
  [
    /((?:access_token|client_secret|fb_exchange_token|input_token|appsecret_proof|password)=)[^&\s"\\]+/g,
    '$1[redacted]',
  ],
];

/** Replaces every secret-shaped value in a text (a log line, an error message). */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
  return out;
}

/** pino's error serializer without the SQL parameters a database error carries. */
function errWithoutParameters(err: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const key of ['params', 'parameters', 'values', 'query']) delete serialized[key];
  return serialized;
}

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: 'adnavi' },
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: { err: errWithoutParameters },
    hooks: {
      streamWrite:
        chooseLogFormat(process.env.LOG_FORMAT, process.stderr.isTTY === true) === 'pretty'
          ? (line: string) => prettyLine(scrubSecrets(line))
          : scrubSecrets,
    },
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
