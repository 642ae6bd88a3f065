/**
 * Applies drizzle-kit migrations from `migrations/`. Idempotent: applied ones are skipped.
 */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './db.js';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Apply every pending migration, in one transaction each (drizzle's migrator). */
export function runMigrations(db: Db, folder: string = migrationsFolder): void {
  migrate(db, { migrationsFolder: folder });
}
