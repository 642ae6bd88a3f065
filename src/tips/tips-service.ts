/**
 * Tips on the conversation side: submit (complete, incomplete or early draft), look up by receipt,
 * follow-ups. Every method is synchronous and meant to run INSIDE the caller's transaction, so a
 * tip, its outbox rows and the conversation state commit together before any reply leaves.
 */
import { randomInt } from 'node:crypto';
import { and, asc, count, eq, gte } from 'drizzle-orm';
import { CROCKFORD_ALPHABET } from '../engine/text.js';
import type { Answers } from '../engine/types.js';
import type { Channel, Locale, MediaRef } from '../messages.js';
import type { Db } from '../storage/db.js';
import { contacts, media, receiptAttempts, tipLinks, tipMessages, tips } from '../storage/schema.js';
import { hashReceipt, newReceipt, normaliseReceipt } from './receipt.js';
import type { TipsRepository } from './tips-repository.js';

export type TriageResult = { score: number; urgency: 'urgent' | 'normal'; reasons: string[] };
export type TriagePort = {
  scoreTip(input: { answers: Record<string, unknown>; texts: string[] }): TriageResult;
  scanText(text: string): TriageResult;
};
export type LinkExtractor = (text: string) => Array<{ kind: string; value: string }>;

export type TipRow = typeof tips.$inferSelect;

export type TipsHooks = {
  /** Called inside the transaction after a tip row is written (alerts enqueue outbox rows here). */
  onTipCommitted?: (tip: TipRow, now: number, event: 'draft' | 'submitted' | 'risen', change?: { risenBy: string[] }) => void;
  /** Called inside the transaction after a reporter's follow-up is stored. */
  onFollowup?: (tip: TipRow, messageId: number, now: number) => void;
};

export type SubmitInput = {
  pseudonym: string;
  channel: Channel;
  locale: Locale;
  answers: Answers;
  complete: boolean;
  draftTipId?: string;
  /** Encrypted platform address, kept only when the reporter agreed to be messaged. */
  addressEnc?: string;
};

const str = (a: Answers, k: string) => (typeof a[k] === 'string' ? (a[k] as string) : null);

export function newTipId(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += CROCKFORD_ALPHABET[randomInt(32)];
  return `TIP-${s}`;
}

