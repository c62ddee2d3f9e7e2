import { loadEnv } from '../config/env.ts';
import { ensureDatabase } from '../store/ensure-database.ts';
import { migrate } from '../store/migrate.ts';

/** `npm run migrate`: creates the database if needed and applies pending migrations to DATABASE_URL. */
try {
  const env = loadEnv();
  if (await ensureDatabase(env.DATABASE_URL)) process.stderr.write('created the database\n');
  const applied = await migrate(env.DATABASE_URL);
  process.stderr.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
} catch (error) {
  process.stderr.write(`migrate failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
