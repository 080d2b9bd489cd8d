// POST /api/workspaces/:workspaceId/metrics/ingest — the seed system's ingestion endpoint.
import { Router } from 'express';
import { z } from 'zod';
import { getConnection } from '../../db/connections.js';
import { getWorkspace } from '../../db/workspaces.js';
import { ForbiddenError, NotFoundError, parseInput } from '../../errors.js';
import { ingestFacts, MAX_FACTS_PER_REQUEST } from '../../sync/ingest.js';
import type { ServerDeps } from '../deps.js';
import { ctxOf } from '../requestContext.js';

// Facts are validated one by one inside ingestFacts (so one bad row does not sink the rest); the
// envelope is validated here.
const bodySchema = z.object({
  connection_id: z.string().uuid('must be a connection id (uuid)'),
  facts: z
    .array(z.unknown())
    .min(1, 'must hold at least one fact')
    .max(MAX_FACTS_PER_REQUEST, `must hold at most ${MAX_FACTS_PER_REQUEST} facts`),
});

export function ingestRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post('/workspaces/:workspaceId/metrics/ingest', async (req, res, next) => {
    try {
      const ctx = ctxOf(res);
      const workspace = await getWorkspace(deps.db, req.params.workspaceId);
      if (!workspace) throw new NotFoundError(`workspace ${req.params.workspaceId} not found`);
      if (workspace.id !== ctx.workspaceId) throw new ForbiddenError('this API key cannot write to that workspace');
      const body = parseInput(bodySchema, req.body ?? {});
      const connection = await getConnection(deps.db, workspace.id, body.connection_id);
      if (!connection) throw new NotFoundError(`connection ${body.connection_id} not found in this workspace`);
      const result = await ingestFacts(deps.db, { workspaceId: workspace.id, connectionId: connection.id }, body.facts);
      ctx.log.info({ ...result, errors: result.errors.length }, 'facts ingested');
      res.json(result);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
