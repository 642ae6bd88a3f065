/**
 * `npm run db:migrate`: apply pending migrations to DATABASE_PATH (the service also does this
 * on start; this is for deployments that migrate as a separate step). Prints what it did.
 */
import { parseArgs } from 'node:util';
import { openDb } from '../storage/db.js';
import { migrationsFolder, runMigrations } from '../storage/migrate.js';
import { cliDatabase } from './cli-config.js';

const HELP = `Usage: npm run db:migrate [--create]

Applies every pending migration from migrations/ to the Waspada database
(the service's configuration: .env and the environment; DATABASE_PATH, default
./data/waspada.db). Already applied migrations are skipped, so running it twice is harmless.

Options:
  --create   create the database if DATABASE_PATH does not exist yet (else an error)
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
  let create = false;
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { help: { type: 'boolean', short: 'h' }, create: { type: 'boolean' } } });
    help = values.help === true;
    create = values.create === true;
  } catch (err) {
    process.stderr.write(`db:migrate: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (help) {
    process.stdout.write(HELP);
    return 0;
  }
  const target = cliDatabase('db:migrate', { create });
  if (!target.ok) {
    process.stderr.write(target.message);
    return target.exitCode;
  }
  const path = target.path;
  const created = !target.exists;
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
