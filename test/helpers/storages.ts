/**
 * Storages for repository tests on both backends: `n` handles on ONE fresh database, as `n`
 * instances would hold them (PostgreSQL: a fresh database on the run's temporary cluster, one pool
 * each; SQLite: one file, and by default the node's ONE storage `n` times — SQLite is one node by
 * design, and its queue is what keeps callers apart — or with `sqliteConnections` one connection
 * each), migrated, closed after the test.
 *
 * ```ts
 * const [a, b] = await openStorages('postgres', 2, closers);
 * ```
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateStorage } from '../../src/storage/migrate.js';
import { openPostgresStorage } from '../../src/storage/postgres.js';
import { openSqliteStorage, type Storage } from '../../src/storage/storage.js';
import { freshPgDatabase } from './backend.js';

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];

export async function openStorages(backend: Backend, n: number, closers: Array<() => unknown>, o: { sqliteConnections?: boolean } = {}): Promise<Storage[]> {
  const out: Storage[] = [];
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'waspada-storage-'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    for (let i = 0; i < (o.sqliteConnections ? n : 1); i++) {
      const s = openSqliteStorage(join(dir, 'w.db'));
      if (i === 0) await migrateStorage(s, {});
      closers.push(() => s.close());
      out.push(s);
    }
    return o.sqliteConnections ? out : Array.from({ length: n }, () => out[0] as Storage);
  }
  const url = await freshPgDatabase();
  for (let i = 0; i < n; i++) {
    const s = openPostgresStorage(url);
    if (i === 0) await migrateStorage(s, { DATABASE_URL: url });
    closers.push(() => s.close());
    out.push(s);
  }
  return out;
}
