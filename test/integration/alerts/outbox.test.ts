/**
 * The outbox worker on both backends (the storage port): retries, dead letters, rate limits,
 * restarts, leases — and, with two handles on one database standing for two instances, each row
 * delivered exactly once while both workers run.
 */
import { eq } from 'drizzle-orm';
import { GrammyError } from 'grammy';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createOutboxWorker, DeferDeliveryError, enqueueJob, type OutboxHandler, type OutboxRow } from '../../../src/alerts/outbox.js';
import type { Storage } from '../../../src/storage/storage.js';
import { fakeClock, tempStorage } from '../../helpers/alerts-fixtures.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.useRealTimers();
  while (cleanups.length) await cleanups.pop()?.();
});

const row = async (s: Storage, key: string): Promise<OutboxRow> => {
  const [r] = await s.run((q) => q.select().from(s.t.outbox).where(eq(s.t.outbox.idempotencyKey, key)));
  return r;
};
const add = (s: Storage, key: string, payload: unknown = {}, now = 0, runAt?: number) =>
  s.tx((q) => enqueueJob(s, q, { kind: 'k', payload, idempotencyKey: key, now, runAt }));
const tooMany = (seconds: number) =>
  new GrammyError(
    'Call to sendMessage failed',
    { ok: false, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } },
    'sendMessage',
    {},
  );

describe('backoffDelay', () => {
  it('uses full jitter under an exponential cap, and never goes below retry_after', () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 10_000 };
    expect(backoffDelay({ ...o, attempts: 1, random: () => 0.999 })).toBe(999);
    expect(backoffDelay({ ...o, attempts: 3, random: () => 0.5 })).toBe(2000);
    expect(backoffDelay({ ...o, attempts: 20, random: () => 0.5 })).toBe(5000);
    expect(backoffDelay({ ...o, attempts: 1, random: () => 0 })).toBe(0);
    expect(backoffDelay({ ...o, attempts: 1, random: () => 0.5, retryAfterMs: 30_000 })).toBe(30_000);
  });
});

