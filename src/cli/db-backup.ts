/**
 * `npm run db:backup -- FILE [--force]`: consistent online backup of DATABASE_PATH to FILE,
 * safe while the service runs. Prints size and duration. SQLite only: on PostgreSQL (DATABASE_URL)
 * it says to use pg_dump.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase, formatBytes } from '../storage/backup.js';
import { cliDatabase } from './cli-config.js';

const HELP = `Usage: npm run db:backup -- FILE [--force]

Copies the Waspada database (the service's configuration: .env and the environment;
DATABASE_PATH, default ./data/waspada.db; it must exist)
to FILE as one consistent snapshot. Safe while the service is running: it keeps
answering and writing; every report committed before the backup started is in FILE.
The copy is created with mode 0600 and checked with PRAGMA integrity_check.

Options:
  --force    overwrite FILE if it already exists (refused otherwise)
  -h, --help show this help

Restore:
  1. stop the service (it must not be writing);
  2. copy FILE over DATABASE_PATH (keep the old file aside until you have checked);
  3. delete DATABASE_PATH-wal and DATABASE_PATH-shm if they exist (they belong to the old file);
  4. start the service again (pending migrations are applied on start).
Evidence files live under DATA_DIR/media and are not in the database: back that folder up too.

PostgreSQL (DATABASE_URL set): not this tool; use pg_dump, which is consistent online too.
`;

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (err) {
    process.stderr.write(`db:backup: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [file, ...extra] = args.positionals;
  if (!file || extra.length) {
    process.stderr.write(`db:backup: ${file ? 'give exactly one FILE' : 'missing FILE: where should the backup go?'}\n\n${HELP}`);
    return 2;
  }
  const target = cliDatabase('db:backup', { create: false });
  if (!target.ok) {
    process.stderr.write(target.message);
    return target.exitCode;
  }
  if (target.path === null) {
    process.stderr.write(
      `db:backup: DATABASE_URL is set: this copies a SQLite file only. Back up ${target.where} with pg_dump (e.g. pg_dump -Fc -f FILE "$DATABASE_URL"), and DATA_DIR beside it.\n`,
    );
    return 2;
  }
  const source = target.path;
  const dest = resolve(file);
  try {
    const r = await backupDatabase(source, dest, { force: args.values.force, now: () => performance.now() });
    if (r.integrity !== 'ok') {
      process.stderr.write(`db:backup: the copy at ${dest} failed integrity_check: ${r.integrity}\n`);
      return 1;
    }
    process.stdout.write(
      `Backed up ${source} to ${dest}: ${formatBytes(r.bytes)} (${r.pages} pages) in ${Math.round(r.ms)} ms, integrity ok\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`db:backup: ${(err as Error).message}\n`);
    return 1;
  }
}

function parse() {
  return parseArgs({
    args: process.argv.slice(2),
    options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
  });
}

main().then((code) => {
  process.exitCode = code;
});
