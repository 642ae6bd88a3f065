/**
 * The storage port on both backends: a real SQLite file and a real PostgreSQL database on the run's
 * temporary cluster. What repositories rely on: migrations, commit/rollback, one transaction never
 * seeing another caller's statements, affected-row counts, and (PostgreSQL) a per-key lock that
 * serialises two instances' pools on one database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateStorage } from '../../../src/storage/migrate.js';
import { openPostgresStorage } from '../../../src/storage/postgres.js';
import { affected, openSqliteStorage, type Storage } from '../../../src/storage/storage.js';
import { freshPgDatabase } from '../../helpers/backend.js';

const opened: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

async function sqliteBackend(): Promise<Storage> {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-port-'));
  const s = openSqliteStorage(join(dir, 'w.db'));
  await migrateStorage(s, {});
  opened.push(() => rmSync(dir, { recursive: true, force: true }), () => s.close());
  return s;
}

async function pgBackend(url?: string): Promise<Storage & { url: string }> {
  const u = url ?? (await freshPgDatabase());
  const s = openPostgresStorage(u);
  await migrateStorage(s, { DATABASE_URL: u });
  opened.push(() => s.close());
  return Object.assign(s, { url: u });
}

describe.each([
  ['sqlite', sqliteBackend],
  ['postgres', () => pgBackend()],
] as const)('storage port on %s', (_name, open) => {
  it('commits a transaction, rolls back a failed one, and reads the same shapes back', async () => {
    const s = await open();
    const { meta, leases } = s.t;
    await s.tx(async (q) => {
      await q.insert(meta).values({ key: 'a', value: '1' });
      await q.insert(leases).values({ name: 'job', holder: 'i1', until: 1_764_000_000_000, lastRunAt: null });
    });
    await expect(
      s.tx(async (q) => {
        await q.insert(meta).values({ key: 'b', value: '2' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await s.run((q) => q.select().from(meta));
    expect(rows).toEqual([{ key: 'a', value: '1' }]);
    // Epoch milliseconds come back as numbers on both (PostgreSQL bigint included).
    const [lease] = await s.run((q) => q.select().from(leases).where(eq(leases.name, 'job')));
    expect(lease).toEqual({ name: 'job', holder: 'i1', until: 1_764_000_000_000, lastRunAt: null });
  });

  it('counts affected rows and keeps a unique row unique (dedupe)', async () => {
    const s = await open();
    const { processedUpdates } = s.t;
    const first = await s.run((q) => q.insert(processedUpdates).values({ channel: 'telegram', platformId: '1:1', processedAt: 1 }).onConflictDoNothing());
    const again = await s.run((q) => q.insert(processedUpdates).values({ channel: 'telegram', platformId: '1:1', processedAt: 2 }).onConflictDoNothing());
    expect([affected(first), affected(again)]).toEqual([1, 0]);
    const n = await s.run((q) => s.rows<{ n: number }>(q, sql`select count(*) as n from processed_updates`));
    expect(Number(n[0]?.n)).toBe(1);
  });

  it('never lets another caller\'s statement land inside an open transaction', async () => {
    const s = await open();
    const { meta } = s.t;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const failing = s.tx(async (q) => {
      await q.insert(meta).values({ key: 'inside', value: 'x' });
      await gate;
      throw new Error('rolled back');
    });
    // Issued while the transaction above is open and waiting.
    const outside = s.run((q) => q.insert(meta).values({ key: 'outside', value: 'y' }));
    setTimeout(release, 20);
    await expect(failing).rejects.toThrow('rolled back');
    await outside;
    const keys = (await s.run((q) => q.select().from(meta))).map((r) => r.key);
    expect(keys).toEqual(['outside']);
  });
});

describe('storage port on postgres: two instances on one database', () => {
  it('serialises work on one key across two pools with the transaction lock', async () => {
    const a = await pgBackend();
    const b = await pgBackend(a.url);
    const { meta } = a.t;
    await a.run((q) => q.insert(meta).values({ key: 'counter', value: '0' }));
    // Read-modify-write from both instances at once: without the lock, increments would be lost.
    const bump = (s: Storage) =>
      s.tx(async (q) => {
        await s.lock(q, 'pseudonym-1');
        const [row] = await q.select().from(s.t.meta).where(eq(s.t.meta.key, 'counter'));
        await new Promise((r) => setTimeout(r, 2));
        await q.update(s.t.meta).set({ value: String(Number(row?.value) + 1) }).where(eq(s.t.meta.key, 'counter'));
      });
    await Promise.all(Array.from({ length: 40 }, (_, i) => bump(i % 2 ? a : b)));
    const [row] = await b.run((q) => q.select().from(meta).where(eq(meta.key, 'counter')));
    expect(row?.value).toBe('40');
  });

  it('migrates once when two instances start together', async () => {
    const url = await freshPgDatabase();
    const a = openPostgresStorage(url);
    const b = openPostgresStorage(url);
    opened.push(() => a.close(), () => b.close());
    await Promise.all([migrateStorage(a, { DATABASE_URL: url }), migrateStorage(b, { DATABASE_URL: url })]);
    const n = await a.run((q) => a.rows<{ n: string }>(q, sql`select count(*) as n from drizzle.__drizzle_migrations`));
    expect(Number(n[0]?.n)).toBeGreaterThan(0);
    expect(await b.ping()).toBe(true);
  });
});
