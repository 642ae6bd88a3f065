/**
 * The task force's side of the Telegram bot, as a grammY `Composer` the Telegram adapter mounts
 * before its conversation handler: alert buttons (`a:<action>:<tipId>`) and officers' replies
 * to alert, escalation, details or follow-up messages. Provincial officers (`TASKFORCE_OFFICER_IDS`)
 * may act on every tip, a regency team's officers on their regencies' tips (`routing`); anyone else
 * gets a polite refusal and nothing changes. Every action lands in `audit_log`.
 *
 * Messages in the task-force group never reach the reporter conversation flow; private chats
 * pass through (`next()`) unless they are an officer's reply to a details message.
 */
import { Composer, type Context } from 'grammy';
import { recordAudit } from '../storage/audit-log.js';
import type { Q, Storage } from '../storage/storage.js';
import type { TipStatus } from '../tips/tip-status.js';
import type { TipsRepository, TransitionOutcome } from '../tips/tips-repository.js';
import { findAlertMessage, officerNameForTelegram, tipRegency } from './alerts-repository.js';
import type { AlertsService, AlertsConfig } from './alerts-service.js';
import { enqueueJob } from './outbox.js';

/** Callback data of alert buttons. */
export const ALERT_CALLBACK = /^a:(claim|close|spam):(.+)$/;

export const TEXTS = {
  notOfficer: 'Maaf, tombol ini hanya untuk petugas satgas yang terdaftar.',
  otherTeam: 'Maaf, kasus ini ditangani tim kabupaten/kota lain. Hanya tim tersebut dan petugas provinsi yang dapat menindaklanjutinya.',
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

/** What the composer needs of the tip lifecycle's owner; `q` is the composer's transaction (status, audit and alerts commit together). */
export type ComposerTipsPort = {
  transition(q: Q, tipId: string, change: { to: TipStatus; by: string; onlyFrom?: readonly TipStatus[]; notify?: boolean }, now: number): Promise<TransitionOutcome>;
  reply(...args: Parameters<TipsRepository['reply']>): Promise<Awaited<ReturnType<TipsRepository['reply']>>>;
  isFinished: TipsRepository['isFinished'];
};

export type TaskforceComposerDeps = {
  storage: Storage;
  config: Pick<AlertsConfig, 'TASKFORCE_TELEGRAM_CHAT_ID' | 'TASKFORCE_OFFICER_IDS'>;
  clock: () => number;
  alerts: Pick<AlertsService, 'refreshGroupMessages'>;
  /** The tip lifecycle's owner: status moves (one state machine) and officer replies. */
  tips: ComposerTipsPort;
  logger?: { warn(obj: object, msg?: string): void };
  /** Regency teams (src/routing/ fits); without it only `TASKFORCE_OFFICER_IDS` act, in the province's group. */
  routing?: ComposerRoutingPort;
};

/** Who may act where (structurally `Routing` from src/routing/). */
export type ComposerRoutingPort = {
  /** `other_team`: an officer of another regency's team; `no`: not an officer at all. */
  mayAct(telegramUserId: string, regency: string | null): 'yes' | 'other_team' | 'no';
  /** The province's group or a regency team's group. */
  isTaskforceChat(chatId: string): boolean;
};

/** How an officer is named on a tip: the officers table if it knows them, else first name or @username. */
async function officerName(s: Storage, user: { id: number; first_name: string; username?: string }): Promise<string> {
  const known = await s.run((q) => officerNameForTelegram(s, q, String(user.id)));
  return known ?? (user.first_name?.trim() || (user.username ? `@${user.username}` : String(user.id)));
}

/**
 * ```ts
 * const bot = new Bot(token);
 * bot.use(createTaskforceComposer({ storage, config, clock, alerts, tips: tipsRepository }));
 * bot.use(conversationHandler);
 * ```
 */
export function createTaskforceComposer<C extends Context = Context>(deps: TaskforceComposerDeps): Composer<C> {
  const { storage: s, config, clock, alerts, tips } = deps;
  const officers = new Set(config.TASKFORCE_OFFICER_IDS);
  const groupId = config.TASKFORCE_TELEGRAM_CHAT_ID;
  const routing: ComposerRoutingPort = deps.routing ?? {
    mayAct: (id) => (officers.has(id) ? 'yes' : 'no'),
    isTaskforceChat: (chat) => groupId !== undefined && chat === groupId,
  };
  /** May this user act on this tip? Decided by the tip's regency, so a transfer moves the right too. */
  const decide = async (userId: number | undefined, tipId: string) =>
    userId === undefined ? 'no' : routing.mayAct(String(userId), await s.run((q) => tipRegency(s, q, tipId)));
  const isGroup = (chatId: number | undefined) => chatId !== undefined && routing.isTaskforceChat(String(chatId));

  const composer = new Composer<C>();

  composer.callbackQuery(ALERT_CALLBACK, async (ctx) => {
    const action = ctx.match[1] as 'claim' | 'close' | 'spam';
    const tipId = ctx.match[2];
    const user = ctx.callbackQuery.from;
    const may = await decide(user.id, tipId);
    if (may !== 'yes') {
      await ctx.answerCallbackQuery({ text: may === 'other_team' ? TEXTS.otherTeam : TEXTS.notOfficer, show_alert: true });
      return;
    }
    const now = clock();
    const actor = `telegram:${user.id}`;
    const name = await officerName(s, user);
    const outcome: TransitionOutcome = await s.tx(async (q) => {
      // The claim button takes only an unclaimed case; close and spam work from any open status.
      const to: TipStatus = action === 'claim' ? 'claimed' : action === 'close' ? 'closed' : 'spam';
      const onlyFrom: TipStatus[] = action === 'claim' ? ['new'] : ['new', 'claimed', 'in_progress'];
      // notify: false — this handler refreshes the group's messages itself, right below.
      const o = await tips.transition(q, tipId, { to, by: name, onlyFrom, notify: false }, now);
      if (o.kind === 'ok') {
        await recordAudit(s, q, { now, actor, action: `tip.${action}`, tipId, detail: { via: 'telegram', name, from: o.from } });
        // Other groups holding this tip's alert (a province copy, an escalation) show it too.
        await enqueueJob(s, q, { kind: 'alert_update', payload: { tipId }, idempotencyKey: `alert_update:${tipId}:telegram:${action}:${now}`, now });
        if (action === 'claim') {
          await enqueueJob(s, q, {
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
    const link = replyTo
      ? await s.run((q) => findAlertMessage(s, q, 'telegram', String(ctx.chat.id), String(replyTo.message_id)))
      : undefined;
    if (!link) {
      // Chatter in the task-force group is not a conversation with the reporter bot.
      if (inGroup) return;
      return next();
    }
    const user = ctx.from;
    const may = await decide(user?.id, link.tipId);
    if (may === 'no' || !user) return; // non-officers' replies are ignored, in the group and anywhere else
    const replyParams = { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } };
    if (may === 'other_team') {
      await ctx.reply(TEXTS.otherTeam, replyParams);
      return;
    }
    const text = (ctx.message.text ?? ctx.message.caption ?? '').trim();
    if (!text) {
      await ctx.reply(TEXTS.textOnly, replyParams);
      return;
    }
    const res = await tips.reply(link.tipId, { author: await officerName(s, user), actor: `telegram:${user.id}`, text }, clock());
    if (!res) {
      await ctx.reply(TEXTS.notFound, replyParams);
      return;
    }
    await ctx.reply(res.delivered === 'queued' ? TEXTS.relayed : TEXTS.waiting, replyParams);
  });

  return composer;
}
