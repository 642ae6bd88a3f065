import { eq } from 'drizzle-orm';
import { GrammyError } from 'grammy';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createOutboxWorker, enqueue, type OutboxHandler } from '../../../src/alerts/outbox.js';
import type { Db } from '../../../src/storage/db.js';
import { outbox } from '../../../src/storage/schema.js';
import { fakeClock, tempDb } from '../../helpers/alerts-fixtures.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
  vi.useRealTimers();
});
function setup() {
  const t = tempDb();
  cleanups.push(t.cleanup);
  return t;
}
const row = (db: Db, key: string) => db.select().from(outbox).where(eq(outbox.idempotencyKey, key)).get()!;
const tooMany = (seconds: number) =>
  new GrammyError(
    'Call to sendMessage failed',
    { ok: false, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } },
    'sendMessage',
    {},
  );

describe('enqueue', () => {
  it('is idempotent by key', () => {
    const { db } = setup();
    expect(enqueue(db, { kind: 'k', payload: { a: 1 }, idempotencyKey: 'x', now: 5 })).toBe(true);
    expect(enqueue(db, { kind: 'k', payload: { a: 2 }, idempotencyKey: 'x', now: 6 })).toBe(false);
    expect(db.select().from(outbox).all()).toHaveLength(1);
    expect(row(db, 'x').payload).toEqual({ a: 1 });
  });
});

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

