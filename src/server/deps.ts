import type { Assistant } from '../assistant/types.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';

/** What the HTTP server needs; built once at start-up by the CLI. */
export interface ServerDeps {
  db: Db;
  config: Config;
  /** Demo mode: the local default workspace needs no sign-in when bound to loopback. */
  demo: boolean;
  assistant?: Assistant;
}

/** The default workspace created by the first migration (demo mode and single-user installs). */
export const DEFAULT_WORKSPACE_ID = '00000000-0000-4000-8000-000000000001';
