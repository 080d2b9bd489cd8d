// Sync over REST: POST /api/connections/:id/sync (202 with the run id; a sync already running answers
// with its id), GET /api/sync-runs/:id and GET /api/sync-runs?connection_id=&limit=. Workspace-scoped:
// another workspace's connection or run is simply not found.
import { Router } from 'express';
import { z } from 'zod';
import { getConnection } from '../../db/connections.js';
import { getSyncRun, listSyncRuns } from '../../db/syncRuns.js';
import { NotFoundError, parseInput } from '../../errors.js';
import { loadKeyring } from '../../secrets/tokenVault.js';
import { requestSync } from '../../sync/syncService.js';
import type { ServerDeps } from '../deps.js';
import { ctxOf } from '../requestContext.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01');
export const syncBodySchema = z
  .object({ from: day.optional(), to: day.optional(), full: z.boolean().optional() })
  .strict();
export const syncRunsQuerySchema = z.object({
  connection_id: z.string().uuid('must be a connection id (uuid)').optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export function syncRoutes(deps: ServerDeps): Router {
  const router = Router();
  const keyring = () => deps.keyring ?? loadKeyring(deps.config);

  router.post('/connections/:id/sync', async (req, res, next) => {
    try {
      const ctx = ctxOf(res);
      const body = parseInput(syncBodySchema, req.body ?? {});
      const connection = await getConnection(deps.db, ctx.workspaceId, req.params.id);
      if (!connection) throw new NotFoundError(`connection ${req.params.id} not found`);
      const started = await requestSync(
        { db: deps.db, config: deps.config, keyring: keyring(), log: ctx.log, now: deps.now },
        { workspaceId: ctx.workspaceId, connectionId: connection.id, ...body },
      );
      res.status(202).json({ run_id: started.runId, already_running: started.alreadyRunning });
    } catch (err) {
      next(err);
    }
  });

  router.get('/sync-runs/:id', async (req, res, next) => {
    try {
      const run = await getSyncRun(deps.db, ctxOf(res).workspaceId, req.params.id);
      if (!run) throw new NotFoundError(`sync run ${req.params.id} not found`);
      res.json(run);
    } catch (err) {
      next(err);
    }
  });

  router.get('/sync-runs', async (req, res, next) => {
    try {
      const q = parseInput(syncRunsQuerySchema, req.query);
      const runs = await listSyncRuns(deps.db, ctxOf(res).workspaceId, {
        connectionId: q.connection_id,
        limit: q.limit,
      });
      res.json({ runs });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
