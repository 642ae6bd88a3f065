/**
 * Alerts: what reaches the task force and when. Producers (the conversation runtime, the officer
 * API, the task-force composer) only enqueue outbox rows inside their own transactions; the
 * handlers here deliver them, re-reading the tip at delivery time so an alert always shows the
 * tip as it is now. Scheduling (escalations, the daily digest) is idempotent by key, so a timer
 * can call it as often as it likes and after any restart.
 */
import type { Api } from 'grammy';
import type { ChannelRegistry } from '../channels/channel-registry.js';
import type { Config } from '../config.js';
import type { Identity } from '../conversations/identity.js';
import type { Channel } from '../messages.js';
import { claimRun } from '../storage/leases.js';
import type { Q, Storage } from '../storage/storage.js';
import {
  type AlertView,
  type Catalog,
  escapeHtml,
  escapeWhatsApp,
  regencyLabel,
  renderDigest,
  renderEscalation,
  renderFollowUp,
  renderOfficerDetails,
  renderTelegramAlert,
  renderWhatsAppAlert,
} from './alert-render.js';
import type { RelayTarget } from '../tips/tips-repository.js';
import {
  alertChatsForTip,
  getTipMessage,
  groupMessagesForTip,
  lastDigestUntil,
  lastTelegramClaimer,
  loadAlertView,
  loadDetailsView,
  normalTipsBetween,
  recordAlertMessage,
  tipBasics,
  tipRegency,
  unclaimedUrgentTips,
} from './alerts-repository.js';
import { DeferDeliveryError, type DeliveryResult, enqueueJob, hasOutboxJob, type OutboxHandler, type OutboxLogger } from './outbox.js';
import { localDate, localHourOn } from '../time.js';

/** The Bot API calls alerts need; grammY's `bot.api` fits. */
export type TaskforceApi = Pick<Api, 'sendMessage' | 'editMessageText'>;

export type AlertsConfig = Pick<
  Config,
  | 'TELEGRAM_BOT_TOKEN'
  | 'TASKFORCE_TELEGRAM_CHAT_ID'
  | 'TASKFORCE_OFFICER_IDS'
  | 'TASKFORCE_WHATSAPP_JID'
  | 'ESCALATE_AFTER_MINUTES'
  | 'ALERT_INCLUDE_DESCRIPTION'
  | 'DIGEST_HOUR'
> & Partial<Pick<Config, 'DISCREET_UI'>>;

export type AlertsDeps = {
  storage: Storage;
  config: AlertsConfig;
  clock: () => number;
  identity: Pick<Identity, 'decryptAddress'>;
  channels: ChannelRegistry;
  /**
   * The tip lifecycle's owner: where a queued reply goes, and marking it delivered — inside the
   * outbox's delivery transaction `q`, so the mark and the delivered row commit together.
   */
  tips: {
    relayTarget(tipMessageId: number): RelayTarget | undefined | Promise<RelayTarget | undefined>;
    markDelivered(q: Q, tipMessageId: number): Promise<unknown> | unknown;
  };
  /** The bot's API (absent when Telegram is off). */
  telegramApi?: TaskforceApi;
  /** The Indonesian flow catalog (`loadFlowSet().catalogs.id`), so option ids read as words. */
  catalog?: Catalog;
  /**
   * Every locale's catalog, for what the reporter reads (the neutral prefix of a relayed reply,
   * `relay.prefix` / `relay.prefix_discreet` in flows/locales/<locale>/relay.json).
   */
  reporterCatalogs: Readonly<Record<string, Catalog>>;
  logger?: OutboxLogger & { info(obj: object, msg?: string): void };
  /** Regency teams (src/routing/ fits); without it every alert goes to the province. */
  routing?: AlertRoutingPort;
};

/** What alerts need to know about regency teams (structurally `Routing` from src/routing/). */
export type AlertRoutingPort = {
  /** The regency's team, or undefined when the province handles it. */
  routeFor(regency: string | null | undefined): { telegramChatId: string; whatsappJid?: string } | undefined;
  /** Regency teams, one per Telegram group (not the province). */
  teams(): Array<{ telegramChatId?: string; whatsappJid?: string; regencies: string[] }>;
  readonly provinceSeesAll: boolean;
};

