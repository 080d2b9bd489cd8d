// Static serving of the built web app over real HTTP: precompressed bodies with Content-Encoding and
// Vary, a year of caching for hashed assets, revalidation for index.html, the SPA fallback, and no
// way out of web/dist. Uses a small dist made here (not the real build), so it tests the server only.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAppRoutes } from '../../src/server/routes/webApp.js';

const JS = `console.log(${JSON.stringify('x'.repeat(2000))});`;
let dir: string;
let base: string;
let close: () => void;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adnavi-web-'));
  const root = join(dir, 'dist');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(root, 'assets', 'app-abc123.js'), JS);
  await writeFile(join(root, 'assets', 'app-abc123.js.br'), brotliCompressSync(JS));
  await writeFile(join(root, 'assets', 'app-abc123.js.gz'), gzipSync(JS));
  await writeFile(join(dir, 'outside.txt'), 'SECRET');
  const app = express();
  app.use(webAppRoutes(root));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  close = () => server.close();
});

afterAll(async () => {
  close?.();
  await rm(dir, { recursive: true, force: true });
});

/** Raw GET (fetch would decode the body and hide Content-Encoding handling). */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web app static serving', () => {
  it('sends brotli when accepted, else gzip, else the plain file, always with Vary', async () => {
    const br = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(JS);
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/);

    const gz = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(JS);

    const plain = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(JS);
  });

  it('caches hashed assets for a year and revalidates index.html', async () => {
    const asset = await get('/assets/app-abc123.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await get('/');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers.etag).toBeTruthy();
    const again = await get('/', { 'If-None-Match': String(index.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('answers app routes with index.html and missing assets with 404', async () => {
    const route = await get('/campaigns');
    expect(route.status).toBe(200);
    expect(route.body.toString()).toContain('<title>app</title>');
    expect((await get('/assets/missing-123.js')).status).toBe(404);
  });

  it('never serves a file outside the web root', async () => {
    for (const path of ['/..%2foutside.txt', '/assets/..%2f..%2foutside.txt', '/%2e%2e/outside.txt']) {
      const res = await get(path);
      expect(res.body.toString()).not.toContain('SECRET');
      expect(res.status).toBe(404);
    }
  });
});