describe.each(['sqlite', 'postgres'] as const)('outbox on %s', (backend) => {
  async function setup() {
    const t = await tempStorage(backend);
    cleanups.push(t.cleanup);
    return t;
  }

  it('enqueues once per idempotency key', async () => {
    const { s } = await setup();
    expect(await add(s, 'x', { a: 1 }, 5)).toBe(true);
    expect(await add(s, 'x', { a: 2 }, 6)).toBe(false);
    expect(await s.run((q) => q.select().from(s.t.outbox))).toHaveLength(1);
    expect((await row(s, 'x')).payload).toEqual({ a: 1 });
  });

  it('retries with backoff and jitter on the injected clock, then delivers once', async () => {
    const { s } = await setup();
    const clock = fakeClock(1_000_000);
    let calls = 0;
    const handler: OutboxHandler = async () => {
      calls++;
      if (calls < 3) throw new Error('boom');
      return { platformMessageId: '42' };
    };
    const worker = createOutboxWorker({ storage: s, clock, handlers: { k: handler }, baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 });
    await add(s, 'a', {}, clock());

    await worker.tick();
    expect(calls).toBe(1);
    expect(await row(s, 'a')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: 1_000_500, lastError: 'Error: boom' });

    clock.advance(499);
    await worker.tick();
    expect(calls).toBe(1); // not due yet

    clock.advance(1);
    await worker.tick();
    expect(calls).toBe(2);
    expect((await row(s, 'a')).nextAttemptAt).toBe(clock() + 1000); // 0.5 × 2000

    clock.advance(1000);
    await worker.tick();
    expect(calls).toBe(3);
    expect(await row(s, 'a')).toMatchObject({ status: 'delivered', platformMessageId: '42', deliveredAt: clock(), lastError: null });

    clock.advance(3_600_000);
    await worker.tick();
    expect(calls).toBe(3);
    expect(await worker.counts()).toEqual({ pending: 0, dead: 0 });
  });

  it('hands a row it cannot send (another instance holds the session) back without counting an attempt', async () => {
    const { s } = await setup();
    const clock = fakeClock();
    let standby = true;
    const handler = vi.fn(async () => {
      if (standby) throw new DeferDeliveryError('whatsapp: another instance holds the session', 2_000);
      return { platformMessageId: 'wa-1' };
    });
    const worker = createOutboxWorker({ storage: s, clock, handlers: { k: handler }, maxAttempts: 2 });
    await add(s, 'a', {}, clock());
    // Far more refusals than maxAttempts: never dead-lettered, never counted.
    for (let i = 0; i < 5; i++) {
      await worker.tick();
      expect(await row(s, 'a')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: clock() + 2_000, leasedUntil: null });
      clock.advance(2_000);
    }
    standby = false;
    await worker.tick();
    expect(await row(s, 'a')).toMatchObject({ status: 'delivered', attempts: 1, platformMessageId: 'wa-1' });
    expect(handler).toHaveBeenCalledTimes(6);
  });

  it('dead-letters after maxAttempts and reports it', async () => {
    const { s } = await setup();
    const clock = fakeClock();
    const handler = vi.fn(async () => {
      throw new Error('down');
    });
    const worker = createOutboxWorker({ storage: s, clock, handlers: { k: handler }, maxAttempts: 3, random: () => 1 - 1e-9 });
    await add(s, 'a', {}, clock());
    for (let i = 0; i < 10; i++) {
      await worker.tick();
      clock.advance(3_600_000);
    }
    expect(handler).toHaveBeenCalledTimes(3);
    expect(await row(s, 'a')).toMatchObject({ status: 'dead', attempts: 3 });
    expect(await worker.deadCount()).toBe(1);
    expect(await worker.counts()).toEqual({ pending: 0, dead: 1 });
  });

  it("honours Telegram's retry_after and pauses the other rows too", async () => {
    const { s } = await setup();
    const clock = fakeClock(0);
    const sent: string[] = [];
    let limited = true;
    const handler: OutboxHandler = async (p) => {
      if (limited) {
        limited = false;
        throw tooMany(30);
      }
      sent.push((p as { n: string }).n);
      return {};
    };
    const worker = createOutboxWorker({ storage: s, clock, handlers: { k: handler }, baseDelayMs: 10, random: () => 0 });
    await add(s, 'one', { n: 'one' });
    await add(s, 'two', { n: 'two' });

    await worker.tick();
    expect(await row(s, 'one')).toMatchObject({ status: 'pending', nextAttemptAt: 30_000 });
    expect(await row(s, 'two')).toMatchObject({ status: 'pending', attempts: 0 }); // not tried into a rate limit

    clock.set(29_999);
    await worker.tick();
    expect(sent).toEqual([]);

    clock.set(30_000);
    await worker.tick();
    expect(sent).toEqual(['one', 'two']);
  });

  it('dead-letters at once when retrying cannot help (Telegram 403)', async () => {
    const { s } = await setup();
    const clock = fakeClock();
    const forbidden = new GrammyError('x', { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'sendMessage', {});
    const worker = createOutboxWorker({ storage: s, clock, handlers: { k: async () => Promise.reject(forbidden) } });
    await add(s, 'a', {}, clock());
    await worker.tick();
    expect(await row(s, 'a')).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('survives a restart: fails on one handle, a new worker on the same database delivers exactly once', async () => {
    const t = await setup();
    const clock = fakeClock(0);
    const deliveries: string[] = [];
    const first = createOutboxWorker({ storage: t.s, clock, handlers: { k: async () => Promise.reject(new Error('network down')) }, random: () => 0.5 });
    await add(t.s, 'alert:T1', { tipId: 'T1' });
    await first.tick();
    await first.stop();
    await t.s.close(); // the process dies

    const s2 = t.another();
    const ok: OutboxHandler = async (p) => {
      deliveries.push((p as { tipId: string }).tipId);
      return { platformMessageId: `m${deliveries.length}` };
    };
    const second = createOutboxWorker({ storage: s2, clock, handlers: { k: ok }, random: () => 0.5 });
    await second.tick();
    expect(deliveries).toEqual([]); // still backing off: the state came from the database
    clock.advance(60_000);
    await second.tick();
    await second.tick();
    const third = createOutboxWorker({ storage: t.another(), clock, handlers: { k: ok } });
    clock.advance(3_600_000);
    await third.tick();
    expect(deliveries).toEqual(['T1']);
    expect(await row(s2, 'alert:T1')).toMatchObject({ status: 'delivered', platformMessageId: 'm1', attempts: 2 });
  });

  it('never runs a handler twice at once for one row, across ticks and across workers', async () => {
    const t = await setup();
    const clock = fakeClock(0);
    let release!: (v: { platformMessageId: string }) => void;
    const slow = vi.fn(() => new Promise<{ platformMessageId: string }>((r) => (release = r)));
    const a = createOutboxWorker({ storage: t.s, clock, handlers: { k: slow }, leaseMs: 60_000 });
    const b = createOutboxWorker({ storage: t.another(), clock, handlers: { k: slow }, leaseMs: 60_000 });
    await add(t.s, 'a');

    const runA = a.tick();
    const runA2 = a.tick(); // same run, not a second one
    await vi.waitFor(() => expect(slow).toHaveBeenCalledTimes(1));
    await b.tick();
    expect(slow).toHaveBeenCalledTimes(1);
    release({ platformMessageId: 'p1' });
    await Promise.all([runA, runA2]);
    clock.advance(120_000);
    await b.tick();
    expect(slow).toHaveBeenCalledTimes(1);
    expect(await row(t.s, 'a')).toMatchObject({ status: 'delivered', platformMessageId: 'p1' });
  });

  it('a row claimed by a worker that crashed mid-send is retried after the lease', async () => {
    const t = await setup();
    const clock = fakeClock(0);
    const hang = vi.fn(() => new Promise<never>(() => {}));
    const a = createOutboxWorker({ storage: t.s, clock, handlers: { k: hang }, leaseMs: 60_000 });
    await add(t.s, 'a');
    void a.tick(); // never finishes: the process "crashes" here
    await vi.waitFor(() => expect(hang).toHaveBeenCalledTimes(1));

    const ok = vi.fn(async () => ({ platformMessageId: 'p2' }));
    const b = createOutboxWorker({ storage: t.another(), clock, handlers: { k: ok }, leaseMs: 60_000 });
    clock.advance(59_999);
    await b.tick();
    expect(ok).not.toHaveBeenCalled();
    clock.advance(1);
    await b.tick();
    expect(ok).toHaveBeenCalledTimes(1);
    expect(await row(t.s, 'a')).toMatchObject({ status: 'delivered', platformMessageId: 'p2', attempts: 2 });
  });

  it('commits handler writes in the delivery transaction', async () => {
    const { s } = await setup();
    const clock = fakeClock(0);
    const worker = createOutboxWorker({
      storage: s,
      clock,
      handlers: {
        k: async () => ({
          platformMessageId: '9',
          commit: (q) => enqueueJob(s, q, { kind: 'other', payload: {}, idempotencyKey: 'from-commit', now: 0, runAt: 10 ** 12 }),
        }),
      },
    });
    await add(s, 'a');
    await worker.tick();
    expect((await row(s, 'a')).status).toBe('delivered');
    expect(await row(s, 'from-commit')).toBeDefined();
  });

  it('start() polls on a timer and stop() drains', async () => {
    const { s } = await setup();
    const clock = fakeClock(0);
    const handler = vi.fn(async () => ({}));
    const worker = createOutboxWorker({ storage: s, clock, handlers: { k: handler }, pollMs: 1000 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await worker.start();
    await add(s, 'a');
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(handler).toHaveBeenCalledTimes(1));
    await worker.stop();
    await add(s, 'b');
    await vi.advanceTimersByTimeAsync(5000);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('two instances on one database (PostgreSQL; two workers of one service on SQLite): every row delivered exactly once', async () => {
    const t = await setup();
    const clock = fakeClock(0);
    const N = 120;
    for (let i = 0; i < N; i++) await add(t.s, `alert:${i}`, { n: i });
    const sends: Array<{ n: number; by: string }> = [];
    const handlerFor =
      (by: string): OutboxHandler =>
      async (p) => {
        // A real send yields to the event loop: the other worker runs meanwhile.
        await new Promise((r) => setImmediate(r));
        sends.push({ n: (p as { n: number }).n, by });
        return { platformMessageId: `${by}-${(p as { n: number }).n}` };
      };
    // PostgreSQL: two handles (two instances' pools). SQLite is one service per file and its port
    // serialises that process's transactions; two handles in one process would block each other's
    // writes, so there the two workers share one handle (a second worker in the same service).
    const a = createOutboxWorker({ storage: t.s, clock, handlers: { k: handlerFor('a') }, batchSize: 10 });
    const b = createOutboxWorker({ storage: backend === 'postgres' ? t.another() : t.s, clock, handlers: { k: handlerFor('b') }, batchSize: 10 });
    for (let round = 0; round < 50 && (await a.counts()).pending > 0; round++) await Promise.all([a.tick(), b.tick()]);

    expect(await a.counts()).toEqual({ pending: 0, dead: 0 });
    const ns = sends.map((x) => x.n).sort((x, y) => x - y);
    expect(ns).toEqual([...Array(N).keys()]); // every row once, none twice
    expect(sends.some((x) => x.by === 'a')).toBe(true);
    expect(sends.some((x) => x.by === 'b')).toBe(true); // the work is shared, not serialised behind one
    const rows = await t.s.run((q) => q.select().from(t.s.t.outbox));
    for (const r of rows) expect(r).toMatchObject({ status: 'delivered', attempts: 1, leasedUntil: null });
  });
});

describe('two instances on PostgreSQL', () => {
  it("a platform's retry_after heard by one instance pauses the other instance's worker too", async () => {
    const t = await tempStorage('postgres');
    cleanups.push(t.cleanup);
    const clock = fakeClock(0);
    const sent: string[] = [];
    let limited = true;
    const handler: OutboxHandler = async (p) => {
      if (limited) {
        limited = false;
        throw tooMany(30);
      }
      sent.push((p as { n: string }).n);
      return {};
    };
    const a = createOutboxWorker({ storage: t.s, clock, handlers: { k: handler }, random: () => 0 });
    const b = createOutboxWorker({ storage: t.another(), clock, handlers: { k: handler }, random: () => 0 });
    await add(t.s, 'one', { n: 'one' });
    await add(t.s, 'two', { n: 'two' });
    await a.tick(); // Telegram answers 429, retry after 30 s
    clock.set(29_999);
    await b.tick();
    expect(sent).toEqual([]); // b did not send into the limit
    clock.set(30_000);
    await b.tick();
    expect(sent).toEqual(['one', 'two']);
  });
});

describe('start-up resume of sends cut off by a crash', () => {
  it('on SQLite (one service per file): a row still leased at start goes out at once, not after the lease', async () => {
    const t = await tempStorage('sqlite');
    cleanups.push(t.cleanup);
    const clock = fakeClock(0);
    const hang = vi.fn(() => new Promise<never>(() => {}));
    const a = createOutboxWorker({ storage: t.s, clock, handlers: { k: hang }, leaseMs: 5 * 60_000 });
    await add(t.s, 'urgent');
    void a.tick(); // the process dies while this send is in flight
    await vi.waitFor(() => expect(hang).toHaveBeenCalledTimes(1));

    clock.advance(2_000);
    const ok = vi.fn(async () => ({ platformMessageId: 'p3' }));
    const restarted = createOutboxWorker({ storage: t.another(), clock, handlers: { k: ok }, pollMs: 3_600_000 });
    await restarted.start(); // start-up releases the dead process's lease
    await restarted.tick();
    await restarted.stop();
    expect(ok).toHaveBeenCalledTimes(1);
    expect(await row(t.s, 'urgent')).toMatchObject({ status: 'delivered', platformMessageId: 'p3', leasedUntil: null });
  });

  it('on PostgreSQL (several instances): a starting instance leaves a live instance\'s send alone and takes it once its lease lapses', async () => {
    const t = await tempStorage('postgres');
    cleanups.push(t.cleanup);
    const clock = fakeClock(0);
    const hang = vi.fn(() => new Promise<never>(() => {}));
    const live = createOutboxWorker({ storage: t.s, clock, handlers: { k: hang }, leaseMs: 30_000 });
    await add(t.s, 'urgent');
    void live.tick(); // instance A is sending (slowly) right now
    await vi.waitFor(() => expect(hang).toHaveBeenCalledTimes(1));

    clock.advance(2_000);
    const ok = vi.fn(async () => ({ platformMessageId: 'p4' }));
    const other = createOutboxWorker({ storage: t.another(), clock, handlers: { k: ok }, leaseMs: 30_000, pollMs: 3_600_000 });
    await other.start(); // instance B starts: A's lease is live, so the row stays A's
    await other.tick();
    expect(ok).not.toHaveBeenCalled();
    expect((await row(t.s, 'urgent')).leasedUntil).toBe(30_000);

    // A dies (its lease is no longer renewed); once it lapses, B (or a restarted A) takes the row.
    clock.set(30_001);
    const again = createOutboxWorker({ storage: t.another(), clock, handlers: { k: ok }, leaseMs: 30_000, pollMs: 3_600_000 });
    await again.start();
    await Promise.all([again.tick(), other.tick()]);
    await Promise.all([other.stop(), again.stop()]);
    expect(ok).toHaveBeenCalledTimes(1);
    expect(await row(t.s, 'urgent')).toMatchObject({ status: 'delivered', platformMessageId: 'p4', attempts: 2, leasedUntil: null });
  });
});
