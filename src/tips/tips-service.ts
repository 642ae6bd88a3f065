/**
 * Tips on the conversation side: submit (complete, incomplete or early draft), look up by receipt,
 * follow-ups. Every method takes the caller's transaction `q` (the conversation turn's), so a tip,
 * its outbox rows and the conversation state commit together before any reply leaves.
 */
import { randomInt } from 'node:crypto';
import { and, asc, count, eq, gte } from 'drizzle-orm';
import { CROCKFORD_ALPHABET } from '../engine/text.js';
import type { Answers } from '../engine/types.js';
import type { Channel, Locale, MediaRef } from '../messages.js';
import type { tips } from '../storage/schema.js';
import type { Q, Storage } from '../storage/storage.js';
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
  /** Called inside the transaction `q` after a tip row is written (alerts enqueue outbox rows here). */
  onTipCommitted?: (q: Q, tip: TipRow, now: number, event: 'draft' | 'submitted' | 'risen', change?: { risenBy: string[] }) => Promise<unknown> | unknown;
  /** Called inside the transaction `q` after a reporter's follow-up is stored. */
  onFollowup?: (q: Q, tip: TipRow, messageId: number, now: number) => Promise<unknown> | unknown;
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
  storage: Storage;
  secret: string;
  triage: TriagePort;
  extractLinks: LinkExtractor;
  receiptAttemptsPerHour: number;
  /** The lifecycle's owner appends follow-ups to the thread (one writer for tip messages). */
  repository: Pick<TipsRepository, 'addMessage'>;
  hooks?: TipsHooks;
}) {
  const { storage: s, secret, triage } = deps;
  const { contacts, media, receiptAttempts, tipLinks, tipMessages, tips } = s.t;
  const hooks = deps.hooks ?? {};
  const tipRow = async (q: Q, id: string): Promise<TipRow | undefined> => (await q.select().from(tips).where(eq(tips.id, id)).limit(1))[0];

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
  async function rescoreCase(q: Q, tip: TipRow, now: number): Promise<void> {
    const followups = (
      await q
        .select({ text: tipMessages.text })
        .from(tipMessages)
        .where(and(eq(tipMessages.tipId, tip.id), eq(tipMessages.direction, 'in')))
        .orderBy(asc(tipMessages.id))
    )
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
    await q.update(tips).set({ ...values, updatedAt: now }).where(eq(tips.id, tip.id));
    if (risen) {
      const row = (await tipRow(q, tip.id)) as TipRow;
      await hooks.onTipCommitted?.(q, row, now, 'risen', { risenBy: r.reasons.filter((x) => !was.includes(x)) });
    }
  }

  async function insertLinks(q: Q, tipId: string, text: string): Promise<void> {
    const links = deps.extractLinks(text);
    if (links.length) await q.insert(tipLinks).values(links.map((l) => ({ tipId, kind: l.kind, value: l.value }))).onConflictDoNothing();
  }

  function writeLinks(q: Q, tipId: string, answers: Answers): Promise<void> {
    return insertLinks(q, tipId, ['recruiter', 'description', 'destination'].map((k) => str(answers, k) ?? '').join('\n'));
  }

  async function writeMedia(q: Q, tipId: string, list: MediaRef[], now: number): Promise<void> {
    if (!list.length) return;
    await q
      .insert(media)
      .values(list.map((m) => ({ id: m.id, tipId, sha256: m.sha256, mime: m.mime, size: m.size, kind: m.kind, createdAt: now })))
      .onConflictDoNothing();
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

  async function uniqueId(q: Q): Promise<string> {
    for (;;) {
      const id = newTipId();
      const [taken] = await q.select({ id: tips.id }).from(tips).where(eq(tips.id, id)).limit(1);
      if (!taken) return id;
    }
  }

  return {
    /** Evidence files a case holds (the per-report count covers follow-ups too). */
    async mediaCount(q: Q, tipId: string): Promise<number> {
      const [row] = await q.select({ n: count() }).from(media).where(eq(media.tipId, tipId));
      return Number(row?.n ?? 0);
    },
    /**
     * Store a report (or finish an early draft). Returns the receipt, shown once and never stored.
     */
    async submit(q: Q, input: SubmitInput, now: number): Promise<{ tipId: string; receipt: string; urgent: boolean }> {
      const receipt = newReceipt();
      const receiptHash = hashReceipt(secret, normaliseReceipt(receipt) as string);
      const triaged = score(input.answers);
      const f = fields(input.answers);
      const existing = input.draftTipId ? await tipRow(q, input.draftTipId) : undefined;
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
        await q.update(tips).set(values).where(eq(tips.id, tipId));
      } else {
        tipId = await uniqueId(q);
        await q
          .insert(tips)
          .values({ ...values, id: tipId, pseudonym: input.pseudonym, channel: input.channel, locale: input.locale, status: 'new', createdAt: now });
      }
      const list = Array.isArray(input.answers.evidence) ? (input.answers.evidence as MediaRef[]) : [];
      await writeMedia(q, tipId, list, now);
      await writeLinks(q, tipId, input.answers);
      if (f.mayContact && input.addressEnc) {
        await q
          .insert(contacts)
          .values({ pseudonym: input.pseudonym, channel: input.channel, addressEnc: input.addressEnc, createdAt: now, updatedAt: now })
          .onConflictDoUpdate({ target: contacts.pseudonym, set: { addressEnc: input.addressEnc, updatedAt: now } });
      }
      const row = (await tipRow(q, tipId)) as TipRow;
      await hooks.onTipCommitted?.(q, row, now, 'submitted');
      return { tipId, receipt, urgent };
    },

    /** An urgent signal before the report is finished: store what we have and alert now. */
    async createDraft(q: Q, input: Omit<SubmitInput, 'complete' | 'draftTipId'>, signal: TriageResult, now: number): Promise<string> {
      const tipId = await uniqueId(q);
      const triaged = score(input.answers);
      const reasons = [...new Set([...signal.reasons, ...triaged.reasons])];
      // The draft's receipt is never shown: the final submission issues the real one.
      const receiptHash = hashReceipt(secret, normaliseReceipt(newReceipt()) as string);
      await q
        .insert(tips)
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
        });
      await writeLinks(q, tipId, input.answers);
      const row = (await tipRow(q, tipId)) as TipRow;
      await hooks.onTipCommitted?.(q, row, now, 'draft');
      return tipId;
    },

    /**
     * Find a case by receipt, throttled per sender. Officer replies become "seen" when shown.
     */
    async lookup(q: Q, pseudonym: string, receiptInput: string, now: number): Promise<
      | { kind: 'throttled' }
      | { kind: 'not_found' }
      | { kind: 'found'; tip: TipRow; replies: Array<{ text: string; createdAt: number }> }
    > {
      const hourAgo = now - 3_600_000;
      const [failed] = await q
        .select({ n: count() })
        .from(receiptAttempts)
        .where(and(eq(receiptAttempts.pseudonym, pseudonym), gte(receiptAttempts.at, hourAgo), eq(receiptAttempts.ok, false)));
      if (Number(failed?.n ?? 0) >= deps.receiptAttemptsPerHour) return { kind: 'throttled' };
      const norm = normaliseReceipt(receiptInput);
      const [tip] = norm ? await q.select().from(tips).where(eq(tips.receiptHash, hashReceipt(secret, norm))).limit(1) : [];
      await q.insert(receiptAttempts).values({ pseudonym, at: now, ok: !!tip });
      if (!tip) return { kind: 'not_found' };
      const replies = await q
        .select()
        .from(tipMessages)
        .where(and(eq(tipMessages.tipId, tip.id), eq(tipMessages.direction, 'out')))
        .orderBy(asc(tipMessages.id));
      await q
        .update(tipMessages)
        .set({ seenByReporter: true })
        .where(and(eq(tipMessages.tipId, tip.id), eq(tipMessages.direction, 'out')));
      return { kind: 'found', tip, replies: replies.map((r) => ({ text: r.text ?? '', createdAt: r.createdAt })) };
    },

    /** Append the reporter's follow-up (text and/or evidence) to a case. */
    async addFollowup(q: Q, tipId: string, text: string, list: MediaRef[], now: number): Promise<boolean> {
      const tip = await tipRow(q, tipId);
      if (!tip) return false;
      const body = text.trim() || (list.length ? `[${list.length} file]` : '');
      if (!body) return false;
      const messageId = await deps.repository.addMessage(q, tipId, { direction: 'in', author: null, text: body }, now);
      await writeMedia(q, tipId, list, now);
      if (text.trim()) {
        await insertLinks(q, tipId, text);
        await rescoreCase(q, tip, now);
      }
      await hooks.onFollowup?.(q, tip, messageId, now);
      return true;
    },
  };
}

export type TipsService = ReturnType<typeof createTipsService>;
