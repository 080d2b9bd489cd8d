// The express app: REST API, static web files. Thin: routes parse input and call into the layers.
import express from 'express';
import { mcpRouter } from '../mcp/httpTransport.js';
import type { ServerDeps } from './deps.js';
import { errorHandler } from './httpErrors.js';
import { openApiDocument } from './openApi.js';
import { apiRateLimit, securityHeaders } from './protection.js';
import { requestContext, requireCaller } from './requestContext.js';
import { authRoutes, PUBLIC_AUTH_PATHS } from './routes/auth.js';
import { dataApiRoutes } from './routes/dataApi.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';
import { oauthRoutes } from './routes/oauth.js';
import { syncRoutes } from './routes/sync.js';
import { webAppRoutes } from './routes/webApp.js';

export function createApp(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // a TLS-terminating proxy on this machine tells us the request was https (so cookies get Secure)
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());
  app.use(requestContext(deps));
  app.use(healthRoutes(deps));
  app.use('/mcp', apiRateLimit(deps.config.ADNAVI_RATE_LIMIT), mcpRouter(deps));
  app.use('/api', apiRateLimit(deps.config.ADNAVI_RATE_LIMIT), express.json({ limit: '8mb' }));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.use('/api', requireCaller(PUBLIC_AUTH_PATHS));
  app.use('/api', authRoutes(deps));
  app.use('/api', oauthRoutes(deps));
  app.use('/api', ingestRoutes(deps));
  app.use('/api', syncRoutes(deps));
  app.use('/api', dataApiRoutes(deps));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such API route' } });
  });
  app.use(webAppRoutes());
  app.use(errorHandler);
  return app;
}
