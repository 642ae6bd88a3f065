/**
 * Retention (CONTRACT.md `RETENTION_DAYS`): closed and spam cases untouched for longer than the
 * retention period lose their free text, evidence and link to the reporter, while the fields
 * statistics need (category, regency, urgency, dates) stay. A redacted case keeps its row, so
 * counts and charts do not change when old cases are cleaned.
 */
import type { TipsRepository } from './tips-repository.js';

const DAY_MS = 86_400_000;

/** Report-flow answers that are typed by the reporter (flows/report.flow.ts `ask` steps). */
const FREE_TEXT_KEYS = new Set(['destination', 'recruiter', 'description']);

/**
 * Answers keep only what cannot be free text: booleans, numbers and choice ids (short
 * snake_case tokens, as flows persist them). Typed answers (`FREE_TEXT_KEYS`, even a one-word
 * one) and anything else that looks like a sentence or an object (evidence refs) are dropped.
 */
export function stripFreeText(answers: unknown): Record<string, unknown> {
  if (!answers || typeof answers !== 'object' || Array.isArray(answers)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(answers as Record<string, unknown>)) {
    if (FREE_TEXT_KEYS.has(k)) continue;
    if (typeof v === 'boolean' || typeof v === 'number' || v === null) out[k] = v;
    else if (typeof v === 'string' && /^[a-z0-9_]{1,40}$/.test(v)) out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' && /^[a-z0-9_]{1,40}$/.test(x))) out[k] = v;
  }
  return out;
}

export type RetentionResult = { redacted: string[]; filesRemoved: number };

/**
 * Redact every closed/spam case whose `updated_at` is older than `retentionDays` (through the tips
 * repository, the lifecycle's one owner). Idempotent: already redacted cases are skipped. Also
 * forgets the encrypted contact of a reporter who has no other unredacted case.
 *
 * ```ts
 * runRetention({ tips: app.tipsRepository, now: clock(), retentionDays: config.RETENTION_DAYS });
 * ```
 */
export function runRetention(opts: { tips: Pick<TipsRepository, 'redactFinishedBefore'>; now: number; retentionDays: number }): RetentionResult {
  return opts.tips.redactFinishedBefore(opts.now - opts.retentionDays * DAY_MS, opts.now, { retentionDays: opts.retentionDays });
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
  tips: Pick<TipsRepository, 'redactFinishedBefore'>;
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
  const runOnce = () => runRetention({ tips: opts.tips, now: opts.clock(), retentionDays: opts.retentionDays });
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
