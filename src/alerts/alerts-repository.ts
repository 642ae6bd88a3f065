/**
 * The alerts room's storage: reading tips as alert views, remembering which platform message
 * belongs to which tip, and the audit trail. It only reads tip tables: every change to a tip
 * (status, thread, relay) goes through the tips repository. Reads never select the receipt hash
 * or the reporter's pseudonym.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../storage/db.js';
import { alertMessages, auditLog, media, officers, outbox, tipMessages, tips } from '../storage/schema.js';
import type { AlertView, DetailsView } from './alert-render.js';

const viewColumns = {
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

export type AlertMessageKind = 'alert' | 'escalation' | 'details' | 'followup';

/** Ids of other tips naming the same recruiter phone, agency, link or bank account. */
export function relatedTipIds(db: Db, tipId: string): string[] {
  const rows = db.$client
    .prepare(
      `select distinct o.tip_id as id from tip_links l
       join tip_links o on o.kind = l.kind and o.value = l.value and o.tip_id <> l.tip_id
       where l.tip_id = ? order by o.tip_id`,
    )
    .all(tipId) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/**
 * The reasons a follow-up added when it made a normal tip urgent: kept in the payload of the
 * tip's one alert (`alert:<tipId>`), so every later edit of that alert still says what changed.
 */
function risenBy(db: Db, tipId: string): string[] | undefined {
  const row = db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.idempotencyKey, `alert:${tipId}`)).get();
  const reasons = (row?.payload as { risenBy?: unknown } | null | undefined)?.risenBy;
  return Array.isArray(reasons) && reasons.length ? reasons.map(String) : undefined;
}

/** Where the person is now and how many are involved (report/emergency answers), for the summary. */
function situation(answers: unknown): Pick<AlertView, 'whereNow' | 'peopleCount'> {
  const a = answers && typeof answers === 'object' ? (answers as Record<string, unknown>) : {};
  const pick = (k: string) => (typeof a[k] === 'string' && a[k] !== 'unsure' ? (a[k] as string) : null);
  return { whereNow: pick('where_now'), peopleCount: pick('people_count') };
}

function toView(db: Db, { answers, ...row }: Omit<AlertView, 'relatedCount'> & { answers?: unknown }): AlertView {
  const rise = risenBy(db, row.id);
  return {
    ...row,
    ...situation(answers),
    reasons: Array.isArray(row.reasons) ? row.reasons : [],
    relatedCount: relatedTipIds(db, row.id).length,
    ...(rise ? { risenBy: rise } : {}),
  };
}

/** A tip as the group may see it, or undefined when it no longer exists. */
export function loadAlertView(db: Db, tipId: string): AlertView | undefined {
  const row = db.select({ ...viewColumns, answers: tips.answers }).from(tips).where(eq(tips.id, tipId)).get();
  return row ? toView(db, row) : undefined;
}

/** A tip as the claiming officer sees it privately. */
export function loadDetailsView(db: Db, tipId: string): DetailsView | undefined {
  const row = db
    .select({ ...viewColumns, channel: tips.channel, answers: tips.answers })
    .from(tips)
    .where(eq(tips.id, tipId))
    .get();
  if (!row) return undefined;
  const related = relatedTipIds(db, tipId);
  const mediaCount = Number(
    db.select({ n: sql<number>`count(*)` }).from(media).where(eq(media.tipId, tipId)).get()?.n ?? 0,
  );
  const thread = db
    .select({ direction: tipMessages.direction, author: tipMessages.author, text: tipMessages.text, createdAt: tipMessages.createdAt })
    .from(tipMessages)
    .where(and(eq(tipMessages.tipId, tipId), inArray(tipMessages.direction, ['in', 'out'])))
    .orderBy(asc(tipMessages.id))
    .all();
  const answers = row.answers && typeof row.answers === 'object' ? (row.answers as Record<string, unknown>) : {};
  const rise = risenBy(db, tipId);
  return {
    ...row,
    ...situation(answers),
    reasons: Array.isArray(row.reasons) ? row.reasons : [],
    relatedCount: related.length,
    ...(rise ? { risenBy: rise } : {}),
    related,
    answers,
    mediaCount,
    thread,
  };
}

