/**
 * Storages on ONE database, standing for instances of the service: on PostgreSQL one pool per
 * instance on a fresh database of the run's temporary cluster. SQLite is one node by design (several
 * instances need PostgreSQL, CONTRACT.md `DATABASE_URL`): there every "instance" is the node's one
 * storage, whose queue is what keeps its callers apart (two connections in one process would block
 * the event loop on each other's write lock). Migrated once; closed and removed by
 * `closeInstances()` (call it in afterEach).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateStorage } from '../../src/storage/migrate.js';
import { openPostgresStorage } from '../../src/storage/postgres.js';
import { openSqliteStorage, type Storage } from '../../src/storage/storage.js';
import { freshPgDatabase } from './backend.js';

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type BackendName = (typeof BACKENDS)[number];

const closers: Array<() => unknown> = [];

/** `n` storages on one fresh, migrated database of `backend`. */
export async function openInstances(backend: BackendName, n: number): Promise<Storage[]> {
  const out: Storage[] = [];
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'waspada-inst-'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    const s = openSqliteStorage(join(dir, 'w.db'));
    await migrateStorage(s, {});
    closers.push(() => s.close());
    return Array.from({ length: n }, () => s);
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

/** One storage on a fresh database of `backend`. */
export async function openInstance(backend: BackendName): Promise<Storage> {
  const [s] = await openInstances(backend, 1);
  return s;
}

export async function closeInstances(): Promise<void> {
  for (const c of closers.splice(0).reverse()) await c();
}
