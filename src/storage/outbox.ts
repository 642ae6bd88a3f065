/**
 * The durable outbox: every alert, relay, escalation and digest is a row written in the same
 * transaction as the change that caused it, then delivered by a worker that retries with
 * exponential backoff (full jitter), honours Telegram's `retry_after`, dead-letters after
 * `maxAttempts`, and keeps all of its state in the database so a restart loses nothing.
 *
 * Exactly once, as far as a remote platform allows: a row is claimed in one statement that
 * leases it (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so the workers of every instance share the
 * queue without waiting on each other) before its handler runs, so no two workers — nor two ticks
 * of one worker — run a handler for the same row at the same time; the lease is renewed while the
 * send runs and lapses only when the sender is gone; the row is marked delivered in the same
 * transaction that records the platform message id (and whatever the handler asks to commit).
 * Written against the storage port: the same worker on SQLite and PostgreSQL.
 */
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { outbox } from './schema.js';
import { INSTANCE_ID } from './leases.js';
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
  commit?: (q: Q) => Promise<unknown> | unknown;
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
 * An error a handler throws when THIS instance cannot send the row but another can (WhatsApp's one
 * socket is held by another instance): the row goes back to the queue after `retryInMs`, without
 * counting an attempt, for whichever instance claims it next.
 */
export class DeferDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryInMs = 2_000,
  ) {
    super(message);
    this.name = 'DeferDeliveryError';
  }
}

/**
 * Queue work in the caller's transaction `q` (either backend). A second enqueue with the same
 * key is a no-op (the unique idempotency key), so callers can enqueue freely (e.g. every
 * scheduler tick) and the work still happens once. Returns whether a new row was inserted.
 *
 * ```ts
 * await s.tx(async (q) => {
 *   await saveTip(q, tip);
 *   await enqueueJob(s, q, { kind: 'taskforce_alert', payload: { tipId }, idempotencyKey: `alert:${tipId}`, now });
 * });
 * ```
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

/** Whether a row with this key already exists (in any state), inside the caller's transaction `q`. */
export async function hasOutboxJob(s: Storage, q: Q, idempotencyKey: string): Promise<boolean> {
  const t = s.t.outbox;
  const [row] = await q.select({ id: t.id }).from(t).where(eq(t.idempotencyKey, idempotencyKey)).limit(1);
  return row !== undefined;
}

/** Pending and dead counts, for `/health` and the admin view (either backend). */
export async function countOutbox(s: Storage): Promise<{ pending: number; dead: number }> {
  const t = s.t.outbox;
  const rows = await s.run((q) =>
    q
      .select({ status: t.status, n: sql<number>`count(*)` })
      .from(t)
      .where(inArray(t.status, ['pending', 'dead']))
      .groupBy(t.status),
  );
  const get = (k: string) => Number(rows.find((r) => r.status === k)?.n ?? 0);
  return { pending: get('pending'), dead: get('dead') };
}

export type OutboxWorkerOptions = {
  storage: Storage;
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
  /**
   * How long a claimed row stays invisible to other workers; renewed every third of it while its
   * handler runs, so it lapses only when the sender is gone (a crash). Default 5 min on SQLite (one
   * process per file: start-up resumes a cut-off row at once), 30 s on PostgreSQL (another instance
   * takes a crashed instance's row over once the lease lapses).
   */
  leaseMs?: number;
  /** Rows processed per tick (sequentially, which also paces platform sends). */
  batchSize?: number;
  /** Timer period of `start()`. */
  pollMs?: number;
};

