// POST /api/workspaces/:workspaceId/metrics/ingest — the seed system's ingestion endpoint.
import { Router } from 'express';
import { z } from 'zod';
import { getConnection } from '../../db/connections.js';
import { getWorkspace } from '../../db/workspaces.js';
import { ForbiddenError, NotFoundError, parseInput } from '../../errors.js';
import { type IngestScope, ingestFacts, MAX_FACTS_PER_REQUEST } from '../../sync/ingest.js';
import type { ServerDeps } from '../deps.js';
import { ctxOf } from '../requestContext.js';

// Facts are validated one by one inside ingestFacts (so one bad row does not sink the rest); the
// envelope is validated here.
export const ingestBodySchema = z.object({
  connection_id: z.string().uuid('must be a connection id (uuid)'),
  facts: z
    .array(z.unknown())
    .min(1, 'must hold at least one fact')
    .max(MAX_FACTS_PER_REQUEST, `must hold at most ${MAX_FACTS_PER_REQUEST} facts`),
});

/** The workspace in the URL must exist (404) and be the caller's (403). */
async function callerWorkspace(
  deps: ServerDeps,
  callerWorkspaceId: string,
  workspaceId: string,
): Promise<string> {
  const workspace = await getWorkspace(deps.db, workspaceId);
  if (!workspace) throw new NotFoundError(`workspace ${workspaceId} not found`);
  if (workspace.id !== callerWorkspaceId) {
    throw new ForbiddenError('this API key cannot write to that workspace');
  }
  return workspace.id;
}

/** The connection must belong to that workspace (404 otherwise, whoever owns it). */
async function scopeOf(deps: ServerDeps, workspaceId: string, connectionId: string): Promise<IngestScope> {
  const connection = await getConnection(deps.db, workspaceId, connectionId);
  if (!connection) throw new NotFoundError(`connection ${connectionId} not found in this workspace`);
  return { workspaceId, connectionId: connection.id };
}

export function ingestRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post('/workspaces/:workspaceId/metrics/ingest', async (req, res, next) => {
    try {
      const ctx = ctxOf(res);
      const workspaceId = await callerWorkspace(deps, ctx.workspaceId, req.params.workspaceId);
      const body = parseInput(ingestBodySchema, req.body ?? {});
      const scope = await scopeOf(deps, workspaceId, body.connection_id);
      const result = await ingestFacts(deps.db, scope, body.facts);
      ctx.log.info({ ...result, errors: result.errors.length }, 'facts ingested');
      res.json(result);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
