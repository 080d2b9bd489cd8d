// The express app: REST API, static web files. Thin: routes parse input and call into the layers.
import express from 'express';
import { asRequest } from '../db/requestOrder.js';
import { mcpRouter } from '../mcp/httpTransport.js';
import { csrfGuard } from './csrf.js';
import type { ServerDeps } from './deps.js';
import { defaultAllowedHosts, hostAllowList } from './hostAllowList.js';
import { errorHandler } from './httpErrors.js';
import { openApiDocument } from './openApi.js';
import { apiRateLimit, securityHeaders } from './protection.js';
import { requestContext, requireCaller } from './requestContext.js';
import { authRoutes, PUBLIC_AUTH_PATHS } from './routes/auth.js';
import { conversationRoutes } from './routes/conversations.js';
import { dataApiRoutes } from './routes/dataApi.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';
import { oauthRoutes } from './routes/oauth.js';
import { syncRoutes } from './routes/sync.js';
import { syncHealthRoutes } from './routes/syncHealth.js';
import { webAppRoutes } from './routes/webApp.js';

export function createApp(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For/-Proto are believed only from the proxies ADNAVI_TRUST_PROXY names: otherwise any
  // caller could pick its own address (a fresh rate-limit bucket per header)
  app.set('trust proxy', deps.config.ADNAVI_TRUST_PROXY);
  const allowedHosts = defaultAllowedHosts(deps.config);
  app.use((_req, _res, next) => asRequest(next)); // the embedded database serves older requests first
  app.use(securityHeaders());
  app.use(hostAllowList(allowedHosts));
  app.use(requestContext(deps));
  app.use(healthRoutes(deps));
  app.use('/mcp', apiRateLimit(deps.config.ADNAVI_RATE_LIMIT), mcpRouter(deps));
  app.use('/api', apiRateLimit(deps.config.ADNAVI_RATE_LIMIT), express.json({ limit: '8mb' }));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.use('/api', csrfGuard(allowedHosts));
  app.use('/api', requireCaller(PUBLIC_AUTH_PATHS));
  app.use('/api', authRoutes(deps));
  app.use('/api', oauthRoutes(deps));
  app.use('/api', ingestRoutes(deps));
  app.use('/api', syncRoutes(deps));
  app.use('/api', syncHealthRoutes(deps));
  app.use('/api', dataApiRoutes(deps));
  app.use('/api', conversationRoutes(deps));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'no such API route' } });
  });
  app.use(webAppRoutes());
  app.use(errorHandler);
  return app;
}
