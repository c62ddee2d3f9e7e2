import { migrate } from '../../src/store/migrate.ts';
import { admin, databaseUrl, TEMPLATE } from './databases.ts';

/** Run once before the suite: a migrated template that every test file copies. */
await admin(async (c) => {
  await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${TEMPLATE}`);
});
await migrate(databaseUrl(TEMPLATE));
process.stderr.write(`test template ${TEMPLATE} migrated\n`);
