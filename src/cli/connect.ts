// `adnavi connect meta --account act_ID [--token TOKEN]`: checks the token against the account,
// stores it encrypted and prints the connection id (stdout). The token itself is never printed.
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { openMigratedDb } from '../db/open.js';
import { DEFAULT_WORKSPACE_ID } from '../db/workspaces.js';
import { ValidationError } from '../errors.js';
import { logger } from '../log.js';
import { loadKeyring } from '../secrets/tokenVault.js';
import { connectMetaAccount } from '../sync/connect.js';
import { parseFlags } from './args.js';

const flagsSchema = z.object({
  account: z.string({ error: 'is required (e.g. --account act_1234567890)' }),
  token: z.string().optional(),
});

const options = { account: { type: 'string' }, token: { type: 'string' } } as const;

export async function run(args: string[]): Promise<void> {
  const { flags, positionals } = parseFlags(args, options, flagsSchema);
  if (positionals[0] !== 'meta')
    throw ValidationError.field('provider', 'only "meta" is supported: adnavi connect meta --account act_ID');
  const config = loadConfig();
  const token = flags.token ?? config.META_ACCESS_TOKEN;
  if (!token) throw ValidationError.field('--token', 'is required (or set META_ACCESS_TOKEN)');
  const db = await openMigratedDb(config);
  try {
    const deps = { db, config, keyring: loadKeyring(config), log: logger };
    const connection = await connectMetaAccount(deps, {
      workspaceId: DEFAULT_WORKSPACE_ID,
      accountId: flags.account,
      token,
    });
    console.error(
      `Connected ${connection.external_account_id} (${connection.name ?? 'unnamed'}, ${connection.currency}, ${connection.time_zone}).`,
    );
    console.log(connection.id);
  } finally {
    await db.close();
  }
}
