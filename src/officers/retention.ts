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
 * then one `wal_checkpoint(TRUNCATE)` (SQLite). With several instances on one database it runs once
 * per interval cluster-wide (`claimRun` on the `leases` table).
 */
import { and, eq, inArray, isNull, lt, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { pruneWaAuth, WA_CONTACT_KEYS_TTL_DAYS } from '../channels/whatsapp/wa-auth-prune.js';
import { claimRun } from '../storage/leases.js';
import { affected, type Storage } from '../storage/storage.js';
import { checkpointWal, eraseDueRequests, redactTips } from '../tips/erasure.js';
import { jsonText } from '../tips/json-path.js';

export { stripFreeText } from '../tips/erasure.js';

const DAY_MS = 86_400_000;
/** Idle conversation rows are deleted after this many days. */
export const CONVERSATION_RETENTION_DAYS = 30;
/** Receipt look-up rows are kept this long (the throttle needs one hour). */
export const RECEIPT_ATTEMPT_RETENTION_MS = DAY_MS;
/** Inbound dedupe rows are kept this long (platforms redeliver for a day at most). */
export const DEDUPE_RETENTION_MS = 7 * DAY_MS;
/** The job's name in the `leases` table: one run per interval across every instance. */
export const RETENTION_JOB = 'retention';

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
  /** Whether the WAL checkpoint (TRUNCATE) completed (PostgreSQL: true, no file WAL of ours to truncate). */
  checkpointed: boolean;
};

/** A report still waiting in a flow is turned into a tip by the idle sweep first: never lose one here. */
function waitingReport(s: Storage, state: SQLWrapper): SQL | undefined {
  return and(eq(jsonText(s, state, 'flowId'), 'report'), eq(jsonText(s, state, 'status'), 'waiting'));
}

/**
 * One retention run. Idempotent: already redacted cases are skipped. It does not check the
 * cluster-wide lease (the job does); an admin's run or a test may run it directly.
 *
 * ```ts
 * await runRetention({ storage: app.storage, mediaDir: config.mediaDir, now: clock(), retentionDays: config.RETENTION_DAYS });
 * ```
 */
export async function runRetention(opts: { storage: Storage; mediaDir: string; now: number; retentionDays: number; waKeysTtlDays?: number }): Promise<RetentionResult> {
  const { storage: s, now } = opts;
  const { conversations, processedUpdates, receiptAttempts, tips } = s.t;
  const cutoff = now - opts.retentionDays * DAY_MS;
  const isDue = and(inArray(tips.status, ['closed', 'spam']), lt(tips.updatedAt, cutoff), isNull(tips.redactedAt), eq(tips.hold, false));
  const due = (await s.run((q) => q.select({ id: tips.id }).from(tips).where(isDue))).map((t) => t.id);
  // Checked again row by row inside the redaction: a hold or reopening meanwhile keeps the case.
  const red = await redactTips(s, due, { mediaDir: opts.mediaDir, now, actor: 'system', action: 'retention.redact', still: isDue });
  const onRequest = await eraseDueRequests(s, { mediaDir: opts.mediaDir, now });
  const swept = await s.tx(async (q) => ({
    conversations: affected(
      await q
        .delete(conversations)
        .where(and(lt(conversations.updatedAt, now - CONVERSATION_RETENTION_DAYS * DAY_MS), sql`not ${waitingReport(s, conversations.state)}`)),
    ),
    receiptAttempts: affected(await q.delete(receiptAttempts).where(lt(receiptAttempts.at, now - RECEIPT_ATTEMPT_RETENTION_MS))),
    dedupeRows: affected(await q.delete(processedUpdates).where(lt(processedUpdates.processedAt, now - DEDUPE_RETENTION_MS))),
  }));
  const waKeys = await pruneWaAuth(s, now, opts.waKeysTtlDays ?? WA_CONTACT_KEYS_TTL_DAYS);
  return {
    redacted: red.tipIds,
    erasedOnRequest: onRequest.tipIds,
    filesRemoved: red.filesRemoved + onRequest.filesRemoved,
    ...swept,
    waKeys,
    checkpointed: await checkpointWal(s),
  };
}

export type RetentionJob = {
  /** Start the schedule; resolves when the first tick (a run, or a skip when another instance ran) is done. */
  start(): Promise<void>;
  stop(): void;
  /** Run now, whatever the lease says (admins' tools, tests on an injected clock). */
  runOnce(): Promise<RetentionResult>;
};

/**
 * A daily retention run with an injectable scheduler, so tests drive it without real time.
 * `schedule(fn, ms)` defaults to `setTimeout` (unref'd, so it never keeps the process alive).
 * With several instances on one database each schedules it, and the `leases` table lets exactly
 * one of them run per interval (`claimRun`); the others skip that tick.
 *
 * ```ts
 * const job = createRetentionJob({ storage: app.storage, mediaDir, retentionDays: 365, clock: Date.now });
 * app.addHook('onReady', async () => job.start());
 * app.addHook('onClose', async () => job.stop());
 * ```
 */
export function createRetentionJob(opts: {
  storage: Storage;
  mediaDir: string;
  retentionDays: number;
  clock: () => number;
  intervalMs?: number;
  /** This instance in the lease (default: the process's INSTANCE_ID). */
  holder?: string;
  /** Call `fn` after `ms`; `fn` resolves when that tick is done. */
  schedule?: (fn: () => Promise<void>, ms: number) => { cancel(): void };
  onError?: (err: unknown) => void;
  onRun?: (result: RetentionResult) => void;
}): RetentionJob {
  const intervalMs = opts.intervalMs ?? DAY_MS;
  const schedule =
    opts.schedule ??
    ((fn: () => Promise<void>, ms: number) => {
      const t = setTimeout(() => void fn(), ms);
      t.unref();
      return { cancel: () => clearTimeout(t) };
    });
  let pending: { cancel(): void } | null = null;
  let running = false;
  const runOnce = () => runRetention({ storage: opts.storage, mediaDir: opts.mediaDir, now: opts.clock(), retentionDays: opts.retentionDays });
  const tick = async (): Promise<void> => {
    if (!running) return;
    try {
      // Every instance ticks; the one whose claim wins runs this interval, the others skip.
      if (await claimRun(opts.storage, RETENTION_JOB, opts.clock(), intervalMs, opts.holder)) opts.onRun?.(await runOnce());
    } catch (err) {
      opts.onError?.(err);
    }
    if (running) pending = schedule(tick, intervalMs);
  };
  return {
    async start() {
      if (running) return;
      running = true;
      await tick();
    },
    stop() {
      running = false;
      pending?.cancel();
      pending = null;
    },
    runOnce,
  };
}
