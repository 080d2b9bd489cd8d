import { loadConfig } from '../config.js';
import { migrate, readMigrations } from '../db/migrate.js';
import { openDb } from '../db/open.js';

export async function run(_args: string[]): Promise<void> {
  const config = loadConfig();
  const db = await openDb(config);
  try {
    const applied = await migrate(db);
    const total = readMigrations().length;
    console.log(
      applied.length === 0
        ? `Database is up to date (${total} migrations, ${db.kind}).`
        : `Applied ${applied.length} migration(s): ${applied.join(', ')} (${db.kind}).`,
    );
  } finally {
    await db.close();
  }
}
