/**
 * Cluster-wide leases on both backends, with two storages on one database standing for two
 * instances: a periodic job runs once per interval, a lease has one holder until it lapses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimRun, holdLease, releaseLease } from '../../../src/storage/leases.js';
import { migrateStorage } from '../../../src/storage/migrate.js';
import { openPostgresStorage } from '../../../src/storage/postgres.js';
import { openSqliteStorage, type Storage } from '../../../src/storage/storage.js';
import { freshPgDatabase } from '../../helpers/backend.js';

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** Two handles on one database, as two instances would hold. */
async function twoInstances(backend: 'sqlite' | 'postgres'): Promise<[Storage, Storage]> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'waspada-lease-'));
    const a = openSqliteStorage(join(dir, 'w.db'));
    await migrateStorage(a, {});
    const b = openSqliteStorage(join(dir, 'w.db'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }), () => a.close(), () => b.close());
    return [a, b];
  }
  const url = await freshPgDatabase();
  const a = openPostgresStorage(url);
  await migrateStorage(a, { DATABASE_URL: url });
  const b = openPostgresStorage(url);
  closers.push(() => a.close(), () => b.close());
  return [a, b];
}

describe.each(['sqlite', 'postgres'] as const)('leases on %s', (backend) => {
  it('runs a periodic job once per interval across instances, racing or not', async () => {
    const [a, b] = await twoInstances(backend);
    const t0 = 1_764_000_000_000;
    const first = await Promise.all([claimRun(a, 'digest', t0, 60_000, 'a'), claimRun(b, 'digest', t0, 60_000, 'b'), claimRun(a, 'digest', t0, 60_000, 'a2')]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await claimRun(b, 'digest', t0 + 59_999, 60_000, 'b')).toBe(false);
    expect(await claimRun(b, 'digest', t0 + 60_000, 60_000, 'b')).toBe(true);
    // Another job has its own interval.
    expect(await claimRun(a, 'retention', t0 + 60_000, 3_600_000, 'a')).toBe(true);
  });

  it('gives a lease one holder, renews it, and hands it over when it lapses or is released', async () => {
    const [a, b] = await twoInstances(backend);
    const t0 = 1_764_000_000_000;
    expect(await holdLease(a, 'whatsapp', t0, 30_000, 'a')).toBe(true);
    expect(await holdLease(b, 'whatsapp', t0 + 1_000, 30_000, 'b')).toBe(false);
    expect(await holdLease(a, 'whatsapp', t0 + 20_000, 30_000, 'a')).toBe(true); // renewed to t0+50 s
    expect(await holdLease(b, 'whatsapp', t0 + 40_000, 30_000, 'b')).toBe(false);
    // The holder dies (no renewal): the other takes over once it lapses.
    expect(await holdLease(b, 'whatsapp', t0 + 50_001, 30_000, 'b')).toBe(true);
    expect(await holdLease(a, 'whatsapp', t0 + 50_002, 30_000, 'a')).toBe(false);
    await releaseLease(b, 'whatsapp', 'b');
    expect(await holdLease(a, 'whatsapp', t0 + 50_003, 30_000, 'a')).toBe(true);
  });
});
