// Serves the built browser app (web/dist): files compressed at build time (.br / .gz beside each
// asset, made by web/vite.config.ts) are sent with Content-Encoding when the browser accepts them;
// hashed assets are cached for a year (immutable), index.html is revalidated on every load, and any
// other path without a file extension gets index.html (the app routes /campaigns, /settings itself).
// Security headers (CSP and friends) come from protection.ts for every response.
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { type Request, type Response, Router } from 'express';
import { ROOT } from '../../paths.js';

export const WEB_DIST = join(ROOT, 'web', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file under root a URL path names, or undefined (missing, or an attempt to leave root). */
function resolveFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = normalize(join(root, decoded));
  if (!full.startsWith(root + sep)) return undefined;
  return isFile(full) ? full : undefined;
}

/** The best precompressed sibling the browser accepts: brotli, then gzip, else the file itself. */
function pickEncoding(req: Request, file: string): { path: string; encoding?: 'br' | 'gzip' } {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted) && existsSync(`${file}.br`)) return { path: `${file}.br`, encoding: 'br' };
  if (/\bgzip\b/.test(accepted) && existsSync(`${file}.gz`)) return { path: `${file}.gz`, encoding: 'gzip' };
  return { path: file };
}

function cacheControl(root: string, file: string): string {
  if (file.startsWith(join(root, 'assets') + sep)) return 'public, max-age=31536000, immutable';
  if (extname(file) === '.html') return 'no-cache';
  return 'public, max-age=3600';
}

function sendStatic(req: Request, res: Response, root: string, file: string): void {
  const { path, encoding } = pickEncoding(req, file);
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': cacheControl(root, file),
    Vary: 'Accept-Encoding',
  };
  if (encoding) headers['Content-Encoding'] = encoding;
  // send() leaves our Content-Type alone (it would guess from .br/.gz otherwise) and handles ETag,
  // If-None-Match and HEAD. Ranges are off: a byte range of a compressed body confuses caches.
  res.sendFile(path, { headers, cacheControl: false, acceptRanges: false, dotfiles: 'deny' });
}

export function webAppRoutes(root: string = WEB_DIST): Router {
  const router = Router();
  const resolvedRoot = normalize(root);
  router.get(/.*/, (req, res, next) => {
    const file = resolveFile(resolvedRoot, req.path);
    if (file) return sendStatic(req, res, resolvedRoot, file);
    if (extname(req.path) !== '') return next(); // a missing asset is a 404, not the app
    const index = join(resolvedRoot, 'index.html');
    if (!isFile(index)) {
      res.status(503).type('text/plain').send('The web app is not built yet: run `npm run build`.');
      return;
    }
    sendStatic(req, res, resolvedRoot, index);
  });
  return router;
}
