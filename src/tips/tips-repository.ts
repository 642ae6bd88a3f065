/**
 * The tip lifecycle's one owner: status transitions (one state machine, `tip-status.ts`), the
 * thread (follow-ups, officer replies, notes, referrals), the relay decision for an officer's
 * reply, erasure on request and redaction by retention. The officer API, the dashboard, the task
 * force's Telegram buttons and the retention job all call this; no other room writes tip tables.
 *
 * Cross-room needs come in as ports at construction (explicit order in app.ts): whether a channel
 * can push a message, how a relay is queued (the outbox), and where audit entries go.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Q, Storage } from '../storage/storage.js';
import { affected } from '../storage/storage.js';
import { eraseTips } from './erasure.js';
import { jsonText } from './json-path.js';
import { canTransition, FINISHED, holderAfter, isTipStatus, type TipStatus } from './tip-status.js';

/** An audit entry as the tips room writes it (the officers' audit log stores it). */
export type TipAuditEntry = { actor: string; action: string; tipId?: string | null; detail?: Record<string, unknown>; now: number };

export type TipsRepositoryDeps = {
  storage: Storage;
  mediaDir: string;
  /** Can this channel push a message to a reporter now? (The web chat cannot: it only answers.) */
  canPush: (channel: string) => boolean;
  /** Queue the delivery of an officer reply (the outbox's `relay_reply`), inside the caller's transaction `q`. */
  enqueueRelay: (q: Q, tipMessageId: number, now: number) => Promise<unknown> | unknown;
  /** Append an audit entry inside the transaction `q`. */
  audit: (q: Q, entry: TipAuditEntry) => Promise<unknown> | unknown;
  /**
   * A status changed (inside its transaction `q`), so views of the tip elsewhere can follow: app.ts
   * queues a refresh of the task force's group alert. Not called when the caller refreshes itself.
   */
  onStatusChanged?: (q: Q, tipId: string, to: TipStatus, now: number) => Promise<unknown> | unknown;
};

/** What a status change did. `conflict`: the workflow (or the caller's `onlyFrom`) refused it. */
export type TransitionOutcome =
  | { kind: 'ok'; from: TipStatus; claimedBy: string | null }
  | { kind: 'same'; from: TipStatus; claimedBy: string | null }
  | { kind: 'not_found' }
  | { kind: 'conflict'; from: string; claimedBy: string | null };

export type ThreadDirection = 'in' | 'out' | 'note' | 'system';

/** Whether an officer's reply was pushed to the reporter or waits for their status check. */
export type ReplyDelivery = 'queued' | 'waiting_for_reporter';

/** What moving a tip to another regency did (`released`: the claim status the old team lost). */
export type RegencyMoveOutcome =
  | { kind: 'ok'; from: string | null; released: TipStatus | null }
  | { kind: 'not_found' }
  | { kind: 'same_regency' }
  | { kind: 'finished'; status: string };

/** One non-spam tip as the regency figures read it: when it was first claimed (from the audit log). */
export type TipFigureRow = { regency: string | null; urgency: string; status: string; created_at: number; claimed_at: number | null };

/** Where a relayed reply goes: the reporter's encrypted address on a channel that can push. */
export type RelayTarget = { tipId: string; text: string; channel: string; addressEnc: string; locale: string };

type StatusChange = { to: TipStatus; by: string; onlyFrom?: readonly TipStatus[]; notify?: boolean };
type Current = { status: string; claimedBy: string | null };

/** The workflow's answer for a tip as it stands: an outcome now, or the claim holder after the move. */
function decide(tip: Current | undefined, change: StatusChange): TransitionOutcome | { kind: 'move'; from: TipStatus; claimedBy: string | null } {
  if (!tip) return { kind: 'not_found' };
  const refused = { kind: 'conflict', from: tip.status, claimedBy: tip.claimedBy } as const;
  if (change.onlyFrom && !(change.onlyFrom as readonly string[]).includes(tip.status)) return refused;
  if (tip.status === change.to && isTipStatus(tip.status)) return { kind: 'same', from: tip.status, claimedBy: tip.claimedBy };
  if (!canTransition(tip.status, change.to) || !isTipStatus(tip.status)) return refused;
  return { kind: 'move', from: tip.status, claimedBy: holderAfter(change.to, tip.claimedBy, change.by) };
}

/** Where a regency move stands: an outcome now, or the claim status the old team loses. */
function decideMove(tip: { regency: string | null; status: string } | undefined, to: string): RegencyMoveOutcome | { kind: 'move'; released: TipStatus | null } {
  if (!tip) return { kind: 'not_found' };
  if (tip.regency === to) return { kind: 'same_regency' };
  if (!isTipStatus(tip.status) || FINISHED.has(tip.status)) return { kind: 'finished', status: tip.status };
  return { kind: 'move', released: tip.status === 'claimed' || tip.status === 'in_progress' ? tip.status : null };
}

