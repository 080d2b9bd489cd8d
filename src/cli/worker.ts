// `adnavi worker [--concurrency N] [--no-scheduler]`: runs queued jobs (syncs, backfill slices, token
// checks) until SIGINT/SIGTERM. Start any number, on one machine or many, against one PostgreSQL;
// with REDIS_URL set they share each ad account's Graph budget. Thin: parses flags, starts
// src/sync/background.ts.
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { openMigratedDb } from '../db/open.js';
import { logger } from '../log.js';
import { loadKeyring } from '../secrets/tokenVault.js';
import { untilStopped } from '../shutdown.js';
import { startBackgroundSync } from '../sync/background.js';
import { parseFlags } from './args.js';

const flagsSchema = z.object({
  concurrency: z.coerce.number().int().min(1).max(64).default(2),
  'no-scheduler': z.boolean().optional(),
});

export async function run(args: string[]): Promise<void> {
  const { flags } = parseFlags(
    args,
    {
      concurrency: { type: 'string' },
      'no-scheduler': { type: 'boolean' },
    },
    flagsSchema,
  );
  const config = loadConfig();
  const db = await openMigratedDb(config);
  const log = logger.child({ worker: process.pid });
  const background = await startBackgroundSync(
    { db, config, keyring: loadKeyring(config), log },
    { concurrency: flags.concurrency, scheduler: !flags['no-scheduler'] },
  );
  log.info({ concurrency: flags.concurrency, database: db.kind }, 'worker started');
  await untilStopped();
  await background.stop();
  await db.close();
}
