import { Router } from 'express';
import { sql } from '../../db/sql.js';
import type { ServerDeps } from '../deps.js';

export function healthRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res, next) => {
    try {
      await deps.db.query(sql`select 1`);
      res.json({ ok: true, database: deps.db.kind });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
