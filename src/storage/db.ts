/**
 * Opens the SQLite database with the pragmas DESIGN.md asks for and wraps it in drizzle.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Open (creating if needed) the database file. `:memory:` works for tests.
 *
 * ```ts
 * const db = openDb('./data/waspada.db');
 * runMigrations(db);
 * ```
 */
export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('trusted_schema = OFF');
  return drizzle(sqlite, { schema }) as Db;
}

/** A cheap liveness probe for /health. */
export function pingDb(db: Db): boolean {
  try {
    return db.$client.prepare('select 1 as ok').get() !== undefined;
  } catch {
    return false;
  }
}
