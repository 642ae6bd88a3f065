/**
 * `npm run db:migrate`: apply pending migrations to DATABASE_PATH (the service also does this
 * on start; this is for deployments that migrate as a separate step). Prints what it did.
 */
import 'dotenv/config';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { envSchema } from '../config.js';
import { openDb } from '../storage/db.js';
import { migrationsFolder, runMigrations } from '../storage/migrate.js';

const HELP = `Usage: npm run db:migrate

Applies every pending migration from migrations/ to the Waspada database
(DATABASE_PATH, default ./data/waspada.db; .env is read). Creates the file if it
does not exist. Already applied migrations are skipped, so running it twice is harmless.

Options:
  -h, --help show this help
`;

function appliedCount(db: ReturnType<typeof openDb>): number {
  const table = db.$client
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!table) return 0;
  return (db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
}

function main(): number {
  let help = false;
  try {
    help = parseArgs({ args: process.argv.slice(2), options: { help: { type: 'boolean', short: 'h' } } }).values.help === true;
  } catch (err) {
    process.stderr.write(`db:migrate: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (help) {
    process.stdout.write(HELP);
    return 0;
  }
  const env = envSchema.pick({ DATABASE_PATH: true }).safeParse(process.env);
  if (!env.success) {
    process.stderr.write(`db:migrate: DATABASE_PATH: ${env.error.issues[0]?.message}\n`);
    return 2;
  }
  const path = resolve(env.data.DATABASE_PATH);
  const created = !existsSync(path);
  try {
    const db = openDb(path);
    try {
      const before = appliedCount(db);
      runMigrations(db);
      const after = appliedCount(db);
      const what =
        after === before
          ? `already up to date (${after} migration${after === 1 ? '' : 's'} applied)`
          : `applied ${after - before} migration${after - before === 1 ? '' : 's'} (${after} in total)`;
      process.stdout.write(`${created ? 'Created' : 'Migrated'} ${path}: ${what} from ${migrationsFolder}\n`);
    } finally {
      db.$client.close();
    }
    return 0;
  } catch (err) {
    process.stderr.write(`db:migrate: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main();
