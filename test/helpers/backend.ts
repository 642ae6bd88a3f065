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
