/**
 * Erasure that leaves nothing readable behind (DESIGN.md "Erasure"). One module for every path
 * that removes a case's content:
 *
 * - an admin's erase (`DELETE /api/tips/:id`) → {@link eraseTips}: the row goes;
 * - retention of old closed cases → {@link redactTips}: the row stays with the fields statistics
 *   need (category, regency, urgency, status, dates), everything else goes;
 * - a reporter's own request with the receipt → {@link requestErasure} cuts the link to them at
 *   once (receipt hash, pseudonym, contact, conversation state), and
 *   {@link eraseDueRequests} erases the content `SELF_ERASE_DELAY_DAYS` later unless officers
 *   hold the case — whoever takes a reporter's phone must not be able to wipe the evidence.
 *
 * What "the content" is, per case: the tip's free text and answers, its thread (follow-ups,
 * officer replies, notes), media rows and the files no other case uses, identifier links,
 * the reporter's encrypted contact (kept only while another live case of the same sender still
 * allows replies), conversation state rows that point at the case, receipt look-up rows of
 * those senders (failures of the last hour stay, so an erase never resets the guessing
 * throttle), pending outbox work, and the platform messages the task force received: Telegram
 * alerts, escalations, forwarded follow-ups and officers' private details messages are deleted
 * (Telegram lets a bot delete its messages for 48 hours) or else edited to a content-free notice,
 * and WhatsApp alerts are deleted for everyone — through the outbox (`erase_message_tg`,
 * `erase_message_wa`), idempotent per message. Then `wal_checkpoint(TRUNCATE)`: `secure_delete`
 * zeroes freed pages in the database file but does not reach the WAL.
 */
