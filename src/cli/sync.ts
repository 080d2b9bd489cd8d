// `adnavi sync [--connection ID] [--from DATE] [--to DATE] [--full]`: entity sync then metrics sync,
// for one connection or every connection of the default workspace. A progress bar on a terminal
// (stderr), one JSON line per progress step otherwise (stdout). Exits non-zero naming what failed.
import { z } from 'zod';
import { isoDateSchema } from '../calendar.js';
import { loadConfig } from '../config.js';
import { type ConnectionRow, getConnection, listConnections } from '../db/connections.js';
import { openMigratedDb } from '../db/open.js';
import { DEFAULT_WORKSPACE_ID } from '../db/workspaces.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { logger } from '../log.js';
import { tuneForSync } from '../processTuning.js';
import { loadKeyring } from '../secrets/tokenVault.js';
import { runSync, type SyncDeps, type SyncProgress } from '../sync/syncService.js';
import { parseFlags } from './args.js';

const flagsSchema = z.object({
  connection: z.string().uuid('must be a connection id (uuid)').optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  full: z.boolean().optional(),
});

const options = {
  connection: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  full: { type: 'boolean' },
} as const;

function progressBar(account: string, p: SyncProgress): string {
  const width = 30;
  const frac = p.step === 'done' ? 1 : p.windowsTotal > 0 ? p.windowsDone / p.windowsTotal : 0;
  const filled = Math.round(frac * width);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
  return `\r${account} [${bar}] ${p.step} ${p.windowsDone}/${p.windowsTotal} windows, ${p.rows.toLocaleString('en-US')} rows `;
}

function reporter(connection: ConnectionRow): (p: SyncProgress) => void {
  const account = connection.external_account_id;
  if (process.stderr.isTTY) return (p) => process.stderr.write(progressBar(account, p));
  return (p) =>
    console.log(
      JSON.stringify({
        connection_id: connection.id,
        account,
        run_id: p.runId,
        step: p.step,
        windows_done: p.windowsDone,
        windows_total: p.windowsTotal,
        rows: p.rows,
      }),
    );
}

export async function run(args: string[]): Promise<void> {
  const { flags } = parseFlags(args, options, flagsSchema);
  tuneForSync(); // a first sync within a memory budget (src/processTuning.ts)
  const config = loadConfig();
  const db = await openMigratedDb(config);
  try {
    const deps: SyncDeps = { db, config, keyring: loadKeyring(config), log: logger };
    const connections = flags.connection
      ? [await getConnection(db, DEFAULT_WORKSPACE_ID, flags.connection)]
      : await listConnections(db, DEFAULT_WORKSPACE_ID);
    if (connections[0] === undefined && flags.connection)
      throw new NotFoundError(`connection ${flags.connection} not found`);
    if (connections.length === 0) {
      throw ValidationError.field(
        'connection',
        'no ad account is connected yet: run adnavi connect meta --account act_ID',
      );
    }
    const failures: string[] = [];
    for (const connection of connections as ConnectionRow[]) {
      const req = { workspaceId: DEFAULT_WORKSPACE_ID, connectionId: connection.id, ...pick(flags) };
      try {
        const done = await runSync(deps, req, reporter(connection));
        if (process.stderr.isTTY) process.stderr.write('\n');
        console.log(
          JSON.stringify({
            connection_id: connection.id,
            run_id: done.id,
            status: done.status,
            stats: done.stats,
          }),
        );
      } catch (err) {
        if (process.stderr.isTTY) process.stderr.write('\n');
        failures.push(
          `${connection.external_account_id}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    if (failures.length > 0) {
      console.error(`adnavi: sync failed for ${failures.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
}

function pick(flags: z.output<typeof flagsSchema>): { from?: string; to?: string; full?: boolean } {
  return { from: flags.from, to: flags.to, full: flags.full };
}
