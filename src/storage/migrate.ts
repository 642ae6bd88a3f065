/**
 * Applies drizzle-kit migrations from `migrations/`. Idempotent: applied ones are skipped.
 * The folder is found from the project root, so this works from `src/` (tsx) and `dist/src/` (build).
 */
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { projectRoot } from '../paths.js';
import type { Db } from './db.js';

export const migrationsFolder = join(projectRoot, 'migrations');

/** Apply every pending migration, in one transaction each (drizzle's migrator). */
export function runMigrations(db: Db, folder: string = migrationsFolder): void {
  migrate(db, { migrationsFolder: folder });
}