export type OutboxWorker = {
  /** Process the rows due now, once, one after another. Concurrent calls share one run. */
  tick(): Promise<{ delivered: number; failed: number; dead: number }>;
  /** Resume cut-off sends, then poll every `pollMs` until `stop()`. */
  start(): Promise<void>;
  /** Stop polling and wait for the run in progress (graceful shutdown drains). */
  stop(): Promise<void>;
  /** Number of dead-lettered rows. */
  deadCount(): Promise<number>;
  /** `{ pending, dead }` for `/health`. */
  counts(): Promise<{ pending: number; dead: number }>;
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
 * Claim the oldest due row for one send, in one statement: it gets a lease (hidden from every
 * other worker until `leaseMs` from now) and its attempt counter, which fences the later writes.
 * PostgreSQL picks the row with `FOR UPDATE SKIP LOCKED`, so workers of several instances never
 * wait on nor take the same row; SQLite has one writer at a time, which makes the statement atomic.
 */
async function claimNext(s: Storage, now: number, leaseMs: number): Promise<OutboxRow | undefined> {
  const t = s.t.outbox;
  const due = sql`${t.status} = 'pending' and ${t.nextAttemptAt} <= ${now}`;
  const pick =
    s.dialect === 'postgres'
      ? sql`(select ${t.id} from ${t} where ${due} order by ${t.id} limit 1 for update skip locked)`
      : sql`(select ${t.id} from ${t} where ${due} order by ${t.id} limit 1)`;
  const until = now + leaseMs;
  const [row] = await s.run((q) =>
    q
      .update(t)
      .set({ attempts: sql`${t.attempts} + 1`, nextAttemptAt: until, leasedUntil: until })
      .where(and(sql`${t.id} = ${pick}`, eq(t.status, 'pending'), lte(t.nextAttemptAt, now)))
      .returning(),
  );
  return row;
}

/** The `leases` row holding a platform's `retry_after` for every instance (PostgreSQL). */
const PAUSE_LEASE = 'outbox.retry_after';

/** The row is still ours: pending, and nobody claimed it again after our lease lapsed. */
const stillOurs = (t: Storage['t']['outbox'], row: OutboxRow) => and(eq(t.id, row.id), eq(t.status, 'pending'), eq(t.attempts, row.attempts));

/**
 * The delivery worker; one per instance, all on one database.
 *
 * ```ts
 * const worker = createOutboxWorker({ storage, clock: Date.now, handlers: alerts.handlers, logger: app.log });
 * app.addHook('onReady', async () => worker.start());
 * app.addHook('onClose', async () => worker.stop());
 * ```
 */
export function createOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const {
    storage: s,
    clock,
    handlers,
    logger = silent,
    maxAttempts = 12,
    baseDelayMs = 2_000,
    maxDelayMs = 15 * 60_000,
    random = Math.random,
    leaseMs = s.dialect === 'postgres' ? 30_000 : 5 * 60_000,
    batchSize = 20,
    pollMs = 1_000,
  } = opts;
  const t = s.t.outbox;

  let running: Promise<{ delivered: number; failed: number; dead: number }> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  /** A platform asked us to slow down: nothing is sent before this instant. */
  let pausedUntil = 0;
  const { leases } = s.t;

  /**
   * A platform's limit is per bot, not per instance: on PostgreSQL a `retry_after` one instance
   * hears pauses every instance's worker (a `leases` row), so the others do not keep sending into
   * it. One process per SQLite file keeps the pause in memory.
   */
  async function sharedPauseUntil(): Promise<number> {
    if (s.dialect !== 'postgres') return 0;
    const [r] = await s.run((q) => q.select({ until: leases.until }).from(leases).where(eq(leases.name, PAUSE_LEASE)).limit(1));
    return r?.until ?? 0;
  }
  async function sharePause(until: number): Promise<void> {
    if (s.dialect !== 'postgres') return;
    await s.run((q) =>
      q
        .insert(leases)
        .values({ name: PAUSE_LEASE, holder: INSTANCE_ID, until, lastRunAt: null })
        .onConflictDoUpdate({ target: leases.name, set: { holder: INSTANCE_ID, until: sql`greatest(${leases.until}, ${until})` } }),
    );
  }

  /** Keep the lease of a row being sent alive while its handler runs (a slow platform is not a crash). */
  function renewWhileSending(row: OutboxRow): () => void {
    const every = Math.max(1_000, Math.floor(leaseMs / 3));
    const renew = setInterval(() => {
      const until = clock() + leaseMs;
      s.run((q) => q.update(t).set({ leasedUntil: until, nextAttemptAt: until }).where(stillOurs(t, row))).catch((err) =>
        logger.warn({ outboxId: row.id, err: errorText(err) }, 'outbox: could not renew a lease'),
      );
    }, every);
    renew.unref?.();
    return () => clearInterval(renew);
  }

  async function deliverOne(row: OutboxRow, result: { delivered: number; failed: number; dead: number }): Promise<void> {
    const attempts = row.attempts;
    const handler = handlers[row.kind];
    const stopRenewing = renewWhileSending(row);
    try {
      if (!handler) throw new PermanentDeliveryError(`no handler for outbox kind ${row.kind}`);
      const res = await handler(row.payload, row);
      stopRenewing();
      const at = clock();
      const mine = await s.tx(async (q) => {
        // The platform has the message: what the handler records about it holds either way.
        await res.commit?.(q);
        const r = await q
          .update(t)
          .set({ status: 'delivered', deliveredAt: at, platformMessageId: res.platformMessageId ?? null, lastError: null, leasedUntil: null })
          .where(stillOurs(t, row));
        return affected(r) === 1;
      });
      if (!mine) logger.warn({ outboxId: row.id, kind: row.kind }, 'outbox: lease lapsed during a send; another worker took the row');
      result.delivered++;
    } catch (err) {
      stopRenewing();
      const at = clock();
      if (err instanceof DeferDeliveryError) {
        // Not this instance's to send: back in the queue, the attempt not counted.
        await s.run((q) =>
          q
            .update(t)
            .set({ attempts: row.attempts - 1, nextAttemptAt: at + err.retryInMs, leasedUntil: null })
            .where(stillOurs(t, row)),
        );
        logger.debug({ outboxId: row.id, kind: row.kind, err: err.message }, 'outbox: deferred to another instance');
        return;
      }
      const retryAfterMs = retryAfterOf(err);
      if (retryAfterMs !== undefined) {
        pausedUntil = Math.max(pausedUntil, at + retryAfterMs);
        await sharePause(pausedUntil).catch((e) => logger.warn({ err: errorText(e) }, 'outbox: could not share a rate-limit pause'));
      }
      const dead = isPermanent(err) || attempts >= maxAttempts;
      const delay = backoffDelay({ attempts, baseDelayMs, maxDelayMs, random, retryAfterMs });
      await s.run((q) =>
        q
          .update(t)
          .set({ status: dead ? 'dead' : 'pending', nextAttemptAt: dead ? at : at + delay, lastError: errorText(err), leasedUntil: null })
          .where(stillOurs(t, row)),
      );
      if (dead) {
        result.dead++;
        logger.error({ outboxId: row.id, kind: row.kind, attempts, err: errorText(err) }, 'outbox row dead-lettered');
      } else {
        result.failed++;
        logger.warn({ outboxId: row.id, kind: row.kind, attempts, retryInMs: delay, err: errorText(err) }, 'outbox delivery failed; will retry');
      }
    }
  }

  async function runOnce(): Promise<{ delivered: number; failed: number; dead: number }> {
    const result = { delivered: 0, failed: 0, dead: 0 };
    pausedUntil = Math.max(pausedUntil, await sharedPauseUntil());
    for (let i = 0; i < batchSize; i++) {
      const now = clock();
      if (now < pausedUntil) break;
      const row = await claimNext(s, now, leaseMs);
      if (!row) break;
      await deliverOne(row, result);
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

  /**
   * Rows a crash cut off mid-send become due at once instead of after their lease (an urgent
   * alert must not wait minutes); if the platform had already accepted one, it goes out a second
   * time: at-least-once across a crash. SQLite has one service per file, so every leased row was
   * cut off. On PostgreSQL another live instance may be sending a leased row right now (it renews
   * the lease), and a lapsed lease is already due (`nextAttemptAt` = `leasedUntil`): nothing to do.
   */
  async function resumeCutOff(): Promise<number> {
    if (s.dialect === 'postgres') return 0;
    const now = clock();
    const cutOff = and(eq(t.status, 'pending'), isNotNull(t.leasedUntil));
    return affected(await s.run((q) => q.update(t).set({ nextAttemptAt: now, leasedUntil: null }).where(cutOff)));
  }

  return {
    tick,
    async start() {
      if (!stopped) return;
      stopped = false;
      try {
        const released = await resumeCutOff();
        if (released) logger.warn({ released }, 'outbox: resuming sends cut off by a restart');
      } catch (err) {
        logger.error({ err: errorText(err) }, 'outbox: could not resume cut-off sends');
      }
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running.catch(() => undefined);
    },
    deadCount: async () => (await countOutbox(s)).dead,
    counts: () => countOutbox(s),
  };
}
