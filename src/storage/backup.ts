/**
 * Consistent online backup of the SQLite database while the service keeps writing (WAL).
 * SQLite's backup API copies every page inside one read transaction, so the copy is the
 * database as of one commit: every transaction committed before the backup started is in it.
 *
 * SQLite only. On PostgreSQL (`DATABASE_URL`) the database is not a file of ours: `pg_dump`
 * (e.g. `pg_dump -Fc -f FILE "$DATABASE_URL"`) is the consistent online backup there, and
 * {@link backupStorage} says so instead of copying anything.
 */
import { chmodSync, closeSync, existsSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Storage } from './storage.js';

export type BackupResult = { bytes: number; ms: number; pages: number; integrity: string };

/**
 * Copy `source` to `dest`. Refuses to overwrite `dest` unless `force`. The copy is created
 * with mode 0600 (it holds everything the service holds) and checked with `PRAGMA integrity_check`.
 *
 * ```ts
 * const r = await backupDatabase('./data/waspada.db', '/backups/waspada-2026-11-28.db', { now: performance.now });
 * ```
 */
export async function backupDatabase(
  source: string,
  dest: string,
  opts: { force?: boolean; now: () => number },
): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`database ${source} does not exist (check DATABASE_PATH)`);
  if (!existsSync(dirname(dest))) throw new Error(`folder ${dirname(dest)} does not exist`);
  if (existsSync(dest) && !opts.force) throw new Error(`${dest} already exists; pass --force to overwrite it`);
  if (opts.force) for (const f of [`${dest}-wal`, `${dest}-shm`]) if (existsSync(f)) unlinkSync(f);
  // Create (or truncate) the target first so it is never readable by others, even for a moment.
  closeSync(openSync(dest, opts.force ? 'w' : 'wx', 0o600));
  chmodSync(dest, 0o600);

  const started = opts.now();
  // Not `readonly`: a read-only connection cannot always open a WAL database (it may need to
  // create the -shm file). Nothing is written through this connection.
  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    // The first step only sizes the copy; then copy all pages in ONE step, i.e. one read
    // transaction: a consistent snapshot, and no restarts however busy the writer is.
    const progress = await db.backup(dest, { progress: () => 0x7fffffff });
    pages = progress.totalPages;
  } finally {
    db.close();
  }
  const ms = opts.now() - started;
  const copy = new Database(dest, { fileMustExist: true });
  let integrity: string;
  try {
    // A backup is one self-contained file (no -wal beside it); the service turns WAL back on when it opens it.
    copy.pragma('journal_mode = DELETE');
    integrity = String(copy.pragma('integrity_check', { simple: true }));
  } finally {
    copy.close();
  }
  return { bytes: statSync(dest).size, ms, pages, integrity };
}

/** What to do instead on PostgreSQL: this module copies a SQLite file only. */
export const PG_BACKUP_ADVICE =
  'DATABASE_URL selects PostgreSQL: back it up with pg_dump (e.g. pg_dump -Fc -f FILE "$DATABASE_URL"), and DATA_DIR beside it; db:backup copies a SQLite file only.';

/**
 * Back up the database behind the storage port: SQLite's file through {@link backupDatabase};
 * on PostgreSQL an error carrying {@link PG_BACKUP_ADVICE} (nothing is written).
 *
 * ```ts
 * await backupStorage(app.storage, '/backups/waspada.db', { now: performance.now });
 * ```
 */
export async function backupStorage(s: Storage, dest: string, opts: { force?: boolean; now: () => number }): Promise<BackupResult> {
  const file = s.sqlite?.$client.name;
  if (!file || file === ':memory:') throw new Error(s.sqlite ? 'an in-memory database has no file to back up' : PG_BACKUP_ADVICE);
  return backupDatabase(file, dest, opts);
}

/** `1536` → `1.5 KiB`. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}
