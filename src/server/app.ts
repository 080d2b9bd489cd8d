// The express app: REST API, static web files. Thin: routes parse input and call into the layers.
import express from 'express';
import type { ServerDeps } from './deps.js';
import { errorHandler } from './httpErrors.js';
import { requestContext } from './requestContext.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';

export function createApp(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext);
  app.use(healthRoutes(deps));
  app.use('/api', express.json({ limit: '8mb' }));
  app.use('/api', ingestRoutes(deps));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such API route' } });
  });
  app.use(errorHandler);
  return app;
}
