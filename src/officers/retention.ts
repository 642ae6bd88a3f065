/**
 * Retention (CONTRACT.md `RETENTION_DAYS`): closed and spam cases untouched for longer than the
 * retention period lose their free text, evidence and link to the reporter, while the fields
 * statistics need (category, regency, urgency, dates) stay. A redacted case keeps its row, so
 * counts and charts do not change when old cases are cleaned.
 */
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../storage/db.js';
import { contacts, media, tipLinks, tipMessages, tips } from '../storage/schema.js';
import { audit } from './audit.js';
import { removeUnreferencedFiles } from './case-files.js';

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
 * Redact every closed/spam case whose `updated_at` is older than `retentionDays`. Idempotent:
 * already redacted cases are skipped. Also forgets the encrypted contact of a reporter who has
 * no other unredacted case (contacts exist only to relay replies on live cases).
 *
 * ```ts
 * runRetention({ db, mediaDir: config.mediaDir, now: clock(), retentionDays: config.RETENTION_DAYS });
 * ```
 */
export function runRetention(opts: { db: Db; mediaDir: string; now: number; retentionDays: number }): RetentionResult {
  const { db, now } = opts;
  const cutoff = now - opts.retentionDays * DAY_MS;
  const { ids, shas } = db.$client.transaction(() => {
    const due = db
      .select({ id: tips.id, answers: tips.answers, pseudonym: tips.pseudonym })
      .from(tips)
      .where(and(inArray(tips.status, ['closed', 'spam']), lt(tips.updatedAt, cutoff), isNull(tips.redactedAt)))
      .all();
    if (!due.length) return { ids: [] as string[], shas: [] as string[] };
    const ids = due.map((d) => d.id);
    const shas = db.select({ sha256: media.sha256 }).from(media).where(inArray(media.tipId, ids)).all().map((m) => m.sha256);
    for (const d of due) {
      db.update(tips)
        .set({ description: null, recruiter: null, destination: null, answers: stripFreeText(d.answers), pseudonym: null, redactedAt: now })
        .where(eq(tips.id, d.id))
        .run();
    }
    db.update(tipMessages).set({ text: null }).where(inArray(tipMessages.tipId, ids)).run();
    db.delete(media).where(inArray(media.tipId, ids)).run();
    db.delete(tipLinks).where(inArray(tipLinks.tipId, ids)).run();
    const pseudonyms = [...new Set(due.map((d) => d.pseudonym).filter((p): p is string => !!p))];
    for (const p of pseudonyms) {
      // Redacted cases no longer carry a pseudonym, so any remaining match is a live case.
      const live = db.select({ id: tips.id }).from(tips).where(eq(tips.pseudonym, p)).get();
      if (!live) db.delete(contacts).where(eq(contacts.pseudonym, p)).run();
    }
    audit(db, { actor: 'system', action: 'retention.redact', detail: { count: ids.length, retentionDays: opts.retentionDays }, now });
    return { ids, shas };
  })();
  const filesRemoved = removeUnreferencedFiles(db, opts.mediaDir, shas);
  return { redacted: ids, filesRemoved };
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
