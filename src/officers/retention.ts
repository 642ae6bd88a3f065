/**
 * Retention (CONTRACT.md `RETENTION_DAYS`), daily. Everything it removes goes through the one
 * erasure module (src/tips/erasure.ts), so it leaves no more behind than an admin's erase:
 *
 * - closed and spam cases untouched for `RETENTION_DAYS` (and not held by officers) are redacted: free text, thread,
 *   evidence, links, receipt link, contact, conversation state and platform messages go; the row
 *   keeps category, regency, urgency, status and dates, so counts and charts do not change;
 * - cases whose reporter asked for erasure `SELF_ERASE_DELAY_DAYS` ago and that officers do not
 *   hold are erased completely;
 * - conversation rows idle for `CONVERSATION_RETENTION_DAYS` (language, flood counter, where a
 *   sender stood in a flow), receipt look-ups older than a day (the guessing throttle looks at
 *   one hour) and dedupe rows older than a week (platforms redeliver for a day at most) go;
 * - WhatsApp per-contact session keys unused for `WA_CONTACT_KEYS_TTL_DAYS` are pruned;
 *
 * then one `wal_checkpoint(TRUNCATE)`.
 */
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { pruneWaAuthSync, WA_CONTACT_KEYS_TTL_DAYS } from '../channels/whatsapp/wa-auth-prune.js';
import type { Db } from '../storage/db.js';
import { conversations, processedUpdates, receiptAttempts, tips } from '../storage/schema.js';
import { checkpointTruncate, eraseDueRequests, redactTips } from '../tips/erasure.js';

export { stripFreeText } from '../tips/erasure.js';

const DAY_MS = 86_400_000;
/** Idle conversation rows are deleted after this many days. */
export const CONVERSATION_RETENTION_DAYS = 30;
/** Receipt look-up rows are kept this long (the throttle needs one hour). */
export const RECEIPT_ATTEMPT_RETENTION_MS = DAY_MS;
/** Inbound dedupe rows are kept this long (platforms redeliver for a day at most). */
export const DEDUPE_RETENTION_MS = 7 * DAY_MS;

export type RetentionResult = {
  /** Closed/spam cases redacted in this run. */
  redacted: string[];
  /** Cases erased because their reporter asked (and the delay passed, and no hold). */
  erasedOnRequest: string[];
  filesRemoved: number;
  conversations: number;
  receiptAttempts: number;
  dedupeRows: number;
  waKeys: number;
  /** Whether the WAL checkpoint (TRUNCATE) completed. */
  checkpointed: boolean;
};

/**
 * One retention run. Idempotent: already redacted cases are skipped.
 *
 * ```ts
 * runRetention({ db, mediaDir: config.mediaDir, now: clock(), retentionDays: config.RETENTION_DAYS });
 * ```
 */
export function runRetention(opts: { db: Db; mediaDir: string; now: number; retentionDays: number; waKeysTtlDays?: number }): RetentionResult {
  const { db, now } = opts;
  const cutoff = now - opts.retentionDays * DAY_MS;
  const due = db
    .select({ id: tips.id })
    .from(tips)
    .where(and(inArray(tips.status, ['closed', 'spam']), lt(tips.updatedAt, cutoff), isNull(tips.redactedAt), eq(tips.hold, false)))
    .all()
    .map((t) => t.id);
  const red = redactTips(due, { db, mediaDir: opts.mediaDir, now, actor: 'system', action: 'retention.redact' });
  const requested = eraseDueRequests({ db, mediaDir: opts.mediaDir, now });
  const swept = db.$client.transaction(() => ({
    // A report still waiting in a flow is turned into a tip by the idle sweep first: never lose one here.
    conversations: db
      .delete(conversations)
      .where(
        and(
          lt(conversations.updatedAt, now - CONVERSATION_RETENTION_DAYS * DAY_MS),
          sql`not (json_extract(${conversations.state}, '$.flowId') = 'report' and json_extract(${conversations.state}, '$.status') = 'waiting')`,
        ),
      )
      .run().changes,
    receiptAttempts: db.delete(receiptAttempts).where(lt(receiptAttempts.at, now - RECEIPT_ATTEMPT_RETENTION_MS)).run().changes,
    dedupeRows: db.delete(processedUpdates).where(lt(processedUpdates.processedAt, now - DEDUPE_RETENTION_MS)).run().changes,
    waKeys: pruneWaAuthSync(db, now, opts.waKeysTtlDays ?? WA_CONTACT_KEYS_TTL_DAYS),
  }))();
  return {
    redacted: red.tipIds,
    erasedOnRequest: requested.tipIds,
    filesRemoved: red.filesRemoved + requested.filesRemoved,
    ...swept,
    checkpointed: checkpointTruncate(db),
  };
}

export type RetentionJob = { start(): void; stop(): void; runOnce(): RetentionResult };

/**
 * A daily retention run with an injectable scheduler, so tests drive it without real time.
 * `schedule(fn, ms)` defaults to `setTimeout` (unref'd, so it never keeps the process alive).
 *
 * ```ts
 * const job = createRetentionJob({ db, mediaDir, retentionDays: 365, clock: Date.now });
 * app.addHook('onReady', async () => job.start());
 * app.addHook('onClose', async () => job.stop());
 * ```
 */
export function createRetentionJob(opts: {
  db: Db;
  mediaDir: string;
  retentionDays: number;
  clock: () => number;
  intervalMs?: number;
  schedule?: (fn: () => void, ms: number) => { cancel(): void };
  onError?: (err: unknown) => void;
  onRun?: (result: RetentionResult) => void;
}): RetentionJob {
  const intervalMs = opts.intervalMs ?? DAY_MS;
  const schedule =
    opts.schedule ??
    ((fn: () => void, ms: number) => {
      const t = setTimeout(fn, ms);
      t.unref();
      return { cancel: () => clearTimeout(t) };
    });
  let pending: { cancel(): void } | null = null;
  let running = false;
  const runOnce = () => runRetention({ db: opts.db, mediaDir: opts.mediaDir, now: opts.clock(), retentionDays: opts.retentionDays });
  const tick = () => {
    if (!running) return;
    try {
      opts.onRun?.(runOnce());
    } catch (err) {
      opts.onError?.(err);
    }
    if (running) pending = schedule(tick, intervalMs);
  };
  return {
    start() {
      if (running) return;
      running = true;
      tick();
    },
    stop() {
      running = false;
      pending?.cancel();
      pending = null;
    },
    runOnce,
  };
}