describe('outbox worker', () => {
  it('retries with backoff and jitter on the injected clock, then delivers once', async () => {
    const { db } = setup();
    const clock = fakeClock(1_000_000);
    let calls = 0;
    const handler: OutboxHandler = async () => {
      calls++;
      if (calls < 3) throw new Error('boom');
      return { platformMessageId: '42' };
    };
    const worker = createOutboxWorker({ db, clock, handlers: { k: handler }, baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 });
    enqueue(db, { kind: 'k', payload: {}, idempotencyKey: 'a', now: clock() });

    await worker.tick();
    expect(calls).toBe(1);
    expect(row(db, 'a')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: 1_000_500, lastError: 'Error: boom' });

    clock.advance(499);
    await worker.tick();
    expect(calls).toBe(1); // not due yet

    clock.advance(1);
    await worker.tick();
    expect(calls).toBe(2);
    expect(row(db, 'a').nextAttemptAt).toBe(clock() + 1000); // 0.5 × 2000

    clock.advance(1000);
    await worker.tick();
    expect(calls).toBe(3);
    expect(row(db, 'a')).toMatchObject({ status: 'delivered', platformMessageId: '42', deliveredAt: clock(), lastError: null });

    clock.advance(3_600_000);
    await worker.tick();
    expect(calls).toBe(3);
    expect(worker.counts()).toEqual({ pending: 0, dead: 0 });
  });

  it('dead-letters after maxAttempts and reports it', async () => {
    const { db } = setup();
    const clock = fakeClock();
    const handler = vi.fn(async () => {
      throw new Error('down');
    });
    const worker = createOutboxWorker({ db, clock, handlers: { k: handler }, maxAttempts: 3, random: () => 1 - 1e-9 });
    enqueue(db, { kind: 'k', payload: {}, idempotencyKey: 'a', now: clock() });
    for (let i = 0; i < 10; i++) {
      await worker.tick();
      clock.advance(3_600_000);
    }
    expect(handler).toHaveBeenCalledTimes(3);
    expect(row(db, 'a')).toMatchObject({ status: 'dead', attempts: 3 });
    expect(worker.deadCount()).toBe(1);
    expect(worker.counts()).toEqual({ pending: 0, dead: 1 });
  });

  it("honours Telegram's retry_after and pauses the other rows too", async () => {
    const { db } = setup();
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
    const worker = createOutboxWorker({ db, clock, handlers: { k: handler }, baseDelayMs: 10, random: () => 0 });
    enqueue(db, { kind: 'k', payload: { n: 'one' }, idempotencyKey: 'one', now: 0 });
    enqueue(db, { kind: 'k', payload: { n: 'two' }, idempotencyKey: 'two', now: 0 });

    await worker.tick();
    expect(row(db, 'one')).toMatchObject({ status: 'pending', nextAttemptAt: 30_000 });
    expect(row(db, 'two')).toMatchObject({ status: 'pending', attempts: 0 }); // not tried into a rate limit

    clock.set(29_999);
    await worker.tick();
    expect(sent).toEqual([]);

    clock.set(30_000);
    await worker.tick();
    expect(sent).toEqual(['one', 'two']);
  });

  it('dead-letters at once when retrying cannot help (Telegram 403)', async () => {
    const { db } = setup();
    const clock = fakeClock();
    const forbidden = new GrammyError('x', { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'sendMessage', {});
    const worker = createOutboxWorker({ db, clock, handlers: { k: async () => Promise.reject(forbidden) } });
    enqueue(db, { kind: 'k', payload: {}, idempotencyKey: 'a', now: clock() });
    await worker.tick();
    expect(row(db, 'a')).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('survives a restart: fails on one connection, a new worker on the same file delivers exactly once', async () => {
    const t = setup();
    const clock = fakeClock(0);
    const deliveries: string[] = [];
    const first = createOutboxWorker({
      db: t.db,
      clock,
      handlers: { k: async () => Promise.reject(new Error('network down')) },
      random: () => 0.5,
    });
    enqueue(t.db, { kind: 'k', payload: { tipId: 'T1' }, idempotencyKey: 'alert:T1', now: 0 });
    await first.tick();
    await first.stop();
    t.db.$client.close(); // the process dies

    const db2 = t.reopen();
    const ok: OutboxHandler = async (p) => {
      deliveries.push((p as { tipId: string }).tipId);
      return { platformMessageId: `m${deliveries.length}` };
    };
    const second = createOutboxWorker({ db: db2, clock, handlers: { k: ok }, random: () => 0.5 });
    await second.tick();
    expect(deliveries).toEqual([]); // still backing off: state came from SQLite
    clock.advance(60_000);
    await second.tick();
    await second.tick();
    const third = createOutboxWorker({ db: t.reopen(), clock, handlers: { k: ok } });
    clock.advance(3_600_000);
    await third.tick();
    expect(deliveries).toEqual(['T1']);
    expect(row(db2, 'alert:T1')).toMatchObject({ status: 'delivered', platformMessageId: 'm1', attempts: 2 });
  });

  it('never runs a handler twice at once for one row, across ticks and across workers', async () => {
    const t = setup();
    const clock = fakeClock(0);
    let release!: (v: { platformMessageId: string }) => void;
    const slow = vi.fn(() => new Promise<{ platformMessageId: string }>((r) => (release = r)));
    const a = createOutboxWorker({ db: t.db, clock, handlers: { k: slow }, leaseMs: 60_000 });
    const b = createOutboxWorker({ db: t.reopen(), clock, handlers: { k: slow }, leaseMs: 60_000 });
    enqueue(t.db, { kind: 'k', payload: {}, idempotencyKey: 'a', now: 0 });

    const runA = a.tick();
    const runA2 = a.tick(); // same run, not a second one
    await b.tick();
    expect(slow).toHaveBeenCalledTimes(1);
    release({ platformMessageId: 'p1' });
    await Promise.all([runA, runA2]);
    clock.advance(120_000);
    await b.tick();
    expect(slow).toHaveBeenCalledTimes(1);
    expect(row(t.db, 'a')).toMatchObject({ status: 'delivered', platformMessageId: 'p1' });
  });

  it('a row claimed by a worker that crashed mid-send is retried after the lease', async () => {
    const t = setup();
    const clock = fakeClock(0);
    const hang = vi.fn(() => new Promise<never>(() => {}));
    const a = createOutboxWorker({ db: t.db, clock, handlers: { k: hang }, leaseMs: 60_000 });
    enqueue(t.db, { kind: 'k', payload: {}, idempotencyKey: 'a', now: 0 });
    void a.tick(); // never finishes: the process "crashes" here
    await Promise.resolve();
    expect(hang).toHaveBeenCalledTimes(1);

    const ok = vi.fn(async () => ({ platformMessageId: 'p2' }));
    const b = createOutboxWorker({ db: t.reopen(), clock, handlers: { k: ok }, leaseMs: 60_000 });
    clock.advance(59_999);
    await b.tick();
    expect(ok).not.toHaveBeenCalled();
    clock.advance(1);
    await b.tick();
    expect(ok).toHaveBeenCalledTimes(1);
    expect(row(t.db, 'a')).toMatchObject({ status: 'delivered', platformMessageId: 'p2', attempts: 2 });
  });

  it('a service restarted after a crash mid-send resumes that row at once, not after the lease', async () => {
    const t = setup();
    const clock = fakeClock(0);
    const hang = vi.fn(() => new Promise<never>(() => {}));
    const a = createOutboxWorker({ db: t.db, clock, handlers: { k: hang }, leaseMs: 5 * 60_000 });
    enqueue(t.db, { kind: 'k', payload: {}, idempotencyKey: 'urgent', now: 0 });
    void a.tick(); // the process dies while this send is in flight
    await Promise.resolve();
    expect(hang).toHaveBeenCalledTimes(1);

    clock.advance(2_000);
    const ok = vi.fn(async () => ({ platformMessageId: 'p3' }));
    const restarted = createOutboxWorker({ db: t.reopen(), clock, handlers: { k: ok }, pollMs: 3_600_000 });
    restarted.start(); // start-up releases the dead process's lease
    await restarted.tick();
    await restarted.stop();
    expect(ok).toHaveBeenCalledTimes(1);
    expect(row(t.db, 'urgent')).toMatchObject({ status: 'delivered', platformMessageId: 'p3', leasedUntil: null });
  });

  it('commits handler writes in the delivery transaction', async () => {
    const { db } = setup();
    const clock = fakeClock(0);
    const worker = createOutboxWorker({
      db,
      clock,
      handlers: {
        k: async () => ({
          platformMessageId: '9',
          commit: () => {
            enqueue(db, { kind: 'other', payload: {}, idempotencyKey: 'from-commit', now: 0, runAt: 10 ** 12 });
          },
        }),
      },
    });
    enqueue(db, { kind: 'k', payload: {}, idempotencyKey: 'a', now: 0 });
    await worker.tick();
    expect(row(db, 'a').status).toBe('delivered');
    expect(row(db, 'from-commit')).toBeDefined();
  });

  it('start() polls on a timer and stop() drains', async () => {
    vi.useFakeTimers();
    const { db } = setup();
    const clock = fakeClock(0);
    const handler = vi.fn(async () => ({}));
    const worker = createOutboxWorker({ db, clock, handlers: { k: handler }, pollMs: 1000 });
    worker.start();
    enqueue(db, { kind: 'k', payload: {}, idempotencyKey: 'a', now: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(handler).toHaveBeenCalledTimes(1);
    await worker.stop();
    enqueue(db, { kind: 'k', payload: {}, idempotencyKey: 'b', now: 0 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
