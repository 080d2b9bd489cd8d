// `adnavi serve`: web chat + REST + WebSocket + MCP over HTTP on PORT.
import { answererOf, describeAnswerer } from '../assistant/answerer.js';
import { loadConfig } from '../config.js';
import { advertiseServer } from '../db/dataDirLock.js';
import { logger } from '../log.js';
import { type AppRuntime, openRuntime, serveAuthMode } from '../runtime.js';
import { startServer } from '../server/serve.js';
import { untilStopped } from '../shutdown.js';
import { ensurePortFree } from '../startupChecks.js';

export async function run(_args: string[]): Promise<void> {
  const config = loadConfig();
  await ensurePortFree(config.PORT, config.HOST);
  const runtime = await openRuntime(config, { demo: false });
  await serveUntilStopped(runtime);
}

/** Serves until SIGINT/SIGTERM, then closes the server and the runtime. */
export async function serveUntilStopped(
  runtime: AppRuntime,
  beforeClose?: () => Promise<void>,
): Promise<void> {
  const { config } = runtime;
  const server = await startServer(runtime.serverDeps(), config.PORT, config.HOST);
  // a second `adnavi ask` / `adnavi mcp` on this data dir forwards here instead of refusing
  if (runtime.db.kind === 'pglite') advertiseServer(server.url, serveAuthMode(config) === 'local');
  const answerer = answererOf(config);
  logger.info({ url: server.url, database: runtime.db.kind, demo: runtime.demo, answerer }, 'serving');
  console.error(`AdNavi is running at ${server.url} (Ctrl+C to stop)`);
  console.error(describeAnswerer(answerer));
  await untilStopped();
  await server.close();
  await beforeClose?.();
  await runtime.close();
}
