/**
 * Applies drizzle-kit migrations: `migrations/` for SQLite, `migrations/pg/` for PostgreSQL.
 * Idempotent: applied ones are skipped. The folders are found from the project root, so this works
 * from `src/` (tsx) and `dist/src/` (build).
 */
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { projectRoot } from '../paths.js';
import type { Db } from './db.js';
import type { Storage } from './storage.js';

export const migrationsFolder = join(projectRoot, 'migrations');

/** Apply every pending SQLite migration, in one transaction each (drizzle's migrator). */
export function runMigrations(db: Db, folder: string = migrationsFolder): void {
  migrate(db, { migrationsFolder: folder });
}

/** Apply every pending migration of the storage's dialect (PostgreSQL: one instance at a time). */
export async function migrateStorage(storage: Storage, config: { DATABASE_URL?: string }): Promise<void> {
  if (storage.sqlite) return runMigrations(storage.sqlite);
  if (!config.DATABASE_URL) throw new Error('PostgreSQL storage without DATABASE_URL');
  const { migratePostgres } = await import('./postgres.js');
  await migratePostgres(config.DATABASE_URL);
}
