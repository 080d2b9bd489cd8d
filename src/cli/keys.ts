// `adnavi keys rotate`: re-encrypt stored tokens under ADNAVI_ENCRYPTION_KEY (old keys listed in
// ADNAVI_ENCRYPTION_KEYS_OLD stay readable meanwhile, so a running server keeps working).
// `adnavi keys create-api-key --name NAME [--workspace ID]`: a workspace API key, printed once.
import { z } from 'zod';
import { createApiKey } from '../auth/accounts.js';
import { loadConfig } from '../config.js';
import { openMigratedDb } from '../db/open.js';
import { rotateTokens } from '../db/tokens.js';
import { DEFAULT_WORKSPACE_ID, getWorkspace } from '../db/workspaces.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { loadKeyring } from '../secrets/tokenVault.js';
import { parseFlags } from './args.js';

export async function run(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'rotate') return rotate();
  if (sub === 'create-api-key') return createKey(rest);
  throw ValidationError.field(
    'command',
    'use "adnavi keys rotate" or "adnavi keys create-api-key --name NAME"',
  );
}

async function rotate(): Promise<void> {
  const config = loadConfig();
  const keyring = loadKeyring(config);
  const db = await openMigratedDb(config);
  try {
    const { rotated } = await rotateTokens(db, keyring);
    console.log(`Re-encrypted ${rotated} token(s) with key ${keyring.currentKeyId}.`);
    if (rotated > 0)
      console.log(
        'When every server runs with the new key, remove the old one from ADNAVI_ENCRYPTION_KEYS_OLD.',
      );
  } finally {
    await db.close();
  }
}

const createFlags = z.object({
  name: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(100),
  workspace: z.string().uuid('must be a workspace id (uuid)').default(DEFAULT_WORKSPACE_ID),
});

async function createKey(args: string[]): Promise<void> {
  const { flags } = parseFlags(
    args,
    { name: { type: 'string' }, workspace: { type: 'string' } },
    createFlags,
  );
  const config = loadConfig();
  const db = await openMigratedDb(config);
  try {
    if (!(await getWorkspace(db, flags.workspace)))
      throw new NotFoundError(`workspace ${flags.workspace} not found`);
    const { key, row } = await createApiKey(db, flags.workspace, flags.name, null);
    console.error(
      `API key "${row.name}" (${row.prefix}…) created for workspace ${row.workspace_id}. It is shown once:`,
    );
    console.log(key);
  } finally {
    await db.close();
  }
}
