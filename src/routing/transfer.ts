/**
 * Handing a tip to another regency's team (wrong regency given, person moved): the tip's regency
 * changes, a claim by the old team is released so the new team can claim it, the move is audited
 * and noted in the thread, and the new team is alerted exactly once per transfer (outbox key
 * `transfer:<tipId>:<n>`, n = the tip's transfer count) — all in one transaction. The tip's own
 * rows are written by the tips repository (`moveRegency`), the lifecycle's one owner; this module
 * adds the routing side: audit, and the alerts to the new team.
 */
import { and, eq, sql } from 'drizzle-orm';
import { enqueueJob } from '../alerts/outbox.js';
import { recordAudit } from '../storage/audit-log.js';
import type { Q, Storage } from '../storage/storage.js';
import type { TipsRepository } from '../tips/tips-repository.js';
import type { Route } from './routes-schema.js';

export type TransferOutcome =
  | { kind: 'ok'; from: string | null; to: string; n: number; alerted: boolean }
  | { kind: 'not_found' }
  | { kind: 'same_regency' }
  | { kind: 'finished'; status: string };

export type TransferInput = {
  tipId: string;
  to: string;
  note?: string;
  officer: { actor: string; name: string };
  now: number;
  /** The new regency's team, or undefined for the province. */
  route: Route | undefined;
  /** The province's Telegram group and WhatsApp group. */
  province: { telegramChatId?: string; whatsappJid?: string };
  /** Whether Telegram alerts can be sent at all (a bot token is configured). */
  telegramOn: boolean;
  /** A label of the old regency for the alert's first line. */
  fromLabel: (regency: string | null) => string;
};

/** The tip lifecycle's owner moving a tip's regency inside the transfer's transaction `q`. */
export type TransferTipsPort = {
  moveRegency(q: Q, tipId: string, move: { to: string; author: string; note?: string }, now: number): Promise<Awaited<ReturnType<TipsRepository['moveRegency']>>>;
};

/**
 * ```ts
 * await transferTip(storage, tipsRepository, { tipId, to: 'bengkayang', officer, now, route: routing.routeFor('bengkayang'), province, telegramOn: true, fromLabel });
 * ```
 */
export async function transferTip(s: Storage, tipsRepository: TransferTipsPort, t: TransferInput): Promise<TransferOutcome> {
  const { auditLog } = s.t;
  return s.tx(async (q): Promise<TransferOutcome> => {
    // Transfers of one tip from two instances count their number n one after another.
    await s.lock(q, `tip:${t.tipId}`);
    const moved = await tipsRepository.moveRegency(q, t.tipId, { to: t.to, author: t.officer.name, note: t.note }, t.now);
    if (moved.kind !== 'ok') return moved;
    const tip = { regency: moved.from };
    const [count] = await q
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(and(eq(auditLog.tipId, t.tipId), eq(auditLog.action, 'tip.transfer')));
    const n = Number(count?.n ?? 0) + 1;
    await recordAudit(s, q, {
      actor: t.officer.actor,
      action: 'tip.transfer',
      tipId: t.tipId,
      detail: { from: tip.regency, to: t.to, n, released: moved.released, team: t.route ? 'regency' : 'province' },
      now: t.now,
    });
    const chatId = t.route?.telegramChatId ?? t.province.telegramChatId;
    const jid = t.route ? t.route.whatsappJid : t.province.whatsappJid;
    const note = `➡️ Dipindahkan dari ${t.fromLabel(tip.regency)} oleh ${t.officer.name}`;
    let alerted = false;
    if (chatId && t.telegramOn) {
      alerted = await enqueueJob(s, q, { kind: 'taskforce_alert', payload: { tipId: t.tipId, chatId, note }, idempotencyKey: `transfer:${t.tipId}:${n}`, now: t.now });
      // The old team's alert shows the tip's new state (released, no longer theirs to claim).
      await enqueueJob(s, q, { kind: 'alert_update', payload: { tipId: t.tipId }, idempotencyKey: `alert_update:${t.tipId}:transfer:${n}`, now: t.now });
    }
    if (jid) {
      await enqueueJob(s, q, { kind: 'taskforce_alert_wa', payload: { tipId: t.tipId, jid, note }, idempotencyKey: `transfer_wa:${t.tipId}:${n}`, now: t.now });
      alerted = true;
    }
    return { kind: 'ok', from: tip.regency, to: t.to, n, alerted };
  });
}
