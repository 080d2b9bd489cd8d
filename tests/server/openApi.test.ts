// GET /api/openapi.json: generated from the routes' own zod schemas; every documented route answers
// (no "no such API route"), and the ingest fact lists every field the server accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { factInputSchema } from '../../src/sync/ingest.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const config = loadConfig({ LOG_LEVEL: 'silent' });
let testDb: TestDb;
let server: RunningServer;

beforeAll(async () => {
  testDb = await createTestDb('pglite');
  server = await startServer({ db: testDb.db, config }, 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await testDb?.drop();
});

type Doc = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
};

describe('OpenAPI document', () => {
  it('is served without sign-in and describes ingest with every accepted fact field', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/workspaces/{workspaceId}/metrics/ingest']).toHaveProperty('post');
    expect(Object.keys(doc.components.schemas.Fact.properties).sort()).toEqual(
      Object.keys(factInputSchema.shape).sort(),
    );
  });

  it('documents only routes the server has', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Doc;
    const uuid = '00000000-0000-4000-8000-00000000abcd';
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const url = `${server.url}${path.replace(/\{[^}]+\}/g, uuid)}`;
        const res = await fetch(url, {
          method: method.toUpperCase(),
          headers: { 'content-type': 'application/json' },
          body: method === 'get' ? undefined : '{}',
        });
        const body = await res.text();
        expect(body, `${method} ${path}`).not.toContain('no such API route');
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });
});
