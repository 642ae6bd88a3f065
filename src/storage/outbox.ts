/**
 * The durable outbox: every alert, relay, escalation and digest is a row written in the same
 * SQLite transaction as the change that caused it, then delivered by a worker that retries with
 * exponential backoff (full jitter), honours Telegram's `retry_after`, dead-letters after
 * `maxAttempts`, and keeps all of its state in SQLite so a restart loses nothing.
 *
 * Exactly once, as far as a remote platform allows: a row is claimed with a conditional update
 * (a lease) before its handler runs, so no two workers — nor two ticks of one worker — run a
 * handler for the same row at the same time; the row is marked delivered in the same
 * transaction that records the platform message id (and whatever the handler asks to commit).
 */
import { and, asc, isNotNull, eq, lte, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { outbox } from './schema.js';
import { affected, type Q, type Storage } from './storage.js';

export type OutboxRow = typeof outbox.$inferSelect;

/** What a handler reports after a successful delivery. */
export type DeliveryResult = {
  /** The platform's id of the message sent (recorded on the row). */
  platformMessageId?: string;
  /**
   * Database writes that belong to the delivery (e.g. remembering the alert message id); run in
   * the same transaction that marks the row delivered, so both happen or neither.
   */
  commit?: () => void;
};

export type OutboxHandler = (payload: unknown, row: OutboxRow) => Promise<DeliveryResult>;

/** Minimal structured logger (pino and Fastify's logger fit). Never pass message text. */
export type OutboxLogger = {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
};

/**
 * An error a handler throws when retrying cannot help (e.g. the chat does not exist):
 * the row goes straight to `dead`.
 */
export class PermanentDeliveryError extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * Queue work in the caller's transaction. A second enqueue with the same key is a no-op, so
 * callers can enqueue freely (e.g. every scheduler tick) and the work still happens once.
 * Returns whether a new row was inserted.
 *
 * ```ts
 * tx(db, () => {
 *   saveTip(db, tip);
 *   enqueue(db, { kind: 'taskforce_alert', payload: { tipId }, idempotencyKey: `alert:${tipId}`, now });
 * });
 * ```
 */
/**
 * `enqueue` on the storage port (either backend), inside the caller's transaction `q`. Returns
 * whether a new row was inserted (a second enqueue with the same key is a no-op).
 */
export async function enqueueJob(
  s: Storage,
  q: Q,
  job: { kind: string; payload: unknown; idempotencyKey: string; now: number; runAt?: number },
): Promise<boolean> {
  const t = s.t.outbox;
  const res = await q
    .insert(t)
    .values({
      kind: job.kind,
      payload: job.payload ?? null,
      idempotencyKey: job.idempotencyKey,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: job.runAt ?? job.now,
      createdAt: job.now,
    })
    .onConflictDoNothing({ target: t.idempotencyKey });
  return affected(res) > 0;
}

export function enqueue(
  db: Db,
  job: { kind: string; payload: unknown; idempotencyKey: string; now: number; runAt?: number },
): boolean {
  const res = db
    .insert(outbox)
    .values({
      kind: job.kind,
      payload: job.payload ?? null,
      idempotencyKey: job.idempotencyKey,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: job.runAt ?? job.now,
      createdAt: job.now,
    })
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .run();
  return res.changes > 0;
}

/** Whether a row with this key already exists (in any state). */
export function hasOutboxKey(db: Db, idempotencyKey: string): boolean {
  return (
    db.select({ id: outbox.id }).from(outbox).where(eq(outbox.idempotencyKey, idempotencyKey)).get() !== undefined
  );
}

/** Pending and dead counts, for `/health`. */
export function outboxCounts(db: Db): { pending: number; dead: number } {
  const rows = db
    .select({ status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .where(sql`${outbox.status} in ('pending', 'dead')`)
    .groupBy(outbox.status)
    .all();
  const get = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { pending: get('pending'), dead: get('dead') };
}

export type OutboxWorkerOptions = {
  db: Db;
  clock: () => number;
  handlers: Record<string, OutboxHandler>;
  logger?: OutboxLogger;
  /** Attempts before a row is dead-lettered. */
  maxAttempts?: number;
  /** First retry delay cap; doubles per attempt. */
  baseDelayMs?: number;
  /** Upper bound of any backoff delay. */
  maxDelayMs?: number;
  /** [0, 1) source for jitter; injected for tests. */
  random?: () => number;
  /** How long a claimed row stays invisible to other workers (covers a crash mid-handler). */
  leaseMs?: number;
  /** Rows processed per tick (sequentially, which also paces platform sends). */
  batchSize?: number;
  /** Timer period of `start()`. */
  pollMs?: number;
};

export type OutboxWorker = {
  /** Process the rows due now, once, one after another. Concurrent calls share one run. */
  tick(): Promise<{ delivered: number; failed: number; dead: number }>;
  /** Poll every `pollMs` until `stop()`. */
  start(): void;
  /** Stop polling and wait for the run in progress (graceful shutdown drains). */
  stop(): Promise<void>;
  /** Number of dead-lettered rows. */
  deadCount(): number;
  /** `{ pending, dead }` for `/health`. */
  counts(): { pending: number; dead: number };
};

/**
 * The retry delay after `attempts` failed attempts: full jitter over an exponential cap, but
 * never sooner than a platform-requested `retryAfterMs`.
 *
 * ```ts
 * backoffDelay({ attempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 }); // 2000
 * ```
 */
export function backoffDelay(o: {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
  retryAfterMs?: number;
}): number {
  const cap = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, o.attempts - 1));
  const jittered = Math.floor(o.random() * cap);
  return Math.max(jittered, o.retryAfterMs ?? 0);
}

/**
 * The platform's "retry after" hint carried by an error, in ms: our own `retryAfterMs`, or
 * grammY's `GrammyError.parameters.retry_after` (seconds).
 */
export function retryAfterOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { retryAfterMs?: unknown; parameters?: { retry_after?: unknown } };
  if (typeof e.retryAfterMs === 'number' && e.retryAfterMs >= 0) return e.retryAfterMs;
  const s = e.parameters?.retry_after;
  if (typeof s === 'number' && s >= 0) return s * 1000;
  return undefined;
}

