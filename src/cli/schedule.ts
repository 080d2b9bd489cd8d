// `adnavi schedule`: lists each connection's sync schedule (times in the account's zone, next runs),
// or edits one with --connection ID and the settings to change. Thin: flags → src/db/syncSchedules.
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { listConnections } from '../db/connections.js';
import { openMigratedDb } from '../db/open.js';
import { ensureSchedules, listSchedules, type SyncScheduleRow, updateSchedule } from '../db/syncSchedules.js';
import { DEFAULT_WORKSPACE_ID } from '../db/workspaces.js';
import { NotFoundError } from '../errors.js';
import { parseFlags } from './args.js';

const flagsSchema = z.object({
  connection: z.uuid('must be a connection id (uuid)').optional(),
  'intraday-minutes': z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 15 && n <= 1440), 'must be 0 (off) or 15 to 1440')
    .optional(),
  'lookback-at': z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 03:00')
    .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3)))
    .optional(),
  'token-check-hours': z.coerce.number().int().min(1).max(168).optional(),
  'backfill-limit-days': z.coerce.number().int().min(91).max(1127).optional(),
  'backfill-slice-days': z.coerce.number().int().min(1).max(366).optional(),
  enable: z.boolean().optional(),
  disable: z.boolean().optional(),
  json: z.boolean().optional(),
});

const options = {
  connection: { type: 'string' },
  'intraday-minutes': { type: 'string' },
  'lookback-at': { type: 'string' },
  'token-check-hours': { type: 'string' },
  'backfill-limit-days': { type: 'string' },
  'backfill-slice-days': { type: 'string' },
  enable: { type: 'boolean' },
  disable: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function local(at: Date | null, zone: string): string {
  if (!at) return 'on the next scheduler tick';
  return `${at.toLocaleString('sv-SE', { timeZone: zone })} ${zone}`;
}

function describe(s: SyncScheduleRow, account: string, zone: string): string {
  return [
    `${account} (${s.connection_id})${s.enabled ? '' : ' — disabled'}`,
    `  intraday: ${s.intraday_every_minutes ? `every ${s.intraday_every_minutes} min, next ${local(s.next_intraday_at, zone)}` : 'off'}`,
    `  lookback: daily at ${hhmm(s.lookback_at_minute)}, next ${local(s.next_lookback_at, zone)}`,
    `  token check: every ${s.token_check_every_hours} h, next ${local(s.next_token_check_at, zone)}`,
    `  history: up to ${s.backfill_limit_days} days back, ${s.backfill_slice_days} days per slice`,
  ].join('\n');
}

export async function run(args: string[]): Promise<void> {
  const { flags } = parseFlags(args, options, flagsSchema);
  const db = await openMigratedDb(loadConfig());
  try {
    await ensureSchedules(db);
    if (flags.connection) {
      const changed = await updateSchedule(db, DEFAULT_WORKSPACE_ID, flags.connection, {
        enabled: flags.enable ? true : flags.disable ? false : undefined,
        intraday_every_minutes: flags['intraday-minutes'],
        lookback_at_minute: flags['lookback-at'],
        token_check_every_hours: flags['token-check-hours'],
        backfill_limit_days: flags['backfill-limit-days'],
        backfill_slice_days: flags['backfill-slice-days'],
      });
      if (!changed) throw new NotFoundError(`connection ${flags.connection} not found`);
    }
    const connections = new Map((await listConnections(db, DEFAULT_WORKSPACE_ID)).map((c) => [c.id, c]));
    const schedules = (await listSchedules(db, DEFAULT_WORKSPACE_ID)).filter(
      (s) => !flags.connection || s.connection_id === flags.connection,
    );
    if (flags.json) {
      console.log(JSON.stringify(schedules, null, 2));
      return;
    }
    if (schedules.length === 0) console.log('No connections yet: adnavi connect meta --account act_ID');
    for (const s of schedules) {
      const c = connections.get(s.connection_id);
      console.log(describe(s, c?.name ?? c?.external_account_id ?? '?', c?.time_zone ?? 'UTC'));
    }
  } finally {
    await db.close();
  }
}