/**
 * Methods that take `q` run inside the caller's transaction (a status move and its audit entry,
 * a transfer and its alert commit together); the others own their transaction. Never call one
 * that owns its transaction from inside another `storage.tx` (on SQLite they share one queue).
 *
 * ```ts
 * const tipsRepository = createTipsRepository({ storage, mediaDir, canPush, enqueueRelay, audit });
 * await storage.tx(async (q) => {
 *   const moved = await tipsRepository.transition(q, 'TIP-7K3F9Q', { to: 'claimed', by: 'Sari', onlyFrom: ['new'] }, now);
 *   if (moved.kind === 'ok') await recordAudit(storage, q, { actor, action: 'tip.claim', tipId: 'TIP-7K3F9Q', now });
 * });
 * await tipsRepository.reply('TIP-7K3F9Q', { author: 'Sari', actor, text: 'Kami segera ke lokasi.' }, now);
 * ```
 */
export function createTipsRepository(deps: TipsRepositoryDeps) {
  const s = deps.storage;
  const { tips, tipMessages, contacts } = s.t;

  async function current(q: Q, tipId: string) {
    const [row] = await q
      .select({ status: tips.status, claimedBy: tips.claimedBy, mayContact: tips.mayContact, pseudonym: tips.pseudonym, locale: tips.locale })
      .from(tips)
      .where(eq(tips.id, tipId))
      .limit(1);
    return row;
  }

  /** The reporter's contact when an officer reply may be pushed: they opted in and their channel can push. */
  async function pushableContact(q: Q, tip: { mayContact: boolean; pseudonym: string | null }) {
    if (!tip.mayContact || !tip.pseudonym) return undefined;
    const [contact] = await q
      .select({ channel: contacts.channel, addressEnc: contacts.addressEnc })
      .from(contacts)
      .where(eq(contacts.pseudonym, tip.pseudonym))
      .limit(1);
    return contact && deps.canPush(contact.channel) ? contact : undefined;
  }

  async function addMessage(q: Q, tipId: string, m: { direction: ThreadDirection; author: string | null; text: string }, now: number): Promise<number> {
    const [row] = await q
      .insert(tipMessages)
      .values({ tipId, direction: m.direction, author: m.author, text: m.text, createdAt: now })
      .returning({ id: tipMessages.id });
    await q.update(tips).set({ updatedAt: now }).where(eq(tips.id, tipId));
    return row.id;
  }

  return {
    /**
     * Move a tip to `to` if the workflow allows it from where it is (and from one of `onlyFrom`,
     * when given: the Telegram claim button takes only unclaimed cases), in the caller's
     * transaction. Compare-and-set on the status, so two officers pressing at once (on any
     * instance) cannot both win. Claiming records `by` as the holder.
     */
    async transition(q: Q, tipId: string, change: StatusChange, now: number): Promise<TransitionOutcome> {
      const tip = await current(q, tipId);
      const d = decide(tip, change);
      if (d.kind !== 'move') return d;
      const changed = affected(
        await q
          .update(tips)
          .set({ status: change.to, claimedBy: d.claimedBy, updatedAt: now })
          .where(and(eq(tips.id, tipId), eq(tips.status, d.from))),
      );
      if (changed !== 1) {
        // Another officer (on any instance) moved it first: say where it stands now.
        const now = await current(q, tipId);
        return { kind: 'conflict', from: now?.status ?? d.from, claimedBy: now?.claimedBy ?? null };
      }
      if (change.notify !== false) await deps.onStatusChanged?.(q, tipId, change.to, now);
      return { kind: 'ok', from: d.from, claimedBy: d.claimedBy };
    },

    /** Whether a tip is finished (closed or spam), for answers like "this case is already closed". */
    isFinished(status: string): boolean {
      return isTipStatus(status) && FINISHED.has(status);
    },

    /** Officers hold the case (an active investigation): a reporter's erase request waits. In the caller's transaction. */
    async setHold(q: Q, tipId: string, hold: boolean, now: number): Promise<void> {
      await q.update(tips).set({ hold, updatedAt: now }).where(eq(tips.id, tipId));
    },

    /** Append to a tip's thread (a reporter's follow-up, a note, a system line) in the caller's transaction; bumps `updatedAt`. */
    addMessage,

    /** Record a "no wrong door" referral: on the tip and as a system line in its thread. In the caller's transaction. */
    async setReferral(q: Q, tipId: string, referral: string, author: string, now: number): Promise<void> {
      await q.update(tips).set({ referral, updatedAt: now }).where(eq(tips.id, tipId));
      await addMessage(q, tipId, { direction: 'system', author, text: `referral:${referral}` }, now);
    },

    /**
     * Store an officer's reply and decide, in one place, whether it is pushed: only when the
     * reporter said yes to "may we message you here?" and their channel can push (Telegram,
     * WhatsApp when connected). Otherwise it waits for the reporter's next status check, where
     * the status flow shows it. Audited, in its own transaction. Undefined when the tip does not exist.
     */
    reply(tipId: string, r: { author: string; actor: string; text: string }, now: number): Promise<{ tipMessageId: number; delivered: ReplyDelivery } | undefined> {
      return s.tx(async (q) => {
        const tip = await current(q, tipId);
        if (!tip) return undefined;
        const tipMessageId = await addMessage(q, tipId, { direction: 'out', author: r.author, text: r.text }, now);
        const delivered: ReplyDelivery = (await pushableContact(q, tip)) ? 'queued' : 'waiting_for_reporter';
        if (delivered === 'queued') await deps.enqueueRelay(q, tipMessageId, now);
        await deps.audit(q, { actor: r.actor, action: 'tip.reply', tipId, detail: { tipMessageId, delivered }, now });
        return { tipMessageId, delivered };
      });
    },

    /**
     * Where a queued reply goes at delivery time, or undefined if it must not be pushed now (already
     * delivered, the reporter's contact erased, the channel no longer able to push).
     */
    relayTarget(tipMessageId: number): Promise<RelayTarget | undefined> {
      return s.run(async (q) => {
        const [msg] = await q.select().from(tipMessages).where(eq(tipMessages.id, tipMessageId)).limit(1);
        if (!msg || msg.delivered || !msg.text || msg.direction !== 'out') return undefined;
        const tip = await current(q, msg.tipId);
        const contact = tip ? await pushableContact(q, tip) : undefined;
        if (!tip || !contact) return undefined;
        return { tipId: msg.tipId, text: msg.text, channel: contact.channel, addressEnc: contact.addressEnc, locale: tip.locale };
      });
    },

    /** Mark a relayed reply delivered, in the outbox's delivery transaction `q`. */
    async markDelivered(q: Q, tipMessageId: number): Promise<void> {
      await q.update(tipMessages).set({ delivered: true }).where(eq(tipMessages.id, tipMessageId));
    },

    /**
     * Hand a tip to another regency (routing's transfer), in the caller's transaction: the regency
     * changes, a claim by the old team is released so the new team can claim it, and the move (and
     * the officer's note) goes in the thread. Finished tips are not moved.
     */
    async moveRegency(q: Q, tipId: string, m: { to: string; author: string; note?: string }, now: number): Promise<RegencyMoveOutcome> {
      // Compare-and-set on the status read: a claim or close committed meanwhile by another
      // instance is decided on again, never overwritten (PostgreSQL's READ COMMITTED).
      let tip: { regency: string | null; status: string } | undefined;
      let d: ReturnType<typeof decideMove>;
      for (let attempt = 0; ; attempt++) {
        [tip] = await q.select({ regency: tips.regency, status: tips.status }).from(tips).where(eq(tips.id, tipId)).limit(1);
        d = decideMove(tip, m.to);
        if (d.kind !== 'move') return d;
        const moved = await q
          .update(tips)
          .set({ regency: m.to, ...(d.released ? { status: 'new', claimedBy: null } : {}) })
          .where(and(eq(tips.id, tipId), eq(tips.status, tip?.status ?? '')));
        if (affected(moved) === 1) break;
        if (attempt === 4) throw new Error(`tip ${tipId} kept changing during its transfer`);
      }
      await addMessage(q, tipId, { direction: 'system', author: m.author, text: `transfer:${tip?.regency ?? 'unknown'}:${m.to}` }, now);
      if (m.note) await addMessage(q, tipId, { direction: 'note', author: m.author, text: m.note }, now);
      return { kind: 'ok', from: tip?.regency ?? null, released: d.released };
    },

    /**
     * The rows behind the province's regency figures (spam left out), optionally only some
     * regencies: a read model of the tips room, so routing computes figures without reading tip
     * tables itself. The first claim comes from the audit log (claim button or status change).
     */
    figureRows(regencies: readonly string[] | null): Promise<TipFigureRow[]> {
      // Written out with an alias: inside a one-table select drizzle leaves column names unqualified.
      const toClaimed = jsonText(s, sql.raw('a.detail'), 'to');
      const claimedAt: SQL = sql`(select min(a.at) from audit_log a where a.tip_id = "tips"."id" and (a.action = 'tip.claim' or (a.action = 'tip.status' and ${toClaimed} in ('claimed', 'in_progress'))))`;
      return s.run(async (q) => {
        const rows = await q
          .select({ regency: tips.regency, urgency: tips.urgency, status: tips.status, created_at: tips.createdAt, claimed_at: claimedAt })
          .from(tips)
          .where(and(sql`${tips.status} <> 'spam'`, regencies ? (regencies.length ? inArray(tips.regency, [...regencies]) : sql`false`) : undefined));
        // PostgreSQL returns a bigint subquery as text.
        return rows.map((r) => ({ ...r, claimed_at: r.claimed_at === null || r.claimed_at === undefined ? null : Number(r.claimed_at) }));
      });
    },

    /**
     * Erase one case on request, leaving nothing readable: delegated to `erasure.ts` (rows, files no
     * other case uses, platform messages queued for deletion, a WAL checkpoint). Audited.
     */
    async erase(tipId: string, actor: string, now: number): Promise<boolean> {
      return (await eraseTips(s, [tipId], { mediaDir: deps.mediaDir, now, actor, action: 'tip.erase' })).tipIds.length > 0;
    },

  };
}

export type TipsRepository = ReturnType<typeof createTipsRepository>;