/** Whether retrying cannot help: our PermanentDeliveryError, or a Telegram 400/403 answer. */
export function isPermanent(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { permanent?: unknown; error_code?: unknown; name?: unknown };
  if (e.permanent === true) return true;
  return e.name === 'GrammyError' && (e.error_code === 400 || e.error_code === 403);
}

function errorText(err: unknown): string {
  const s = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return s.slice(0, 500);
}

const silent: OutboxLogger = { warn() {}, error() {}, debug() {} };

/**
 * The delivery worker.
 *
 * ```ts
 * const worker = createOutboxWorker({ db, clock: Date.now, handlers: alerts.handlers, logger: app.log });
 * app.addHook('onReady', async () => worker.start());
 * app.addHook('onClose', async () => worker.stop());
 * ```
 */
export function createOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const {
    db,
    clock,
    handlers,
    logger = silent,
    maxAttempts = 12,
    baseDelayMs = 2_000,
    maxDelayMs = 15 * 60_000,
    random = Math.random,
    leaseMs = 5 * 60_000,
    batchSize = 20,
    pollMs = 1_000,
  } = opts;

  let running: Promise<{ delivered: number; failed: number; dead: number }> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  /** A platform asked us to slow down: nothing is sent before this instant. */
  let pausedUntil = 0;

  const dueRows = (now: number) =>
    db
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.id))
      .limit(batchSize)
      .all();

  /** Conditional update: only one claimer wins, and the lease hides the row meanwhile. */
  const claim = (row: OutboxRow, now: number): boolean =>
    db
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: now + leaseMs, leasedUntil: now + leaseMs })
      .where(
        and(
          eq(outbox.id, row.id),
          eq(outbox.status, 'pending'),
          eq(outbox.attempts, row.attempts),
          lte(outbox.nextAttemptAt, now),
        ),
      )
      .run().changes === 1;

  async function runOnce(): Promise<{ delivered: number; failed: number; dead: number }> {
    const result = { delivered: 0, failed: 0, dead: 0 };
    const start = clock();
    if (start < pausedUntil) return result;
    for (const row of dueRows(start)) {
      const now = clock();
      if (now < pausedUntil) break;
      if (!claim(row, now)) continue;
      const attempts = row.attempts + 1;
      const handler = handlers[row.kind];
      try {
        if (!handler) throw new PermanentDeliveryError(`no handler for outbox kind ${row.kind}`);
        const res = await handler(row.payload, { ...row, attempts });
        const at = clock();
        db.$client
          .transaction(() => {
            res.commit?.();
            db.update(outbox)
              .set({
                status: 'delivered',
                deliveredAt: at,
                platformMessageId: res.platformMessageId ?? null,
                lastError: null,
                leasedUntil: null,
              })
              .where(eq(outbox.id, row.id))
              .run();
          })
          .immediate();
        result.delivered++;
      } catch (err) {
        const at = clock();
        const retryAfterMs = retryAfterOf(err);
        if (retryAfterMs !== undefined) pausedUntil = Math.max(pausedUntil, at + retryAfterMs);
        const dead = isPermanent(err) || attempts >= maxAttempts;
        const delay = backoffDelay({ attempts, baseDelayMs, maxDelayMs, random, retryAfterMs });
        db.update(outbox)
          .set({
            status: dead ? 'dead' : 'pending',
            nextAttemptAt: dead ? at : at + delay,
            lastError: errorText(err),
            leasedUntil: null,
          })
          .where(eq(outbox.id, row.id))
          .run();
        if (dead) {
          result.dead++;
          logger.error({ outboxId: row.id, kind: row.kind, attempts, err: errorText(err) }, 'outbox row dead-lettered');
        } else {
          result.failed++;
          logger.warn(
            { outboxId: row.id, kind: row.kind, attempts, retryInMs: delay, err: errorText(err) },
            'outbox delivery failed; will retry',
          );
        }
      }
    }
    return result;
  }

  function tick() {
    if (!running) {
      running = runOnce().finally(() => {
        running = null;
      });
    }
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      tick()
        .catch((err) => logger.error({ err: errorText(err) }, 'outbox tick failed'))
        .finally(schedule);
    }, pollMs);
    timer.unref?.();
  }

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      // One service per database: a row still leased now was cut off by a crash mid-send. Make it
      // due at once instead of after the lease (an urgent alert must not wait minutes). If the
      // platform had already accepted it, it goes out a second time: at-least-once across a crash.
      const released = db
        .update(outbox)
        .set({ nextAttemptAt: clock(), leasedUntil: null })
        .where(and(eq(outbox.status, 'pending'), isNotNull(outbox.leasedUntil)))
        .run().changes;
      if (released) logger.warn({ released }, 'outbox: resuming sends cut off by a restart');
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running.catch(() => undefined);
    },
    deadCount: () => outboxCounts(db).dead,
    counts: () => outboxCounts(db),
  };
}