/** Nobody routed: the province handles every tip. */
const PROVINCE_ONLY: AlertRoutingPort = { routeFor: () => undefined, teams: () => [], provinceSeesAll: false };

/** Why a tip was committed: an early alert's draft, a submission, or a follow-up that made it urgent. */
export type TipEvent = 'draft' | 'submitted' | 'risen';
/** What a follow-up changed: the reason ids it added. */
export type TipChange = { risenBy: string[] };

/** The tip fields `onTipCommitted` looks at. */
export type CommittedTip = { id: string; urgency: string; complete?: boolean };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The escalation number due for a tip of age `ageMs`: 0 before `afterMs`, then 1, 2, 3… at
 * ages afterMs·2^(n−1), i.e. 15, 30, 60, 120 min… for 15.
 */
export function escalationNumber(ageMs: number, afterMs: number): number {
  let n = 0;
  while (ageMs >= afterMs * 2 ** n && n < 60) n++;
  return n;
}

/** The digest slot at or before `now`: its UTC instant and its Pontianak date, or undefined if today's hour has not come. */
export function digestSlot(now: number, hour: number): { at: number; date: string } | undefined {
  const at = localHourOn(now, hour);
  if (now < at) return undefined;
  return { at, date: localDate(now) };
}

function isNotModified(err: unknown): boolean {
  const d = (err as { description?: unknown })?.description;
  return typeof d === 'string' && d.includes('message is not modified');
}

/**
 * ```ts
 * const alerts = createAlertsService({ storage, config, clock, identity, channels, tips, reporterCatalogs, telegramApi: bot.api });
 * const worker = createOutboxWorker({ storage, clock, handlers: alerts.handlers, logger });
 * await storage.tx(async (q) => { await saveTip(q, tip); await alerts.onTipCommitted(q, tip, now); });
 * ```
 */
