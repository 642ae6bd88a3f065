/**
 * The task force's side of the Telegram bot, as a grammY `Composer` the Telegram adapter mounts
 * before its conversation handler: alert buttons (`a:<action>:<tipId>`) and officers' replies
 * to alert, escalation, details or follow-up messages. Only `TASKFORCE_OFFICER_IDS` may act;
 * anyone else gets a polite refusal and nothing changes. Every action lands in `audit_log`.
 *
 * Messages in the task-force group never reach the reporter conversation flow; private chats
 * pass through (`next()`) unless they are an officer's reply to a details message.
 */
import { Composer, type Context } from 'grammy';
import { type Db, tx } from '../storage/db.js';
import type { TipStatus } from '../tips/tip-status.js';
import type { TipsRepository, TransitionOutcome } from '../tips/tips-repository.js';
import { findAlertMessage, officerNameForTelegram } from './alerts-repository.js';
import type { AlertsService, AlertsConfig } from './alerts-service.js';
import { enqueue } from './outbox.js';

/** Callback data of alert buttons. */
export const ALERT_CALLBACK = /^a:(claim|close|spam):(.+)$/;

export const TEXTS = {
  notOfficer: 'Maaf, tombol ini hanya untuk petugas satgas yang terdaftar.',
  claimed: (id: string) => `Kasus #${id} Anda klaim. Rincian dikirim lewat chat pribadi dengan bot (mulai chat dengan bot bila belum).`,
  alreadyClaimed: (by: string | null) => (by ? `Kasus ini sudah ditangani oleh ${by}.` : 'Kasus ini sudah ditangani petugas lain.'),
  finished: (status: string) => (status === 'spam' ? 'Kasus ini sudah ditandai spam.' : 'Kasus ini sudah ditutup.'),
  notFound: 'Kasus tidak ditemukan (mungkin sudah dihapus).',
  closed: 'Kasus ditutup.',
  spam: 'Kasus ditandai spam.',
  relayed: '✅ Terkirim: balasan diteruskan ke pelapor secara anonim.',
  waiting: '⏳ Balasan disimpan. Menunggu pelapor mengecek status (pelapor tidak mengizinkan pesan langsung).',
  textOnly: 'Hanya teks yang dapat diteruskan ke pelapor.',
} as const;

export type TaskforceComposerDeps = {
  db: Db;
  config: Pick<AlertsConfig, 'TASKFORCE_TELEGRAM_CHAT_ID' | 'TASKFORCE_OFFICER_IDS'>;
  clock: () => number;
  alerts: Pick<AlertsService, 'refreshGroupMessages'>;
  /** The audit log (the officers' `app.audit`): every button press that changes a tip lands there. */
  audit: (entry: { actor: string; action: string; tipId?: string; detail?: Record<string, unknown>; now: number }) => void;
  /** The tip lifecycle's owner: status moves (one state machine) and officer replies. */
  tips: Pick<TipsRepository, 'transition' | 'reply' | 'isFinished'>;
  logger?: { warn(obj: object, msg?: string): void };
};

/** How an officer is named on a tip: the officers table if it knows them, else first name or @username. */
function officerName(db: Db, user: { id: number; first_name: string; username?: string }): string {
  return officerNameForTelegram(db, String(user.id)) ?? (user.first_name?.trim() || (user.username ? `@${user.username}` : String(user.id)));
}

/**
 * ```ts
 * const bot = new Bot(token);
 * bot.use(createTaskforceComposer({ db, config, clock, alerts, tips: tipsRepository }));
 * bot.use(conversationHandler);
 * ```
 */
export function createTaskforceComposer<C extends Context = Context>(deps: TaskforceComposerDeps): Composer<C> {
  const { db, config, clock, alerts, tips, audit } = deps;
  const officers = new Set(config.TASKFORCE_OFFICER_IDS);
  const groupId = config.TASKFORCE_TELEGRAM_CHAT_ID;
  const isOfficer = (userId: number | undefined) => userId !== undefined && officers.has(String(userId));
  const isGroup = (chatId: number | undefined) => chatId !== undefined && groupId !== undefined && String(chatId) === groupId;

  const composer = new Composer<C>();

  composer.callbackQuery(ALERT_CALLBACK, async (ctx) => {
    const action = ctx.match[1] as 'claim' | 'close' | 'spam';
    const tipId = ctx.match[2];
    const user = ctx.callbackQuery.from;
    if (!isOfficer(user.id)) {
      await ctx.answerCallbackQuery({ text: TEXTS.notOfficer, show_alert: true });
      return;
    }
    const now = clock();
    const actor = `telegram:${user.id}`;
    const name = officerName(db, user);
    const outcome: TransitionOutcome = tx(db, () => {
      // The claim button takes only an unclaimed case; close and spam work from any open status.
      const to: TipStatus = action === 'claim' ? 'claimed' : action === 'close' ? 'closed' : 'spam';
      const onlyFrom: TipStatus[] = action === 'claim' ? ['new'] : ['new', 'claimed', 'in_progress'];
      // notify: false — this handler refreshes the group's messages itself, right below.
      const o = tips.transition(tipId, { to, by: name, onlyFrom, notify: false }, now);
      if (o.kind === 'ok') {
        audit({ now, actor, action: `tip.${action}`, tipId, detail: { via: 'telegram', name, from: o.from } });
        if (action === 'claim') {
          enqueue(db, {
            kind: 'officer_details',
            payload: { tipId, officerUserId: String(user.id) },
            idempotencyKey: `details:${tipId}:${user.id}`,
            now,
          });
        }
      }
      return o;
    });

    const answer =
      outcome.kind === 'ok'
        ? action === 'claim'
          ? TEXTS.claimed(tipId)
          : action === 'close'
            ? TEXTS.closed
            : TEXTS.spam
        : outcome.kind === 'not_found'
          ? TEXTS.notFound
          : tips.isFinished(outcome.from)
            ? TEXTS.finished(outcome.from)
            : TEXTS.alreadyClaimed(outcome.claimedBy);
    await ctx.answerCallbackQuery({ text: answer, show_alert: outcome.kind !== 'ok' });

    const msg = ctx.callbackQuery.message;
    if (outcome.kind !== 'not_found' && msg) {
      await alerts.refreshGroupMessages(ctx.api, tipId, String(msg.chat.id), String(msg.message_id));
    }
  });

  composer.on('message', async (ctx, next) => {
    const replyTo = ctx.message.reply_to_message;
    const inGroup = isGroup(ctx.chat.id);
    const link = replyTo ? findAlertMessage(db, 'telegram', String(ctx.chat.id), String(replyTo.message_id)) : undefined;
    if (!link) {
      // Chatter in the task-force group is not a conversation with the reporter bot.
      if (inGroup) return;
      return next();
    }
    const user = ctx.from;
    if (!isOfficer(user?.id)) return; // non-officers' replies are ignored, in the group and anywhere else
    const text = (ctx.message.text ?? ctx.message.caption ?? '').trim();
    const replyParams = { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } };
    if (!text) {
      await ctx.reply(TEXTS.textOnly, replyParams);
      return;
    }
    const res = tips.reply(link.tipId, { author: officerName(db, user), actor: `telegram:${user.id}`, text }, clock());
    if (!res) {
      await ctx.reply(TEXTS.notFound, replyParams);
      return;
    }
    await ctx.reply(res.delivered === 'queued' ? TEXTS.relayed : TEXTS.waiting, replyParams);
  });

  return composer;
}