import { and, eq, inArray, isNull, lt, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { Api } from 'grammy';
import { recordAudit } from '../storage/audit-log.js';
import { checkpointTruncate } from '../storage/checkpointer.js';
import { DeferDeliveryError, enqueueJob, type OutboxHandler } from '../storage/outbox.js';
import type { Q, Storage } from '../storage/storage.js';
import { removeUnreferencedFiles } from './case-files.js';
import { jsonText } from './json-path.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Days between a reporter's erase request and the erasure of the content. Long enough for the
 * officers to see the request and hold an active case; short enough to honour the request
 * (UU 27/2022 PDP asks for erasure without undue delay). The reporter is told "7 days"
 * (flows/locales/*\/erasure.json): change both together.
 */
export const SELF_ERASE_DELAY_DAYS = 7;
export const SELF_ERASE_DELAY_MS = SELF_ERASE_DELAY_DAYS * DAY_MS;

/** Telegram lets a bot delete its own messages for 48 hours; older ones are edited instead. */
export const TELEGRAM_DELETE_WINDOW_MS = 47 * HOUR_MS;

/** What a Telegram alert becomes when it can no longer be deleted. */
export const ERASED_NOTICE = 'Kasus ini telah dihapus. / This case has been erased.';

/** Report-flow answers typed by the reporter (flows/report.flow.ts `ask` steps). */
const FREE_TEXT_KEYS = new Set(['destination', 'recruiter', 'description']);

/**
 * Answers keep only what cannot be free text: booleans, numbers and choice ids (short snake_case
 * tokens, as flows persist them). Typed answers (`FREE_TEXT_KEYS`, even a one-word one) and
 * anything else that looks like a sentence or an object (evidence refs) are dropped.
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

/**
 * After an erasure, hasten the bytes' disappearance, outside any transaction. SQLite:
 * {@link checkpointTruncate} through the storage's queue (the file uses secure_delete, so deleted
 * rows are zeroed and the WAL is emptied). PostgreSQL: VACUUM the tables that held the case, so the
 * dead row versions are removed now rather than whenever autovacuum comes; their bytes may still
 * linger in freed page space and in the server's WAL segments until overwritten (README "Scaling":
 * encrypted disks, short WAL retention).
 */
export function checkpointWal(s: Storage): Promise<boolean> {
  const db = s.sqlite;
  if (!db) {
    return s
      .run((q) => s.exec(q, sql.raw(`vacuum ${ERASED_TABLES.join(', ')}`)))
      .then(() => true)
      .catch(() => false);
  }
  return s.run(async () => checkpointTruncate(db));
}

/** Tables an erasure deletes from (PostgreSQL vacuums them afterwards). */
const ERASED_TABLES = ['tips', 'tip_messages', 'media', 'tip_links', 'contacts', 'conversations', 'receipt_attempts', 'outbox', 'alert_messages'];

/** A receipt hash that no receipt can ever hash to (hashes are 64 hex digits). */
function deadReceiptHash(tipId: string, now: number): string {
  return `erased:${tipId}:${now}:${Math.random().toString(36).slice(2)}`;
}

/** Outbox rows about the tips (any state): they would re-send content or point at nothing. */
async function dropOutboxWork(s: Storage, q: Q, ids: string[], msgIds: number[]): Promise<void> {
  const { outbox } = s.t;
  const about: SQL[] = [inArray(jsonText(s, outbox.payload, 'tipId'), ids)];
  if (msgIds.length) about.push(inArray(jsonText(s, outbox.payload, 'tipMessageId'), msgIds));
  await q.delete(outbox).where(or(...about));
}

/** Queue the deletion (or neutral edit) of every platform message the task force got about the tips. */
async function queuePlatformErasure(s: Storage, q: Q, ids: string[], now: number): Promise<number> {
  const { alertMessages, outbox } = s.t;
  let queued = 0;
  const tg = await q
    .select({ chatId: alertMessages.chatId, messageId: alertMessages.messageId, createdAt: alertMessages.createdAt })
    .from(alertMessages)
    .where(and(inArray(alertMessages.tipId, ids), eq(alertMessages.channel, 'telegram')));
  for (const m of tg) {
    const key = `erase_msg:tg:${m.chatId}:${m.messageId}`;
    if (await enqueueJob(s, q, { kind: 'erase_message_tg', payload: { chatId: m.chatId, messageId: m.messageId, sentAt: m.createdAt }, idempotencyKey: key, now })) queued++;
  }
  // WhatsApp alerts are remembered only as the outbox rows' platform message ids.
  const wa = await q
    .select({ ids: outbox.platformMessageId, at: outbox.deliveredAt, jid: jsonText(s, outbox.payload, 'jid').mapWith(String) })
    .from(outbox)
    .where(
      and(
        inArray(outbox.kind, ['taskforce_alert_wa', 'escalation_wa']),
        eq(outbox.status, 'delivered'),
        inArray(jsonText(s, outbox.payload, 'tipId'), ids),
      ),
    );
  for (const row of wa) {
    for (const messageId of (row.ids ?? '').split(',').filter(Boolean)) {
      const key = `erase_msg:wa:${messageId}`;
      // Regency teams' alerts name their group in the payload; the province's default to TASKFORCE_WHATSAPP_JID.
      const payload = { messageId, sentAt: row.at ?? now, ...(row.jid ? { jid: row.jid } : {}) };
      if (await enqueueJob(s, q, { kind: 'erase_message_wa', payload, idempotencyKey: key, now })) queued++;
    }
  }
  return queued;
}

/**
 * Delete the encrypted contact of each pseudonym unless another case of that sender still
 * carries the pseudonym and allows replies (contacts exist only to relay replies on live cases).
 */
async function forgetContacts(s: Storage, q: Q, pseudonyms: string[], exceptTipIds: string[]): Promise<void> {
  const { tips, contacts } = s.t;
  for (const p of pseudonyms) {
    const [live] = await q
      .select({ id: tips.id })
      .from(tips)
      .where(and(eq(tips.pseudonym, p), eq(tips.mayContact, true), exceptTipIds.length ? notInArray(tips.id, exceptTipIds) : undefined))
      .limit(1);
    if (!live) await q.delete(contacts).where(eq(contacts.pseudonym, p));
  }
}

/** Conversation rows whose state points at one of the tips (a status check, a draft, a submission). */
async function referencingConversations(s: Storage, q: Q, ids: string[]): Promise<string[]> {
  const { conversations } = s.t;
  const refs = ['tipId', 'submitted', 'draftTipId'].map((key) => inArray(jsonText(s, conversations.state, 'vars', key), ids));
  const rows = await q.select({ pseudonym: conversations.pseudonym }).from(conversations).where(or(...refs));
  return rows.map((r) => r.pseudonym);
}

/** Receipt look-ups of these senders, except failures inside the throttle hour. */
async function forgetReceiptAttempts(s: Storage, q: Q, pseudonyms: string[], now: number): Promise<void> {
  if (!pseudonyms.length) return;
  const { receiptAttempts } = s.t;
  await q
    .delete(receiptAttempts)
    .where(and(inArray(receiptAttempts.pseudonym, pseudonyms), or(eq(receiptAttempts.ok, true), lt(receiptAttempts.at, now - HOUR_MS))));
}

export type EraseOptions = {
  mediaDir: string;
  now: number;
  /** Who erased, for the audit log (`officer:3:Name`, `system`). */
  actor: string;
  /** Audit action (`tip.erase`, `tip.erase_requested_due`, `retention.redact`…). */
  action: string;
  /** A sender whose conversation row must stay (the one in whose turn this runs). */
  keepConversationOf?: string;
  /**
   * The condition that made these cases due (retention, due erase requests), checked again on
   * each row inside the erasing transaction: a hold or a reopening committed in between keeps it.
   */
  still?: SQL;
};

export type EraseResult = { tipIds: string[]; filesRemoved: number; platformMessages: number; checkpointed: boolean };

type Mode = 'erase' | 'redact';

/** The shared core: everything but the tip row goes; the row is deleted or redacted. In the caller's transaction. */
async function purge(s: Storage, q: Q, ids: string[], mode: Mode, o: Omit<EraseOptions, 'mediaDir'>): Promise<{ shas: string[]; platformMessages: number }> {
  if (!ids.length) return { shas: [], platformMessages: 0 };
  const { tips, tipMessages, media, alertMessages, tipLinks, conversations } = s.t;
  const rows = await q.select({ id: tips.id, pseudonym: tips.pseudonym, answers: tips.answers }).from(tips).where(inArray(tips.id, ids));
  const msgIds = (await q.select({ id: tipMessages.id }).from(tipMessages).where(inArray(tipMessages.tipId, ids))).map((m) => m.id);
  const shas = (await q.select({ sha256: media.sha256 }).from(media).where(inArray(media.tipId, ids))).map((m) => m.sha256);
  const pseudonyms = [...new Set(rows.map((r) => r.pseudonym).filter((p): p is string => !!p))];

  // First read what was sent (WhatsApp alert ids live on the outbox rows), then drop the rows.
  const platformMessages = await queuePlatformErasure(s, q, ids, o.now);
  await dropOutboxWork(s, q, ids, msgIds);
  await q.delete(alertMessages).where(inArray(alertMessages.tipId, ids));
  await q.delete(media).where(inArray(media.tipId, ids));
  await q.delete(tipMessages).where(inArray(tipMessages.tipId, ids));
  await q.delete(tipLinks).where(inArray(tipLinks.tipId, ids));

  const convs = (await referencingConversations(s, q, ids)).filter((p) => p !== o.keepConversationOf);
  if (convs.length) await q.delete(conversations).where(inArray(conversations.pseudonym, convs));
  await forgetReceiptAttempts(s, q, [...new Set([...pseudonyms, ...convs])], o.now);

  if (mode === 'erase') {
    await q.delete(tips).where(inArray(tips.id, ids));
  } else {
    for (const r of rows) {
      await q
        .update(tips)
        .set({
          description: null,
          recruiter: null,
          destination: null,
          answers: stripFreeText(r.answers),
          pseudonym: null,
          receiptHash: deadReceiptHash(r.id, o.now),
          mayContact: false,
          redactedAt: o.now,
        })
        .where(eq(tips.id, r.id));
    }
  }
  await forgetContacts(s, q, pseudonyms, ids);
  return { shas, platformMessages };
}

/** After the commit: files no row names any more, then the WAL. */
async function finish(s: Storage, mediaDir: string, ids: string[], r: { shas: string[]; platformMessages: number }): Promise<EraseResult> {
  const filesRemoved = await removeUnreferencedFiles(s, mediaDir, r.shas);
  const checkpointed = ids.length ? await checkpointWal(s) : true;
  return { tipIds: ids, filesRemoved, platformMessages: r.platformMessages, checkpointed };
}

/**
 * The cases of `ids` that exist and still meet `still`, row-locked for the rest of the transaction
 * (a no-op update: PostgreSQL re-checks the condition after any concurrent writer commits).
 */
async function lockStillDue(s: Storage, q: Q, ids: string[], still: SQL | undefined): Promise<string[]> {
  if (!ids.length) return [];
  const { tips } = s.t;
  const rows = await q
    .update(tips)
    .set({ updatedAt: sql`${tips.updatedAt}` })
    .where(and(inArray(tips.id, ids), still))
    .returning({ id: tips.id });
  return rows.map((t) => t.id);
}

/**
 * Erase cases completely: rows, files, platform messages, then a WAL checkpoint. Returns the ids
 * that existed (an unknown id is skipped). Owns its transaction.
 *
 * ```ts
 * const r = await eraseTips(storage, ['TIP-7K3F9Q'], { mediaDir, now, actor: officer.actor, action: 'tip.erase' });
 * if (!r.tipIds.length) throw notFound();
 * ```
 */
export async function eraseTips(s: Storage, ids: string[], o: EraseOptions): Promise<EraseResult> {
  const { found, r } = await s.tx(async (q) => {
    const found = await lockStillDue(s, q, ids, o.still);
    const r = await purge(s, q, found, 'erase', o);
    for (const id of found) await recordAudit(s, q, { actor: o.actor, action: o.action, tipId: id, now: o.now });
    return { found, r };
  });
  return finish(s, o.mediaDir, found, r);
}

/**
 * Redact cases for retention: the row keeps category, regency, urgency, status and dates (so
 * statistics do not change); everything else goes as in {@link eraseTips}. Owns its transaction.
 */
export async function redactTips(s: Storage, ids: string[], o: EraseOptions): Promise<EraseResult> {
  const { tips } = s.t;
  const { found, r } = await s.tx(async (q) => {
    const found = await lockStillDue(s, q, ids, and(isNull(tips.redactedAt), o.still));
    const r = await purge(s, q, found, 'redact', o);
    if (found.length) await recordAudit(s, q, { actor: o.actor, action: o.action, detail: { count: found.length }, now: o.now });
    return { found, r };
  });
  return finish(s, o.mediaDir, found, r);
}

/**
 * A reporter's erase request, inside the turn's transaction `q`: the receipt stops opening the case,
 * the case forgets its sender (pseudonym, may-contact), the sender's contact and other
 * conversations pointing at the case go, and the officers see `erasureRequestedAt`. The content
 * stays until {@link eraseDueRequests} runs after the delay (or later, while held). Returns false
 * for an unknown or already requested case. Checkpoint the WAL after the commit ({@link checkpointWal}).
 */
export async function requestErasure(s: Storage, q: Q, tipId: string, o: { now: number; pseudonym: string }): Promise<boolean> {
  const { tips, tipMessages, outbox, conversations } = s.t;
  const [tip] = await q.select({ id: tips.id, pseudonym: tips.pseudonym, requested: tips.erasureRequestedAt }).from(tips).where(eq(tips.id, tipId)).limit(1);
  if (!tip || tip.requested !== null) return false;
  // Conditional on "not requested yet": a second request racing on another instance changes nothing.
  const [marked] = await q
    .update(tips)
    .set({ receiptHash: deadReceiptHash(tipId, o.now), pseudonym: null, mayContact: false, erasureRequestedAt: o.now, updatedAt: o.now })
    .where(and(eq(tips.id, tipId), isNull(tips.erasureRequestedAt)))
    .returning({ id: tips.id });
  if (!marked) return false;
  // Replies waiting to be pushed to the reporter cannot reach them any more.
  const msgIds = (await q.select({ id: tipMessages.id }).from(tipMessages).where(eq(tipMessages.tipId, tipId))).map((m) => m.id);
  if (msgIds.length) {
    await q
      .delete(outbox)
      .where(and(eq(outbox.kind, 'relay_reply'), ne(outbox.status, 'delivered'), inArray(jsonText(s, outbox.payload, 'tipMessageId'), msgIds)));
  }
  const senders = [...new Set([tip.pseudonym, o.pseudonym].filter((p): p is string => !!p))];
  const convs = (await referencingConversations(s, q, [tipId])).filter((p) => p !== o.pseudonym);
  if (convs.length) await q.delete(conversations).where(inArray(conversations.pseudonym, convs));
  await forgetReceiptAttempts(s, q, [...new Set([...senders, ...convs])], o.now);
  await forgetContacts(s, q, senders, [tipId]);
  await recordAudit(s, q, { actor: 'reporter', action: 'tip.erase_requested', tipId, detail: { eraseAfter: new Date(o.now + SELF_ERASE_DELAY_MS).toISOString() }, now: o.now });
  return true;
}

/**
 * Erase the cases whose reporter asked more than `delayMs` ago and that officers do not hold.
 * Run by the retention job (daily, and whenever an admin runs retention).
 */
export async function eraseDueRequests(s: Storage, o: { mediaDir: string; now: number; delayMs?: number }): Promise<EraseResult> {
  const { tips } = s.t;
  const isDue = and(lt(tips.erasureRequestedAt, o.now - (o.delayMs ?? SELF_ERASE_DELAY_MS) + 1), eq(tips.hold, false));
  const due = (await s.run((q) => q.select({ id: tips.id }).from(tips).where(isDue))).map((t) => t.id);
  return eraseTips(s, due, { mediaDir: o.mediaDir, now: o.now, actor: 'system', action: 'tip.erase_requested_due', still: isDue });
}

/** The Bot API calls the erasure handlers need; grammY's `bot.api` fits (deleteMessage optional: edit only). */
export type ErasureTelegramApi = Pick<Api, 'editMessageText'> & Partial<Pick<Api, 'deleteMessage'>>;

/** A WhatsApp port that can delete its own messages for everyone. */
export type DeletingPort = { deleteMessage(jid: string, messageId: string): Promise<void> };

/** The channel lookup the erasure handlers need (structurally `ChannelRegistry`, channels/). */
export type ErasureChannels = { get(channel: 'whatsapp'): ({ status(): string; standby?(): boolean } & Partial<DeletingPort>) | undefined };

/** Telegram's answer that retrying cannot change (gone, too old, not editable…). */
function isBadRequest(err: unknown): boolean {
  const e = err as { error_code?: unknown; name?: unknown };
  return e?.name === 'GrammyError' && e.error_code === 400;
}

/**
 * Outbox handlers that remove platform messages about erased cases. Network errors and 429s
 * throw (the outbox retries with backoff, honouring `retry_after`); a 400 means there is nothing
 * more a bot can do for that message (already gone, or neither deletable nor editable).
 *
 * ```ts
 * const worker = createOutboxWorker({ db, clock, handlers: { ...alerts.handlers, ...createErasureHandlers({ clock, telegramApi: () => bot.api, channels, waJid }) } });
 * ```
 */
export function createErasureHandlers(deps: {
  clock: () => number;
  telegramApi: () => ErasureTelegramApi | undefined;
  channels: ErasureChannels;
  waJid?: string;
}): Record<string, OutboxHandler> {
  return {
    async erase_message_tg(p) {
      const { chatId, messageId, sentAt } = p as { chatId: string; messageId: string; sentAt: number };
      const api = deps.telegramApi();
      if (!api) throw new Error('telegram is not attached yet');
      const id = Number(messageId);
      if (api.deleteMessage && deps.clock() - sentAt < TELEGRAM_DELETE_WINDOW_MS) {
        try {
          await api.deleteMessage(chatId, id);
          return { platformMessageId: messageId };
        } catch (err) {
          if (!isBadRequest(err)) throw err; // too old after all, or not allowed: edit instead
        }
      }
      try {
        await api.editMessageText(chatId, id, ERASED_NOTICE, { reply_markup: { inline_keyboard: [] } });
      } catch (err) {
        if (!isBadRequest(err)) throw err;
      }
      return { platformMessageId: messageId };
    },

    async erase_message_wa(p) {
      const { messageId, jid = deps.waJid } = p as { messageId: string; jid?: string };
      if (!jid) return {};
      const port = deps.channels.get('whatsapp');
      // Another instance holds the WhatsApp session: the row goes back for that instance.
      if (port?.standby?.()) throw new DeferDeliveryError('whatsapp: another instance holds the session');
      if (!port?.deleteMessage || port.status() !== 'up') throw new Error('whatsapp channel is not up');
      await port.deleteMessage(jid, messageId);
      return { platformMessageId: messageId };
    },
  };
}
