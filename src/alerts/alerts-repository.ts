/**
 * The alerts room's storage: reading tips as alert views, remembering which platform message
 * belongs to which tip, and the audit trail. It only reads tip tables: every change to a tip
 * (status, thread, relay) goes through the tips repository. Reads never select the receipt hash
 * or the reporter's pseudonym.
 *
 * On the storage port (SQLite or PostgreSQL): every function takes the port and a query handle
 * `q` — the caller's transaction, or `s.run`'s handle for a read on its own.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, sql } from 'drizzle-orm';
import type { Q, Storage } from '../storage/storage.js';
import type { AlertView, DetailsView } from './alert-render.js';

const viewColumns = (s: Storage) => {
  const { tips } = s.t;
  return {
    id: tips.id,
    urgency: tips.urgency,
    reasons: tips.urgencyReasons,
    regency: tips.regency,
    category: tips.category,
    destination: tips.destination,
    recruiter: tips.recruiter,
    description: tips.description,
    complete: tips.complete,
    status: tips.status,
    claimedBy: tips.claimedBy,
    createdAt: tips.createdAt,
  };
};

export type AlertMessageKind = 'alert' | 'escalation' | 'details' | 'followup';

/** Ids of other tips naming the same recruiter phone, agency, link or bank account. */
export async function relatedTipIds(s: Storage, q: Q, tipId: string): Promise<string[]> {
  const rows = await s.rows<{ id: string }>(
    q,
    sql`select distinct o.tip_id as id from tip_links l
        join tip_links o on o.kind = l.kind and o.value = l.value and o.tip_id <> l.tip_id
        where l.tip_id = ${tipId} order by o.tip_id`,
  );
  return rows.map((r) => r.id);
}

/**
 * The reasons a follow-up added when it made a normal tip urgent: kept in the payload of the
 * tip's one alert (`alert:<tipId>`), so every later edit of that alert still says what changed.
 */
async function risenBy(s: Storage, q: Q, tipId: string): Promise<string[] | undefined> {
  const { outbox } = s.t;
  const [row] = await q.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.idempotencyKey, `alert:${tipId}`)).limit(1);
  const reasons = (row?.payload as { risenBy?: unknown } | null | undefined)?.risenBy;
  return Array.isArray(reasons) && reasons.length ? reasons.map(String) : undefined;
}

/** Where the person is now and how many are involved (report/emergency answers), for the summary. */
function situation(answers: unknown): Pick<AlertView, 'whereNow' | 'peopleCount'> {
  const a = answers && typeof answers === 'object' ? (answers as Record<string, unknown>) : {};
  const pick = (k: string) => (typeof a[k] === 'string' && a[k] !== 'unsure' ? (a[k] as string) : null);
  return { whereNow: pick('where_now'), peopleCount: pick('people_count') };
}

async function toView(s: Storage, q: Q, { answers, ...row }: Omit<AlertView, 'relatedCount'> & { answers?: unknown }): Promise<AlertView> {
  const rise = await risenBy(s, q, row.id);
  return {
    ...row,
    ...situation(answers),
    reasons: Array.isArray(row.reasons) ? row.reasons : [],
    relatedCount: (await relatedTipIds(s, q, row.id)).length,
    ...(rise ? { risenBy: rise } : {}),
  };
}

/** A tip as the group may see it, or undefined when it no longer exists. */
export async function loadAlertView(s: Storage, q: Q, tipId: string): Promise<AlertView | undefined> {
  const { tips } = s.t;
  const [row] = await q.select({ ...viewColumns(s), answers: tips.answers }).from(tips).where(eq(tips.id, tipId)).limit(1);
  return row ? toView(s, q, row) : undefined;
}

/** A tip as the claiming officer sees it privately. */
export async function loadDetailsView(s: Storage, q: Q, tipId: string): Promise<DetailsView | undefined> {
  const { tips, media, tipMessages } = s.t;
  const [row] = await q
    .select({ ...viewColumns(s), channel: tips.channel, answers: tips.answers })
    .from(tips)
    .where(eq(tips.id, tipId))
    .limit(1);
  if (!row) return undefined;
  const related = await relatedTipIds(s, q, tipId);
  const [count] = await q.select({ n: sql<number>`count(*)` }).from(media).where(eq(media.tipId, tipId));
  const thread = await q
    .select({ direction: tipMessages.direction, author: tipMessages.author, text: tipMessages.text, createdAt: tipMessages.createdAt })
    .from(tipMessages)
    .where(and(eq(tipMessages.tipId, tipId), inArray(tipMessages.direction, ['in', 'out'])))
    .orderBy(asc(tipMessages.id));
  const answers = row.answers && typeof row.answers === 'object' ? (row.answers as Record<string, unknown>) : {};
  const rise = await risenBy(s, q, tipId);
  return {
    ...row,
    ...situation(answers),
    reasons: Array.isArray(row.reasons) ? row.reasons : [],
    relatedCount: related.length,
    ...(rise ? { risenBy: rise } : {}),
    related,
    answers,
    mediaCount: Number(count?.n ?? 0),
    thread,
  };
}

/** Remember a sent alert/details message so button presses and replies find their tip. */
export async function recordAlertMessage(
  s: Storage,
  q: Q,
  m: { channel: string; chatId: string; messageId: string; tipId: string; kind: AlertMessageKind; now: number },
): Promise<void> {
  const { alertMessages } = s.t;
  await q
    .insert(alertMessages)
    .values({ channel: m.channel, chatId: m.chatId, messageId: m.messageId, tipId: m.tipId, kind: m.kind, createdAt: m.now })
    .onConflictDoNothing();
}

