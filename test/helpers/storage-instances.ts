/**
 * Storages on ONE database standing for instances of the service (test/helpers/storages.ts): on
 * PostgreSQL one pool per instance on a fresh database; on SQLite (one node by design) every
 * "instance" is the node's one storage. Closed and removed by `closeInstances()` (call it in
 * afterEach).
 */
import type { Storage } from '../../src/storage/storage.js';
import { type Backend, BACKENDS as ALL, openStorages } from './storages.js';

export const BACKENDS = ALL;
export type BackendName = Backend;

const closers: Array<() => unknown> = [];

/** `n` storages on one fresh, migrated database of `backend`. */
export function openInstances(backend: BackendName, n: number): Promise<Storage[]> {
  return openStorages(backend, n, closers);
}

/** One storage on a fresh database of `backend`. */
export async function openInstance(backend: BackendName): Promise<Storage> {
  const [s] = await openInstances(backend, 1);
  return s as Storage;
}

export async function closeInstances(): Promise<void> {
  for (const c of closers.splice(0).reverse()) await c();
}
