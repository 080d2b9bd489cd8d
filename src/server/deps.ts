import type { Assistant } from '../assistant/types.js';
import type { AuthMode } from '../auth/authenticate.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import type { Keyring } from '../secrets/tokenVault.js';
import type { JobQueue } from '../sync/jobQueue.js';

/** What the HTTP server needs; built once at start-up by the CLI. */
export interface ServerDeps {
  db: Db;
  config: Config;
  /**
   * 'local': bound to loopback, the default workspace needs no sign-in (credentials, when sent, still
   * count). 'required': every surface needs a session cookie or an API key. The CLI always sets it
   * (serveAuthMode); tests that omit it get 'local'.
   */
  authMode?: AuthMode;
  assistant?: Assistant;
  /** Keys for tokens at rest; loaded from config when absent. */
  keyring?: Keyring;
  /** The clock every tool and sync started from this server reads "today" from; default the real one. */
  now?: () => Date;
  /** The job queue (opened on first use), for retrying dead sync jobs; absent: retry answers 503. */
  jobs?: () => Promise<JobQueue>;
}
