/**
 * The tip lifecycle's one owner: status transitions (one state machine, `tip-status.ts`), the
 * thread (follow-ups, officer replies, notes, referrals), the relay decision for an officer's
 * reply, erasure on request and redaction by retention. The officer API, the dashboard, the task
 * force's Telegram buttons and the retention job all call this; no other room writes tip tables.
 *
 * Cross-room needs come in as ports at construction (explicit order in app.ts): whether a channel
 * can push a message, how a relay is queued (the outbox), and where audit entries go.
 */
import { and, eq, } from 'drizzle-orm';
import type { Db } from '../storage/db.js';
import { contacts, tipMessages, tips } from '../storage/schema.js';
import { eraseTips } from './erasure.js';
import { canTransition, FINISHED, holderAfter, isTipStatus, type TipStatus } from './tip-status.js';

/** An audit entry as the tips room writes it (the officers' audit log stores it). */
export type TipAuditEntry = { actor: string; action: string; tipId?: string | null; detail?: Record<string, unknown>; now: number };

export type TipsRepositoryDeps = {
  db: Db;
  mediaDir: string;
  /** Can this channel push a message to a reporter now? (The web chat cannot: it only answers.) */
  canPush: (channel: string) => boolean;
  /** Queue the delivery of an officer reply (the outbox's `relay_reply`), inside the caller's transaction. */
  enqueueRelay: (tipMessageId: number, now: number) => void;
  audit: (entry: TipAuditEntry) => void;
  /**
   * A status changed (inside its transaction), so views of the tip elsewhere can follow: app.ts
   * queues a refresh of the task force's group alert. Not called when the caller refreshes itself.
   */
  onStatusChanged?: (tipId: string, to: TipStatus, now: number) => void;
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

/** Where a relayed reply goes: the reporter's encrypted address on a channel that can push. */
export type RelayTarget = { tipId: string; text: string; channel: string; addressEnc: string; locale: string };

/**
 * ```ts
 * const tipsRepository = createTipsRepository({ db, mediaDir, canPush, enqueueRelay, audit });
 * tipsRepository.transition('TIP-7K3F9Q', { to: 'claimed', by: 'Sari', onlyFrom: ['new'] }, now);
 * tipsRepository.reply('TIP-7K3F9Q', { author: 'Sari', text: 'Kami segera ke lokasi.' }, now);
 * ```
 */
export function createTipsRepository(deps: TipsRepositoryDeps) {
  const { db } = deps;
  const txn = <T>(fn: () => T): T => db.$client.transaction(fn)();

  function current(tipId: string) {
    return db
      .select({ status: tips.status, claimedBy: tips.claimedBy, mayContact: tips.mayContact, pseudonym: tips.pseudonym, locale: tips.locale })
      .from(tips)
      .where(eq(tips.id, tipId))
      .get();
  }

  function touch(tipId: string, now: number): void {
    db.update(tips).set({ updatedAt: now }).where(eq(tips.id, tipId)).run();
  }

  /** The reporter's contact when an officer reply may be pushed: they opted in and their channel can push. */
  function pushableContact(tip: { mayContact: boolean; pseudonym: string | null }) {
    if (!tip.mayContact || !tip.pseudonym) return undefined;
    const contact = db
      .select({ channel: contacts.channel, addressEnc: contacts.addressEnc })
      .from(contacts)
      .where(eq(contacts.pseudonym, tip.pseudonym))
      .get();
    return contact && deps.canPush(contact.channel) ? contact : undefined;
  }

  function addMessage(tipId: string, m: { direction: ThreadDirection; author: string | null; text: string }, now: number): number {
    const row = db
      .insert(tipMessages)
      .values({ tipId, direction: m.direction, author: m.author, text: m.text, createdAt: now })
      .returning({ id: tipMessages.id })
      .get();
    touch(tipId, now);
    return row.id;
  }

  return {
    /**
     * Move a tip to `to` if the workflow allows it from where it is (and from one of `onlyFrom`,
     * when given: the Telegram claim button takes only unclaimed cases). Compare-and-set, so two
     * officers pressing at once cannot both win. Claiming records `by` as the holder.
     */
    transition(
      tipId: string,
      change: { to: TipStatus; by: string; onlyFrom?: readonly TipStatus[]; notify?: boolean },
      now: number,
    ): TransitionOutcome {
      return txn(() => {
        const tip = current(tipId);
        if (!tip) return { kind: 'not_found' };
        const refused = { kind: 'conflict', from: tip.status, claimedBy: tip.claimedBy } as const;
        if (change.onlyFrom && !(change.onlyFrom as readonly string[]).includes(tip.status)) return refused;
        if (tip.status === change.to && isTipStatus(tip.status)) return { kind: 'same', from: tip.status, claimedBy: tip.claimedBy };
        if (!canTransition(tip.status, change.to) || !isTipStatus(tip.status)) return refused;
        const claimedBy = holderAfter(change.to, tip.claimedBy, change.by);
        const changed = db
          .update(tips)
          .set({ status: change.to, claimedBy, updatedAt: now })
          .where(and(eq(tips.id, tipId), eq(tips.status, tip.status)))
          .run().changes;
        if (changed !== 1) return refused;
        if (change.notify !== false) deps.onStatusChanged?.(tipId, change.to, now);
        return { kind: 'ok', from: tip.status, claimedBy };
      });
    },

    /** Whether a tip is finished (closed or spam), for answers like "this case is already closed". */
    isFinished(status: string): boolean {
      return isTipStatus(status) && FINISHED.has(status);
    },

    /** Officers hold the case (an active investigation): a reporter's erase request waits. */
    setHold(tipId: string, hold: boolean, now: number): void {
      db.update(tips).set({ hold, updatedAt: now }).where(eq(tips.id, tipId)).run();
    },

    /** Append to a tip's thread (a reporter's follow-up, a note, a system line); bumps `updatedAt`. */
    addMessage,

    /** Record a "no wrong door" referral: on the tip and as a system line in its thread. */
    setReferral(tipId: string, referral: string, author: string, now: number): void {
      db.update(tips).set({ referral, updatedAt: now }).where(eq(tips.id, tipId)).run();
      addMessage(tipId, { direction: 'system', author, text: `referral:${referral}` }, now);
    },

    /**
     * Store an officer's reply and decide, in one place, whether it is pushed: only when the
     * reporter said yes to "may we message you here?" and their channel can push (Telegram,
     * WhatsApp when connected). Otherwise it waits for the reporter's next status check, where
     * the status flow shows it. Audited. Undefined when the tip does not exist.
     */
    reply(tipId: string, r: { author: string; actor: string; text: string }, now: number): { tipMessageId: number; delivered: ReplyDelivery } | undefined {
      return txn(() => {
        const tip = current(tipId);
        if (!tip) return undefined;
        const tipMessageId = addMessage(tipId, { direction: 'out', author: r.author, text: r.text }, now);
        const delivered: ReplyDelivery = pushableContact(tip) ? 'queued' : 'waiting_for_reporter';
        if (delivered === 'queued') deps.enqueueRelay(tipMessageId, now);
        deps.audit({ actor: r.actor, action: 'tip.reply', tipId, detail: { tipMessageId, delivered }, now });
        return { tipMessageId, delivered };
      });
    },

    /**
     * Where a queued reply goes at delivery time, or undefined if it must not be pushed now (already
     * delivered, the reporter's contact erased, the channel no longer able to push).
     */
    relayTarget(tipMessageId: number): RelayTarget | undefined {
      const msg = db.select().from(tipMessages).where(eq(tipMessages.id, tipMessageId)).get();
      if (!msg || msg.delivered || !msg.text || msg.direction !== 'out') return undefined;
      const tip = current(msg.tipId);
      const contact = tip ? pushableContact(tip) : undefined;
      if (!tip || !contact) return undefined;
      return { tipId: msg.tipId, text: msg.text, channel: contact.channel, addressEnc: contact.addressEnc, locale: tip.locale };
    },

    /** Mark a relayed reply delivered (in the outbox's delivery transaction). */
    markDelivered(tipMessageId: number): void {
      db.update(tipMessages).set({ delivered: true }).where(eq(tipMessages.id, tipMessageId)).run();
    },

    /**
     * Erase one case on request, leaving nothing readable: delegated to `erasure.ts` (rows, files no
     * other case uses, platform messages queued for deletion, a WAL checkpoint). Audited.
     */
    erase(tipId: string, actor: string, now: number): boolean {
      return eraseTips([tipId], { db, mediaDir: deps.mediaDir, now, actor, action: 'tip.erase' }).tipIds.length > 0;
    },
  };
}

export type TipsRepository = ReturnType<typeof createTipsRepository>;
