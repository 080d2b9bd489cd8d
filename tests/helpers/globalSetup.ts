// Once per `vitest run`, before any worker starts: build the migrated templates (PGlite dump,
// PostgreSQL template database) so parallel workers copy them instead of racing to build them.
import { ADMIN_URL, backends } from './db.js';
import { pgliteTemplateBlob, pgTemplateName } from './templateDb.js';

export default async function setup(): Promise<void> {
  await pgliteTemplateBlob();
  if (backends.includes('pg')) await pgTemplateName(ADMIN_URL);
}
