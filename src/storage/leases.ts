/**
 * Cluster-wide leases on the `leases` table, the same SQL on SQLite and PostgreSQL:
 * - `claimRun`: a periodic job (escalation, digest, retention, idle sweep) runs once per interval
 *   across every instance on one database — the instance whose conditional update wins runs it;
 * - `holdLease`: one holder at a time for a named resource (WhatsApp's one socket per number),
 *   renewed by the holder and taken over by another instance once it lapses (a crashed holder).
 * A conditional UPDATE is atomic on both backends (PostgreSQL re-checks the WHERE after the row
 * lock), so two instances never both win.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { affected, type Storage } from './storage.js';

/** This process among the instances sharing a database (logs and lease holders; no personal data). */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * Claim this interval's run of job `name`: true for exactly one caller per `intervalMs` across
 * instances. A run claimed at `now` blocks further claims until `now + intervalMs`.
 */
export async function claimRun(s: Storage, name: string, now: number, intervalMs: number, holder: string = INSTANCE_ID): Promise<boolean> {
  const { leases } = s.t;
  return s.run(async (q) => {
    await q.insert(leases).values({ name, holder, until: 0, lastRunAt: null }).onConflictDoNothing();
    const r = await q
      .update(leases)
      .set({ holder, lastRunAt: now, until: now + intervalMs })
      .where(and(eq(leases.name, name), or(isNull(leases.lastRunAt), lte(leases.until, now))));
    return affected(r) === 1;
  });
}

/**
 * Take or renew lease `name` for `ttlMs`: true while this holder has it. Free, lapsed or already
 * ours → ours; held by a live other → false.
 */
export async function holdLease(s: Storage, name: string, now: number, ttlMs: number, holder: string = INSTANCE_ID): Promise<boolean> {
  const { leases } = s.t;
  return s.run(async (q) => {
    await q.insert(leases).values({ name, holder, until: 0, lastRunAt: null }).onConflictDoNothing();
    const r = await q
      .update(leases)
      .set({ holder, until: now + ttlMs })
      .where(and(eq(leases.name, name), or(eq(leases.holder, holder), lt(leases.until, now))));
    return affected(r) === 1;
  });
}

/** Give lease `name` up at once (graceful shutdown), if this holder has it. */
export async function releaseLease(s: Storage, name: string, holder: string = INSTANCE_ID): Promise<void> {
  const { leases } = s.t;
  await s.run((q) => q.update(leases).set({ until: 0 }).where(and(eq(leases.name, name), eq(leases.holder, holder))));
}
