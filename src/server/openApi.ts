// The REST API described as OpenAPI 3.1, generated from the same zod schemas the routes parse with
// (zod-to-openapi), so the document cannot drift from what the server accepts. Served at
// GET /api/openapi.json without sign-in: it describes the API, it holds no data.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { IngestResult } from '../sync/ingest.js';
import { factInputSchema, MAX_FACTS_PER_REQUEST } from '../sync/ingest.js';
import { listConnectionsOutput, listEntitiesOutput } from '../tools/schemas.js';
import { PRODUCT } from '../version.js';
import { campaignsQuery } from './routes/dataApi.js';
import { ingestBodySchema } from './routes/ingest.js';
import { syncBodySchema, syncRunsQuerySchema } from './routes/sync.js';
import { syncHealthSchema } from './routes/syncHealth.js';

// registered by id (components/schemas/Fact) through zod's own metadata
const fact = factInputSchema.meta({
  id: 'Fact',
  description: 'one ad-level daily (or hourly) fact; Meta external ids',
});

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

const ingestResult: z.ZodType<IngestResult> = z.object({
  inserted: z.number().int(),
  updated: z.number().int().describe('facts whose numbers changed (a restatement)'),
  unchanged: z.number().int(),
  errors: z.array(z.object({ index: z.number().int(), field: z.string(), message: z.string() })),
});

const syncRun = z
  .object({ id: z.string(), connection_id: z.string(), kind: z.string(), status: z.string() })
  .catchall(z.unknown())
  .describe('a sync run: kind, status, range, progress, stats, error');

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const errors = {
  400: json(errorBody, 'bad input; the message names the field'),
  401: json(errorBody, 'sign-in or an API key is needed'),
  404: json(errorBody, 'not found in your workspace'),
};

function registerPaths(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'a workspace API key (adn_k_…); the web app uses its session cookie instead',
  });
  registry.registerPath({
    method: 'post',
    path: '/api/workspaces/{workspaceId}/metrics/ingest',
    summary: 'Ingest ad-level facts',
    description: `Up to ${MAX_FACTS_PER_REQUEST} facts. Each is validated on its own: valid ones are stored (new inserted, changed updated, equal left unchanged), invalid ones come back by index and field. Idempotent by (ad, date, hour).`,
    request: {
      params: z.object({ workspaceId: z.string().uuid() }),
      body: {
        content: {
          'application/json': {
            schema: ingestBodySchema.extend({
              facts: z.array(fact).min(1).max(MAX_FACTS_PER_REQUEST),
            }),
          },
        },
      },
    },
    responses: { 200: json(ingestResult, 'what was stored, and the facts refused'), ...errors },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/connections/{id}/sync',
    summary: 'Start a sync of one connection',
    request: {
      params: z.object({ id: z.string().uuid() }),
      body: { content: { 'application/json': { schema: syncBodySchema } } },
    },
    responses: {
      202: json(
        z.object({ run_id: z.string(), already_running: z.boolean() }),
        'started (or the run already going)',
      ),
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/sync-runs/{id}',
    summary: 'One sync run with its progress',
    request: { params: z.object({ id: z.string().uuid() }) },
    responses: { 200: json(syncRun, 'the run'), ...errors },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/sync-runs',
    summary: 'Recent sync runs',
    request: { query: syncRunsQuerySchema },
    responses: { 200: json(z.object({ runs: z.array(syncRun) }), 'newest first'), ...errors },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/sync-health',
    summary: "Automatic sync per connection: schedule (the account's clock), next run, failure, dead jobs",
    responses: { 200: json(syncHealthSchema, 'one entry per scheduled connection'), ...errors },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/sync-jobs/{id}/retry',
    summary: 'Put a dead sync job (retries used up) back in the queue',
    request: { params: z.object({ id: z.string().uuid() }) },
    responses: {
      202: json(z.object({ id: z.string(), state: z.literal('retry') }), 'queued again'),
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campaigns',
    summary: 'Campaigns, ad sets or ads with metrics (the list_entities tool)',
    request: { query: campaignsQuery },
    responses: {
      200: json(listEntitiesOutput, 'entity-first: entities with no delivery show zeros'),
      ...errors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/connections',
    summary: 'Connected ad accounts (the list_connections tool)',
    responses: { 200: json(listConnectionsOutput, 'the workspace’s connections'), ...errors },
  });
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness and database reachability',
    security: [],
    responses: { 200: json(z.object({ ok: z.boolean(), database: z.enum(['pg', 'pglite']) }), 'up') },
  });
}

let cached: object | undefined;

/** The OpenAPI 3.1 document (built once). */
export function openApiDocument(): object {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registerPaths(registry);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'AdNavi REST API',
      version: PRODUCT.version,
      description:
        'Ask about your Meta ads; ingest your own facts. Every route is scoped to the caller’s workspace. The chat (WebSocket /ws) and MCP (/mcp) are described in README.md.',
    },
    security: [{ apiKey: [] }],
  });
  return cached;
}
