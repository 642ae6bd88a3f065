/**
 * Which database the integration suite runs on: SQLite (default) or PostgreSQL when the vitest
 * project sets WASPADA_TEST_BACKEND=postgres (`npm test` runs the integration suite on both).
 */
import { inject } from 'vitest';
import { createTestDatabase } from './postgres.js';

export type Backend = 'sqlite' | 'postgres';

export const testBackend: Backend = process.env.WASPADA_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

/** A fresh PostgreSQL database on the run's temporary cluster. */
export async function freshPgDatabase(): Promise<string> {
  const base = inject('pgBaseUrl');
  if (!base) throw new Error('PostgreSQL tests need Debian\'s postgresql package (initdb/pg_ctl); .ci/run installs it');
  return createTestDatabase(base);
}

/**
 * Environment that puts a test app on the suite's backend: nothing on SQLite (DATABASE_PATH in the
 * test's folder is used), a fresh database's DATABASE_URL on PostgreSQL. Pass the previous URL to
 * restart on the same database.
 */
export async function backendEnv(previousUrl?: string): Promise<Record<string, string>> {
  if (testBackend !== 'postgres') return {};
  return { DATABASE_URL: previousUrl ?? (await freshPgDatabase()) };
}