/** The tip a platform message belongs to (an alert, escalation, details or forwarded follow-up). */
export async function findAlertMessage(s: Storage, q: Q, channel: string, chatId: string, messageId: string) {
  const { alertMessages } = s.t;
  const [row] = await q
    .select()
    .from(alertMessages)
    .where(and(eq(alertMessages.channel, channel), eq(alertMessages.chatId, chatId), eq(alertMessages.messageId, messageId)))
    .limit(1);
  return row;
}

/** Alert and escalation messages of a tip in one chat, to edit them all after an action. */
export async function groupMessagesForTip(s: Storage, q: Q, tipId: string, channel: string, chatId: string) {
  const { alertMessages } = s.t;
  return q
    .select()
    .from(alertMessages)
    .where(
      and(
        eq(alertMessages.tipId, tipId),
        eq(alertMessages.channel, channel),
        eq(alertMessages.chatId, chatId),
        inArray(alertMessages.kind, ['alert', 'escalation']),
      ),
    )
    .orderBy(asc(alertMessages.createdAt), asc(alertMessages.messageId));
}

/** The Telegram user id of whoever last claimed the tip (from the audit trail). */
export async function lastTelegramClaimer(s: Storage, q: Q, tipId: string): Promise<string | undefined> {
  const { auditLog } = s.t;
  const [row] = await q
    .select({ actor: auditLog.actor })
    .from(auditLog)
    .where(and(eq(auditLog.tipId, tipId), eq(auditLog.action, 'tip.claim'), sql`${auditLog.actor} like 'telegram:%'`))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row?.actor.slice('telegram:'.length);
}

/** A registered officer's name for a Telegram user id, when the officers table knows them. */
export async function officerNameForTelegram(s: Storage, q: Q, telegramUserId: string): Promise<string | undefined> {
  const { officers } = s.t;
  const [row] = await q.select({ name: officers.name }).from(officers).where(eq(officers.telegramUserId, telegramUserId)).limit(1);
  return row?.name;
}

export async function tipBasics(s: Storage, q: Q, tipId: string) {
  const { tips } = s.t;
  const [row] = await q
    .select({ id: tips.id, pseudonym: tips.pseudonym, mayContact: tips.mayContact, status: tips.status, urgency: tips.urgency })
    .from(tips)
    .where(eq(tips.id, tipId))
    .limit(1);
  return row;
}

export async function getTipMessage(s: Storage, q: Q, id: number) {
  const { tipMessages } = s.t;
  const [row] = await q.select().from(tipMessages).where(eq(tipMessages.id, id)).limit(1);
  return row;
}

/** Urgent tips still `new` created at or before `createdBefore`, with their regency, oldest first. */
export async function unclaimedUrgentTips(
  s: Storage,
  q: Q,
  createdBefore: number,
): Promise<Array<{ id: string; createdAt: number; regency: string | null }>> {
  const { tips } = s.t;
  return q
    .select({ id: tips.id, createdAt: tips.createdAt, regency: tips.regency })
    .from(tips)
    .where(and(eq(tips.urgency, 'urgent'), eq(tips.status, 'new'), lte(tips.createdAt, createdBefore)))
    .orderBy(asc(tips.createdAt), asc(tips.id));
}

/** Normal (non-urgent, non-spam) tips created in [since, until), oldest first. */
export async function normalTipsBetween(s: Storage, q: Q, since: number, until: number): Promise<AlertView[]> {
  const { tips } = s.t;
  const rows = await q
    .select(viewColumns(s))
    .from(tips)
    .where(and(eq(tips.urgency, 'normal'), ne(tips.status, 'spam'), gte(tips.createdAt, since), lt(tips.createdAt, until)))
    .orderBy(asc(tips.createdAt), asc(tips.id));
  const out: AlertView[] = [];
  for (const r of rows) out.push(await toView(s, q, r));
  return out;
}

/** The end of the window covered by the most recent digest, if any. */
export async function lastDigestUntil(s: Storage, q: Q): Promise<number | undefined> {
  const { outbox } = s.t;
  const [row] = await q.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.kind, 'digest')).orderBy(desc(outbox.id)).limit(1);
  const until = (row?.payload as { until?: unknown } | undefined)?.until;
  return typeof until === 'number' ? until : undefined;
}

/** A tip's regency id (null when unknown or the tip is gone): which team it belongs to. */
export async function tipRegency(s: Storage, q: Q, tipId: string): Promise<string | null> {
  const { tips } = s.t;
  const [row] = await q.select({ regency: tips.regency }).from(tips).where(eq(tips.id, tipId)).limit(1);
  return row?.regency ?? null;
}

/** Every chat holding an alert or escalation of the tip (team, province copy, escalations). */
export async function alertChatsForTip(s: Storage, q: Q, tipId: string, channel: string): Promise<string[]> {
  const { alertMessages } = s.t;
  const rows = await q
    .selectDistinct({ chatId: alertMessages.chatId })
    .from(alertMessages)
    .where(and(eq(alertMessages.tipId, tipId), eq(alertMessages.channel, channel), inArray(alertMessages.kind, ['alert', 'escalation'])))
    .orderBy(asc(alertMessages.chatId));
  return rows.map((r) => r.chatId);
}