export function createAlertsService(deps: AlertsDeps) {
  const { storage: s, config, clock, identity, channels } = deps;
  const log = deps.logger;
  const api: TaskforceApi | undefined = deps.telegramApi;
  let timer: NodeJS.Timeout | null = null;
  /** The scheduler pass in flight, so `stop()` waits for it before the database closes. */
  let pass: Promise<void> = Promise.resolve();

  /** The province's group and WhatsApp group; regency teams come from `routing`. */
  const chatId = config.TASKFORCE_TELEGRAM_CHAT_ID;
  const waJid = config.TASKFORCE_WHATSAPP_JID;
  const routing = deps.routing ?? PROVINCE_ONLY;
  const botOn = (): boolean => !!config.TELEGRAM_BOT_TOKEN || !!api;
  const telegramOn = (): boolean => (!!chatId || routing.teams().length > 0) && botOn();
  const anyWhatsApp = (): boolean => !!waJid || routing.teams().some((t) => !!t.whatsappJid);
  /** The Telegram group of a tip's team: its regency's route, else the province. */
  const teamChatOf = async (tipId: string): Promise<string | undefined> =>
    routing.routeFor(await s.run((q) => tipRegency(s, q, tipId)))?.telegramChatId ?? chatId;
  const includeDescription = config.ALERT_INCLUDE_DESCRIPTION;
  const catalog = deps.catalog;
  const renderOpts = { includeDescription, catalog };
  const escalateMs = config.ESCALATE_AFTER_MINUTES * MINUTE_MS;

  function requireApi(): TaskforceApi {
    if (!api) throw new Error('telegram is off (TELEGRAM_BOT_TOKEN unset): no task-force message can be sent');
    return api;
  }

  function requirePort(channel: Channel) {
    const port = channels.get(channel);
    // Another instance holds this channel's one session: the row goes back for that instance.
    if (port?.standby?.()) throw new DeferDeliveryError(`${channel}: another instance holds the session`);
    if (port?.status() !== 'up') throw new Error(`${channel} channel is not up`);
    return port;
  }

  const html = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };

  /** Send Telegram messages in order; ids of all are recorded with the delivery. */
  async function sendTelegram(
    target: string,
    texts: string[],
    record: { tipId: string; kind: 'alert' | 'escalation' | 'details' | 'followup' } | null,
    extra: Parameters<TaskforceApi['sendMessage']>[2] = {},
  ): Promise<DeliveryResult> {
    const a = requireApi();
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      const msg = await a.sendMessage(target, text, { ...html, ...(i === texts.length - 1 ? extra : {}) });
      ids.push(String(msg.message_id));
    }
    const now = clock();
    return {
      platformMessageId: ids.join(','),
      commit: record
        ? async (q: Q) => {
            for (const messageId of ids) await recordAlertMessage(s, q, { channel: 'telegram', chatId: target, messageId, now, ...record });
          }
        : undefined,
    };
  }

  /** Edit every group message of a tip to show its current state (best effort). */
  async function refreshGroupMessages(via: TaskforceApi, tipId: string, chat: string, alsoMessageId?: string): Promise<void> {
    const view = await s.run((q) => loadAlertView(s, q, tipId));
    if (!view) return;
    const { text, reply_markup } = renderTelegramAlert(view, renderOpts);
    const ids = new Set((await s.run((q) => groupMessagesForTip(s, q, tipId, 'telegram', chat))).map((m) => m.messageId));
    if (alsoMessageId) ids.add(alsoMessageId);
    for (const id of ids) {
      try {
        await via.editMessageText(chat, Number(id), text, { ...html, reply_markup: reply_markup ?? { inline_keyboard: [] } });
      } catch (err) {
        if (!isNotModified(err)) log?.warn({ tipId, err: String(err) }, 'could not edit an alert message');
      }
    }
  }

  const payloadOf = <T>(p: unknown) => p as T;

  const handlers: Record<string, OutboxHandler> = {
    // `chatId`/`jid` in a payload name the team's group; rows without one are the province's.
    async taskforce_alert(p) {
      const { tipId, chatId: target = chatId, note } = payloadOf<{ tipId: string; chatId?: string; note?: string }>(p);
      const view = await s.run((q) => loadAlertView(s, q, tipId));
      if (!view || !target) return {};
      const { text, reply_markup } = renderTelegramAlert(view, renderOpts);
      return sendTelegram(target, [note ? `${escapeHtml(note)}\n${text}` : text], { tipId, kind: 'alert' }, { reply_markup });
    },

    async alert_update(p) {
      const { tipId } = payloadOf<{ tipId: string }>(p);
      const chats = new Set(await s.run((q) => alertChatsForTip(s, q, tipId, 'telegram')));
      if (chatId && chats.size === 0) chats.add(chatId);
      for (const chat of chats) await refreshGroupMessages(requireApi(), tipId, chat);
      return {};
    },

    async taskforce_alert_wa(p) {
      const { tipId, jid = waJid, note } = payloadOf<{ tipId: string; jid?: string; note?: string }>(p);
      const view = await s.run((q) => loadAlertView(s, q, tipId));
      if (!view || !jid) return {};
      const body = renderWhatsAppAlert(view, renderOpts);
      const ids = await requirePort('whatsapp').send(jid, [{ kind: 'text', text: note ? `${escapeWhatsApp(note)}\n${body}` : body }]);
      return { platformMessageId: ids.join(',') || undefined };
    },

    // Escalations go to the province (which may claim every tip); without a provincial group,
    // they remind the team itself.
    async escalation(p) {
      const { tipId, n, minutes, from } = payloadOf<{ tipId: string; n: number; minutes: number; from?: string }>(p);
      const view = await s.run((q) => loadAlertView(s, q, tipId));
      const target = chatId ?? (await teamChatOf(tipId));
      // Claimed (or closed) since it was scheduled: nothing to escalate any more.
      if (view?.status !== 'new' || !target) return {};
      const { text, reply_markup } = renderEscalation(view, { ...renderOpts, n, minutes });
      const origin = from ? `Dari tim ${escapeHtml(regencyLabel(from, catalog) ?? from)}, belum ada yang mengklaim.\n` : '';
      return sendTelegram(target, [`${origin}${text}`], { tipId, kind: 'escalation' }, { reply_markup });
    },

    async escalation_wa(p) {
      const { tipId, n, minutes } = payloadOf<{ tipId: string; n: number; minutes: number }>(p);
      const view = await s.run((q) => loadAlertView(s, q, tipId));
      const jid = waJid ?? routing.routeFor(view?.regency)?.whatsappJid;
      if (view?.status !== 'new' || !jid) return {};
      const text = `ESKALASI #${n} — belum diklaim selama ${minutes} menit\n${renderWhatsAppAlert(view, renderOpts)}`;
      const ids = await requirePort('whatsapp').send(jid, [{ kind: 'text', text }]);
      return { platformMessageId: ids.join(',') || undefined };
    },

    async officer_details(p) {
      const { tipId, officerUserId } = payloadOf<{ tipId: string; officerUserId: string }>(p);
      const view = await s.run((q) => loadDetailsView(s, q, tipId));
      if (!view) return {};
      return sendTelegram(officerUserId, renderOfficerDetails(view, catalog), { tipId, kind: 'details' });
    },

    async relay_reply(p) {
      const { tipMessageId } = payloadOf<{ tipMessageId: number }>(p);
      // The tips room decides whether it may be pushed now (opt-in, contact kept, channel can push).
      const target = await deps.tips.relayTarget(tipMessageId);
      if (!target) return {};
      const port = requirePort(target.channel as Channel);
      const address = identity.decryptAddress(target.addressEnc);
      // Neutral words in front (nothing names the task force: someone may glance at the phone);
      // DISCREET_UI leaves out even "report".
      const key = config.DISCREET_UI ? 'relay.prefix_discreet' : 'relay.prefix';
      const prefix = deps.reporterCatalogs[target.locale]?.[key] ?? deps.reporterCatalogs.id?.[key] ?? '';
      const ids = await port.send(address, [{ kind: 'text', text: `${prefix}\n\n${target.text}` }]);
      return { platformMessageId: ids.join(',') || undefined, commit: (q: Q) => deps.tips.markDelivered(q, tipMessageId) };
    },

    async forward_followup(p) {
      const { tipMessageId } = payloadOf<{ tipMessageId: number }>(p);
      const msg = await s.run((q) => getTipMessage(s, q, tipMessageId));
      if (!msg) return {};
      const tip = await s.run((q) => tipBasics(s, q, msg.tipId));
      if (!tip) return {};
      const holder =
        tip.status === 'claimed' || tip.status === 'in_progress' ? await s.run((q) => lastTelegramClaimer(s, q, msg.tipId)) : undefined;
      if (holder) {
        return sendTelegram(holder, [renderFollowUp({ id: msg.tipId }, msg.text, { includeText: true })], {
          tipId: msg.tipId,
          kind: 'followup',
        });
      }
      const group = await teamChatOf(msg.tipId);
      if (!group) return {};
      const [alert] = await s.run((q) => groupMessagesForTip(s, q, msg.tipId, 'telegram', group));
      const extra = alert
        ? { reply_parameters: { message_id: Number(alert.messageId), allow_sending_without_reply: true } }
        : {};
      return sendTelegram(
        group,
        [renderFollowUp({ id: msg.tipId }, msg.text, { includeText: includeDescription })],
        { tipId: msg.tipId, kind: 'followup' },
        extra,
      );
    },

    // One digest per team: `regencies` (a team's) or `exclude` (the province's: routed regencies).
    async digest(p) {
      const { date, since, until, chatId: target = chatId, regencies, exclude } = payloadOf<{
        date: string;
        since: number;
        until: number;
        chatId?: string;
        regencies?: string[];
        exclude?: string[];
      }>(p);
      if (!target) return {};
      const list = (await s.run((q) => normalTipsBetween(s, q, since, until))).filter(
        (v) => (!regencies || regencies.includes(v.regency ?? '')) && !exclude?.includes(v.regency ?? ''),
      );
      // No normal tips: no message (the group is not for heartbeats); the day is still marked done.
      if (list.length === 0) return {};
      return sendTelegram(target, renderDigest({ date, tips: list, catalog }), null);
    },
  };

  /**
   * Call inside the transaction `q` that stores a submitted tip or an early urgent signal.
   * Urgent tips get one group alert (`alert:<tipId>`, once per tip) and a WhatsApp alert; when
   * an early alert already exists and the report is now submitted (complete, or as incomplete
   * after the idle timeout), the alert is edited instead (`alert_update:<tipId>:submitted`).
   * Normal tips wait for the digest. Fits `TipsHooks.onTipCommitted` (q, tip, now, event).
   */
  async function onTipCommitted(q: Q, tip: CommittedTip, now: number, event?: TipEvent, change?: TipChange): Promise<void> {
    if (tip.urgency !== 'urgent') return;
    const enqueue = (job: Parameters<typeof enqueueJob>[2]) => enqueueJob(s, q, job);
    // The regency's team when routed, else the province; with TASKFORCE_PROVINCE_SEES_ALL the
    // province also gets a copy (its own key, so each group is alerted once).
    const route = routing.routeFor(await tipRegency(s, q, tip.id));
    const target = route?.telegramChatId ?? chatId;
    if (target && botOn()) {
      const key = `alert:${tip.id}`;
      if (!(await hasOutboxJob(s, q, key))) {
        // A rise from normal to urgent: the one alert says which new reasons made it urgent.
        const payload = event === 'risen' && change?.risenBy.length ? { tipId: tip.id, chatId: target, risenBy: change.risenBy } : { tipId: tip.id, chatId: target };
        await enqueue({ kind: 'taskforce_alert', payload, idempotencyKey: key, now });
      } else if (tip.complete || event === 'submitted') {
        await enqueue({ kind: 'alert_update', payload: { tipId: tip.id }, idempotencyKey: `alert_update:${tip.id}:submitted`, now });
      }
      if (route && routing.provinceSeesAll && chatId && chatId !== target) {
        await enqueue({ kind: 'taskforce_alert', payload: { tipId: tip.id, chatId }, idempotencyKey: `alert:${tip.id}:province`, now });
      }
    }
    const jid = route ? route.whatsappJid : waJid;
    if (jid) {
      await enqueue({ kind: 'taskforce_alert_wa', payload: { tipId: tip.id, jid }, idempotencyKey: `alert_wa:${tip.id}`, now });
    }
    if (route && routing.provinceSeesAll && waJid && waJid !== jid) {
      await enqueue({ kind: 'taskforce_alert_wa', payload: { tipId: tip.id, jid: waJid }, idempotencyKey: `alert_wa:${tip.id}:province`, now });
    }
  }

  /** Call inside the transaction `q` that stores a reporter's follow-up: it reaches the holder (or the group). */
  async function onFollowUpCommitted(q: Q, m: { tipId: string; tipMessageId: number }, now: number): Promise<void> {
    if (!telegramOn()) return;
    await enqueueJob(s, q, {
      kind: 'forward_followup',
      payload: { tipMessageId: m.tipMessageId },
      idempotencyKey: `followup:${m.tipMessageId}`,
      now,
    });
  }

  /**
   * Enqueue the escalation due for every unclaimed urgent tip. Idempotent by
   * `escalation:<tipId>:<n>`; after downtime only the latest due escalation is sent, not a burst.
   * Returns how many Telegram escalations were added.
   */
  async function scheduleEscalations(now: number): Promise<number> {
    const tg = telegramOn();
    const wa = anyWhatsApp();
    if (!tg && !wa) return 0;
    return s.tx(async (q) => {
      let added = 0;
      for (const tip of await unclaimedUrgentTips(s, q, now - escalateMs)) {
        const age = now - tip.createdAt;
        const n = escalationNumber(age, escalateMs);
        if (n < 1) continue;
        const from = routing.routeFor(tip.regency) && tip.regency ? tip.regency : undefined;
        const payload = { tipId: tip.id, n, minutes: Math.floor(age / MINUTE_MS), ...(from ? { from } : {}) };
        if (tg && (await enqueueJob(s, q, { kind: 'escalation', payload, idempotencyKey: `escalation:${tip.id}:${n}`, now }))) added++;
        if (wa) await enqueueJob(s, q, { kind: 'escalation_wa', payload, idempotencyKey: `escalation_wa:${tip.id}:${n}`, now });
      }
      return added;
    });
  }

  /**
   * Enqueue today's digest once DIGEST_HOUR (Asia/Pontianak) has come: `digest:<YYYY-MM-DD>`,
   * covering normal tips since the previous digest (so a missed day is never lost).
   */
  async function scheduleDigest(now: number): Promise<boolean> {
    if (!telegramOn()) return false;
    const slot = digestSlot(now, config.DIGEST_HOUR);
    if (!slot) return false;
    const teams = routing.teams();
    const routed = teams.flatMap((t) => t.regencies);
    return s.tx(async (q) => {
      // Instances reading "the previous digest" one after another agree on the window.
      await s.lock(q, 'alerts.digest');
      const since = (await lastDigestUntil(s, q)) ?? slot.at - DAY_MS;
      const base = { date: slot.date, since, until: slot.at };
      let added = false;
      // The province: unrouted regencies (every regency with TASKFORCE_PROVINCE_SEES_ALL).
      const key = `digest:${slot.date}`;
      if (chatId && !(await hasOutboxJob(s, q, key))) {
        const exclude = routing.provinceSeesAll ? [] : routed;
        added = (await enqueueJob(s, q, { kind: 'digest', payload: { ...base, ...(exclude.length ? { exclude } : {}) }, idempotencyKey: key, now })) || added;
      }
      for (const t of teams) {
        const teamKey = `digest:${slot.date}:${t.telegramChatId}`;
        if (!t.telegramChatId || (await hasOutboxJob(s, q, teamKey))) continue;
        added =
          (await enqueueJob(s, q, { kind: 'digest', payload: { ...base, chatId: t.telegramChatId, regencies: t.regencies }, idempotencyKey: teamKey, now })) ||
          added;
      }
      return added;
    });
  }

  /**
   * One scheduler pass. With several instances on one database, each job runs once per period
   * cluster-wide: the instance that claims the period (`claimRun`) runs it, the others skip it.
   */
  async function runSchedulers(everyMs: number): Promise<void> {
    try {
      const now = clock();
      // A little under the period, so the claimer's next tick (a timer, never early) finds it open again.
      const interval = Math.max(1, everyMs - Math.min(1_000, Math.floor(everyMs / 10)));
      if (await claimRun(s, 'alerts.escalation', now, interval)) await scheduleEscalations(now);
      if (await claimRun(s, 'alerts.digest', now, interval)) await scheduleDigest(now);
    } catch (err) {
      log?.error({ err: String(err) }, 'alert scheduling failed');
    }
  }

  return {
    handlers,
    onTipCommitted,
    onFollowUpCommitted,
    scheduleEscalations,
    scheduleDigest,
    refreshGroupMessages,
    /** The bot's API (the erasure handlers share it). */
    telegramApi(): TaskforceApi | undefined {
      return api;
    },
    /**
     * Run the schedulers now and then every `everyMs` (default one minute) until `stop()`; each
     * pass runs on one instance per period cluster-wide. Resolves when the first pass is done.
     */
    start(everyMs = MINUTE_MS): Promise<void> {
      if (timer) return Promise.resolve();
      const run = () => {
        pass = pass.then(() => runSchedulers(everyMs));
        return pass;
      };
      timer = setInterval(run, everyMs);
      timer.unref?.();
      return run();
    },
    /** Stop the timer; resolves once the pass in flight (if any) is done. */
    stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      return pass;
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
export type { AlertView };