/** Remember a sent alert/details message so button presses and replies find their tip. */
export function recordAlertMessage(
  db: Db,
  m: { channel: string; chatId: string; messageId: string; tipId: string; kind: AlertMessageKind; now: number },
): void {
  db.insert(alertMessages)
    .values({ channel: m.channel, chatId: m.chatId, messageId: m.messageId, tipId: m.tipId, kind: m.kind, createdAt: m.now })
    .onConflictDoNothing()
    .run();
}

/** The tip a platform message belongs to (an alert, escalation, details or forwarded follow-up). */
export function findAlertMessage(db: Db, channel: string, chatId: string, messageId: string) {
  return db
    .select()
    .from(alertMessages)
    .where(and(eq(alertMessages.channel, channel), eq(alertMessages.chatId, chatId), eq(alertMessages.messageId, messageId)))
    .get();
}

/** Alert and escalation messages of a tip in one chat, to edit them all after an action. */
export function groupMessagesForTip(db: Db, tipId: string, channel: string, chatId: string) {
  return db
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
    .orderBy(asc(alertMessages.createdAt))
    .all();
}

/** The Telegram user id of whoever last claimed the tip (from the audit trail). */
export function lastTelegramClaimer(db: Db, tipId: string): string | undefined {
  const row = db
    .select({ actor: auditLog.actor })
    .from(auditLog)
    .where(and(eq(auditLog.tipId, tipId), eq(auditLog.action, 'tip.claim'), sql`${auditLog.actor} like 'telegram:%'`))
    .orderBy(desc(auditLog.id))
    .get();
  return row?.actor.slice('telegram:'.length);
}

/** A registered officer's name for a Telegram user id, when the officers table knows them. */
export function officerNameForTelegram(db: Db, telegramUserId: string): string | undefined {
  return db
    .select({ name: officers.name })
    .from(officers)
    .where(eq(officers.telegramUserId, telegramUserId))
    .get()?.name;
}

export function tipBasics(db: Db, tipId: string) {
  return db
    .select({ id: tips.id, pseudonym: tips.pseudonym, mayContact: tips.mayContact, status: tips.status, urgency: tips.urgency })
    .from(tips)
    .where(eq(tips.id, tipId))
    .get();
}

export function getTipMessage(db: Db, id: number) {
  return db.select().from(tipMessages).where(eq(tipMessages.id, id)).get();
}

export function unclaimedUrgentTips(db: Db, createdBefore: number): Array<{ id: string; createdAt: number }> {
  return db
    .select({ id: tips.id, createdAt: tips.createdAt })
    .from(tips)
    .where(and(eq(tips.urgency, 'urgent'), eq(tips.status, 'new'), lte(tips.createdAt, createdBefore)))
    .orderBy(asc(tips.createdAt))
    .all();
}

/** Normal (non-urgent, non-spam) tips created in [since, until), oldest first. */
export function normalTipsBetween(db: Db, since: number, until: number): AlertView[] {
  return db
    .select(viewColumns)
    .from(tips)
    .where(and(eq(tips.urgency, 'normal'), ne(tips.status, 'spam'), gte(tips.createdAt, since), lt(tips.createdAt, until)))
    .orderBy(asc(tips.createdAt), asc(tips.id))
    .all()
    .map((r) => toView(db, r));
}

/** The end of the window covered by the most recent digest, if any. */
export function lastDigestUntil(db: Db): number | undefined {
  const row = db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(eq(outbox.kind, 'digest'))
    .orderBy(desc(outbox.id))
    .get();
  const until = (row?.payload as { until?: unknown } | undefined)?.until;
  return typeof until === 'number' ? until : undefined;
}

/** A tip's regency id (null when unknown or the tip is gone): which team it belongs to. */
export function tipRegency(db: Db, tipId: string): string | null {
  return db.select({ regency: tips.regency }).from(tips).where(eq(tips.id, tipId)).get()?.regency ?? null;
}

/** Every chat holding an alert or escalation of the tip (team, province copy, escalations). */
export function alertChatsForTip(db: Db, tipId: string, channel: string): string[] {
  return db
    .selectDistinct({ chatId: alertMessages.chatId })
    .from(alertMessages)
    .where(and(eq(alertMessages.tipId, tipId), eq(alertMessages.channel, channel), inArray(alertMessages.kind, ['alert', 'escalation'])))
    .all()
    .map((r) => r.chatId);
}
