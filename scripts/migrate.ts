// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded
// PGlite under DATA_DIR) and exits. The app also does this on start.
import { openDatabase } from '@/lib/db/client';
import { listMigrations } from '@/lib/db/migrate';

async function main() {
  const db = await openDatabase();
  const rows = await db.query<{ version: string }>('select version from app.schema_migrations order by version');
  console.log(`${db.kind}: ${rows.length}/${listMigrations().length} migrations applied; pgvector ${db.vectorAvailable ? 'on' : 'off'}`);
  await db.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
