// The REST the web pages read, thin over the tool registry (the same validated, workspace-scoped
// tools the assistant and MCP use, so the campaigns page and a chat answer can never disagree):
//   GET /api/campaigns?level=&parent_id=&status=&preset= | since=&until=&sort=&dir=&limit= → list_entities
//   GET /api/connections → list_connections
import { Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../errors.js';
import { text } from '../../textInput.js';
import { callTool } from '../../tools/registry.js';
import type { ToolContext } from '../../tools/types.js';
import type { ServerDeps } from '../deps.js';
import { ctxOf } from '../requestContext.js';

/** The columns the campaigns page can show (ratios are ratios of sums, computed by the tool). */
export const CAMPAIGN_PAGE_METRICS = [
  'spend',
  'revenue',
  'roas',
  'impressions',
  'reach',
  'clicks',
  'ctr',
  'purchases',
  'cpa',
  'cpc',
  'cpm',
] as const;

// Query strings are flat; the tool's own schema checks values (enums, dates), this one the shape.
const one = text().trim().min(1).max(200).optional();
export const campaignsQuery = z.object({
  level: one,
  parent_id: one,
  status: one,
  preset: one,
  since: one,
  until: one,
  sort: one,
  dir: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

function entitiesInput(q: z.output<typeof campaignsQuery>): Record<string, unknown> {
  const range = q.since || q.until ? { since: q.since, until: q.until } : { preset: q.preset ?? 'last_30d' };
  return {
    level: q.level ?? 'campaign',
    status: q.status ?? 'default',
    ...(q.parent_id ? { parent_id: q.parent_id } : {}),
    metrics: [...CAMPAIGN_PAGE_METRICS],
    range,
    sort: { by: q.sort ?? 'spend', direction: q.dir ?? 'desc' },
    limit: q.limit ?? 500,
    totals: true,
  };
}

function toolContext(deps: ServerDeps, res: Parameters<typeof ctxOf>[0]): ToolContext {
  const ctx = ctxOf(res);
  return {
    db: deps.db,
    config: deps.config,
    keyring: deps.keyring,
    workspaceId: ctx.workspaceId,
    log: ctx.log,
    now: deps.now,
  };
}

export function dataApiRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get('/campaigns', async (req, res, next) => {
    try {
      const query = parseInput(campaignsQuery, req.query, 'query');
      res.json(await callTool('list_entities', entitiesInput(query), toolContext(deps, res)));
    } catch (err) {
      next(err);
    }
  });
  router.get('/connections', async (_req, res, next) => {
    try {
      res.json(await callTool('list_connections', {}, toolContext(deps, res)));
    } catch (err) {
      next(err);
    }
  });
  return router;
}
