/**
 * `npm run db:migrate`: apply pending migrations to DATABASE_PATH (the service also does this
 * on start; this is for deployments that migrate as a separate step), or to DATABASE_URL's
 * PostgreSQL database. Prints what it did.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { join } from 'node:path';
import { migrateStorage, migrationsFolder } from '../storage/migrate.js';
import { openStorage, type Storage } from '../storage/storage.js';
import { cliDatabase } from './cli-config.js';

const HELP = `Usage: npm run db:migrate [--create]

Applies every pending migration to the Waspada database (the service's configuration: .env and
the environment; DATABASE_URL for PostgreSQL, from migrations/pg/; else DATABASE_PATH, default
./data/waspada.db, from migrations/). Already applied migrations are skipped, so running it
twice is harmless; instances migrating PostgreSQL at once take turns.

Options:
  --create   create the SQLite database if DATABASE_PATH does not exist yet (else an error)
  -h, --help show this help
`;

/** Migrations drizzle has recorded as applied (0 on a new database). */
async function appliedCount(s: Storage): Promise<number> {
  return s.run(async (q) => {
    if (s.dialect === 'postgres') {
      const [t] = await s.rows<{ t: string | null }>(q, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
      if (!t?.t) return 0;
      const [r] = await s.rows<{ n: number }>(q, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      return Number(r.n);
    }
    const t = await s.rows(q, sql`select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'`);
    if (!t.length) return 0;
    const [r] = await s.rows<{ n: number }>(q, sql`select count(*) as n from __drizzle_migrations`);
    return Number(r.n);
  });
}

async function main(): Promise<number> {
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
  const created = !target.exists;
  try {
    const storage = await openStorage({ DATABASE_URL: target.env.DATABASE_URL, DATABASE_PATH: target.path ?? target.env.DATABASE_PATH });
    try {
      const before = await appliedCount(storage);
      await migrateStorage(storage, { DATABASE_URL: target.env.DATABASE_URL });
      const after = await appliedCount(storage);
      const what =
        after === before
          ? `already up to date (${after} migration${after === 1 ? '' : 's'} applied)`
          : `applied ${after - before} migration${after - before === 1 ? '' : 's'} (${after} in total)`;
      const folder = storage.dialect === 'postgres' ? join(migrationsFolder, 'pg') : migrationsFolder;
      process.stdout.write(`${created ? 'Created' : 'Migrated'} ${target.where}: ${what} from ${folder}\n`);
    } finally {
      await storage.close();
    }
    return 0;
  } catch (err) {
    process.stderr.write(`db:migrate: ${(err as Error).message}\n`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
