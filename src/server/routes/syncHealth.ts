// Automatic sync over REST: GET /api/sync-health (per connection: schedule, next run, unresolved
// failure, dead jobs) and POST /api/sync-jobs/:id/retry (a dead job back in the queue). Workspace-
// scoped: another workspace's job is simply not found.
import { Router } from 'express';
import { z } from 'zod';
import { syncHealth } from '../../db/syncHealth.js';
import { getJob } from '../../db/syncJobs.js';
import { AppError, ConflictError, NotFoundError } from '../../errors.js';
import { SYNC_QUEUE, TOKEN_QUEUE } from '../../sync/jobQueue.js';
import { deadJobSchema } from '../../tools/schemas.js';
import type { ServerDeps } from '../deps.js';
import { ctxOf } from '../requestContext.js';

export const syncHealthSchema = z.object({
  connections: z.array(
    z.object({
      connection_id: z.string(),
      schedule: z.string(),
      next_run: z.object({ at: z.string(), kind: z.string() }).nullable(),
      failure: z.object({ at: z.string(), reason: z.string() }).nullable(),
      dead_jobs: z.array(deadJobSchema),
    }),
  ),
});

class QueueUnavailableError extends AppError {
  override name = 'QueueUnavailableError';
  override readonly httpStatus = 503;
  override readonly code = 'unavailable';
}

export function syncHealthRoutes(deps: ServerDeps): Router {
  const router = Router();

  router.get('/sync-health', async (_req, res, next) => {
    try {
      const health = await syncHealth(deps.db, ctxOf(res).workspaceId);
      const body: z.input<typeof syncHealthSchema> = {
        connections: [...health].map(([connection_id, h]) => ({ connection_id, ...h })),
      };
      res.json(body);
    } catch (err) {
      next(err);
    }
  });

  router.post('/sync-jobs/:id/retry', async (req, res, next) => {
    try {
      const job = await getJob(deps.db, ctxOf(res).workspaceId, req.params.id);
      if (!job || (job.name !== SYNC_QUEUE && job.name !== TOKEN_QUEUE)) {
        throw new NotFoundError(`job ${req.params.id} not found`);
      }
      if (job.state !== 'failed') throw new ConflictError(`job ${job.id} is ${job.state}, not failed`);
      if (!deps.jobs) throw new QueueUnavailableError('the job queue is not running in this server');
      await (await deps.jobs()).retry(job.name, job.id);
      res.status(202).json({ id: job.id, state: 'retry' });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