export function createTipsService(deps: {
  db: Db;
  secret: string;
  triage: TriagePort;
  extractLinks: LinkExtractor;
  receiptAttemptsPerHour: number;
  /** The lifecycle's owner appends follow-ups to the thread (one writer for tip messages). */
  repository: Pick<TipsRepository, 'addMessage'>;
  hooks?: TipsHooks;
}) {
  const { db, secret, triage } = deps;
  const hooks = deps.hooks ?? {};

  function score(answers: Answers): TriageResult {
    const texts = ['recruiter', 'destination', 'description'].map((k) => str(answers, k)).filter((t): t is string => !!t);
    return triage.scoreTip({ answers, texts });
  }

  /**
   * The score follows the case: the tip's answers and texts plus every follow-up the reporter
   * sent, scored together ("berangkat besok malam" alone is mild; beside "ditawari kerja di
   * Malaysia lewat jalan tikus" it is not). Urgency never falls by itself (officers decide
   * that); a rise from normal to urgent alerts once, naming the reasons that are new.
   */
  function rescoreCase(tip: TipRow, now: number): void {
    const followups = db
      .select({ text: tipMessages.text })
      .from(tipMessages)
      .where(and(eq(tipMessages.tipId, tip.id), eq(tipMessages.direction, 'in')))
      .orderBy(asc(tipMessages.id))
      .all()
      .map((m) => m.text ?? '')
      .filter((t) => t && !/^\[\d+ file\]$/.test(t));
    const answers = (tip.answers && typeof tip.answers === 'object' ? tip.answers : {}) as Answers;
    const texts = [tip.recruiter, tip.destination, tip.description, ...followups].filter((t): t is string => !!t);
    const r = triage.scoreTip({ answers, texts });
    const was = tip.urgencyReasons ?? [];
    const wasUrgent = tip.urgency === 'urgent';
    const risen = !wasUrgent && r.urgency === 'urgent';
    const values = wasUrgent
      ? { urgencyScore: Math.max(tip.urgencyScore, r.score), urgencyReasons: [...new Set([...was, ...r.reasons])] }
      : { urgency: r.urgency, urgencyScore: r.score, urgencyReasons: r.reasons };
    db.update(tips).set({ ...values, updatedAt: now }).where(eq(tips.id, tip.id)).run();
    if (risen) {
      const row = db.select().from(tips).where(eq(tips.id, tip.id)).get() as TipRow;
      hooks.onTipCommitted?.(row, now, 'risen', { risenBy: r.reasons.filter((x) => !was.includes(x)) });
    }
  }

  function writeLinks(tipId: string, answers: Answers): void {
    const text = ['recruiter', 'description', 'destination'].map((k) => str(answers, k) ?? '').join('\n');
    for (const l of deps.extractLinks(text)) {
      db.insert(tipLinks).values({ tipId, kind: l.kind, value: l.value }).onConflictDoNothing().run();
    }
  }

  function writeMedia(tipId: string, list: MediaRef[], now: number): void {
    for (const m of list) {
      db.insert(media)
        .values({ id: m.id, tipId, sha256: m.sha256, mime: m.mime, size: m.size, kind: m.kind, createdAt: now })
        .onConflictDoNothing()
        .run();
    }
  }

  function fields(answers: Answers) {
    return {
      category: str(answers, 'category'),
      regency: str(answers, 'regency'),
      destination: str(answers, 'destination'),
      recruiter: str(answers, 'recruiter'),
      description: str(answers, 'description'),
      mayContact: str(answers, 'may_contact') === 'yes',
    };
  }

  function uniqueId(): string {
    for (;;) {
      const id = newTipId();
      if (!db.select({ id: tips.id }).from(tips).where(eq(tips.id, id)).get()) return id;
    }
  }

  return {
    /** Evidence files a case holds (the per-report count covers follow-ups too). */
    mediaCount(tipId: string): number {
      return db.select({ n: count() }).from(media).where(eq(media.tipId, tipId)).get()?.n ?? 0;
    },
    /**
     * Store a report (or finish an early draft). Returns the receipt, shown once and never stored.
     */
    submit(input: SubmitInput, now: number): { tipId: string; receipt: string; urgent: boolean } {
      const receipt = newReceipt();
      const receiptHash = hashReceipt(secret, normaliseReceipt(receipt) as string);
      const triaged = score(input.answers);
      const f = fields(input.answers);
      const existing = input.draftTipId ? db.select().from(tips).where(eq(tips.id, input.draftTipId)).get() : undefined;
      // An early alert already made the tip urgent: a later, calmer answer never downgrades it.
      const urgent = triaged.urgency === 'urgent' || existing?.urgency === 'urgent';
      const reasons = [...new Set([...(existing?.urgencyReasons ?? []), ...triaged.reasons])];
      const values = {
        ...f,
        receiptHash,
        answers: input.answers,
        urgency: urgent ? 'urgent' : 'normal',
        urgencyScore: Math.max(triaged.score, existing?.urgencyScore ?? 0),
        urgencyReasons: reasons,
        complete: input.complete,
        updatedAt: now,
      };
      let tipId: string;
      if (existing) {
        tipId = existing.id;
        db.update(tips).set(values).where(eq(tips.id, tipId)).run();
      } else {
        tipId = uniqueId();
        db.insert(tips)
          .values({ ...values, id: tipId, pseudonym: input.pseudonym, channel: input.channel, locale: input.locale, status: 'new', createdAt: now })
          .run();
      }
      const list = Array.isArray(input.answers.evidence) ? (input.answers.evidence as MediaRef[]) : [];
      writeMedia(tipId, list, now);
      writeLinks(tipId, input.answers);
      if (f.mayContact && input.addressEnc) {
        db.insert(contacts)
          .values({ pseudonym: input.pseudonym, channel: input.channel, addressEnc: input.addressEnc, createdAt: now, updatedAt: now })
          .onConflictDoUpdate({ target: contacts.pseudonym, set: { addressEnc: input.addressEnc, updatedAt: now } })
          .run();
      }
      const row = db.select().from(tips).where(eq(tips.id, tipId)).get() as TipRow;
      hooks.onTipCommitted?.(row, now, 'submitted');
      return { tipId, receipt, urgent };
    },

    /** An urgent signal before the report is finished: store what we have and alert now. */
    createDraft(input: Omit<SubmitInput, 'complete' | 'draftTipId'>, signal: TriageResult, now: number): string {
      const tipId = uniqueId();
      const triaged = score(input.answers);
      const reasons = [...new Set([...signal.reasons, ...triaged.reasons])];
      // The draft's receipt is never shown: the final submission issues the real one.
      const receiptHash = hashReceipt(secret, normaliseReceipt(newReceipt()) as string);
      db.insert(tips)
        .values({
          ...fields(input.answers),
          id: tipId,
          receiptHash,
          pseudonym: input.pseudonym,
          channel: input.channel,
          locale: input.locale,
          answers: input.answers,
          urgency: 'urgent',
          urgencyScore: Math.max(signal.score, triaged.score),
          urgencyReasons: reasons,
          status: 'new',
          complete: false,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      writeLinks(tipId, input.answers);
      const row = db.select().from(tips).where(eq(tips.id, tipId)).get() as TipRow;
      hooks.onTipCommitted?.(row, now, 'draft');
      return tipId;
    },

    /**
     * Find a case by receipt, throttled per sender. Officer replies become "seen" when shown.
     */
    lookup(pseudonym: string, receiptInput: string, now: number):
      | { kind: 'throttled' }
      | { kind: 'not_found' }
      | { kind: 'found'; tip: TipRow; replies: Array<{ text: string; createdAt: number }> } {
      const hourAgo = now - 3_600_000;
      const failures =
        db
          .select({ n: count() })
          .from(receiptAttempts)
          .where(and(eq(receiptAttempts.pseudonym, pseudonym), gte(receiptAttempts.at, hourAgo), eq(receiptAttempts.ok, false)))
          .get()?.n ?? 0;
      if (failures >= deps.receiptAttemptsPerHour) return { kind: 'throttled' };
      const norm = normaliseReceipt(receiptInput);
      const tip = norm ? db.select().from(tips).where(eq(tips.receiptHash, hashReceipt(secret, norm))).get() : undefined;
      db.insert(receiptAttempts).values({ pseudonym, at: now, ok: !!tip }).run();
      if (!tip) return { kind: 'not_found' };
      const replies = db
        .select()
        .from(tipMessages)
        .where(and(eq(tipMessages.tipId, tip.id), eq(tipMessages.direction, 'out')))
        .orderBy(asc(tipMessages.id))
        .all();
      db.update(tipMessages)
        .set({ seenByReporter: true })
        .where(and(eq(tipMessages.tipId, tip.id), eq(tipMessages.direction, 'out')))
        .run();
      return { kind: 'found', tip, replies: replies.map((r) => ({ text: r.text ?? '', createdAt: r.createdAt })) };
    },

    /** Append the reporter's follow-up (text and/or evidence) to a case. */
    addFollowup(tipId: string, text: string, list: MediaRef[], now: number): boolean {
      const tip = db.select().from(tips).where(eq(tips.id, tipId)).get();
      if (!tip) return false;
      const body = text.trim() || (list.length ? `[${list.length} file]` : '');
      if (!body) return false;
      const messageId = deps.repository.addMessage(tipId, { direction: 'in', author: null, text: body }, now);
      writeMedia(tipId, list, now);
      if (text.trim()) {
        for (const l of deps.extractLinks(text)) db.insert(tipLinks).values({ tipId, kind: l.kind, value: l.value }).onConflictDoNothing().run();
        rescoreCase(tip, now);
      }
      hooks.onFollowup?.(tip, messageId, now);
      return true;
    },
  };
}

export type TipsService = ReturnType<typeof createTipsService>;
