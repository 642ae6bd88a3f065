/**
 * The Telegram channel shell: a grammY bot that turns private-chat updates into `Inbound`s for
 * the conversation runtime and sends the replies back, paced and retried. Webhook or long
 * polling; evidence files are downloaded (size and type checked first) into the evidence store.
 * Everything platform-specific about Telegram lives here and in `to-inbound`/`render`.
 */
import { timingSafeEqual } from 'node:crypto';
import { autoRetry } from '@grammyjs/auto-retry';
import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Bot, BotError, type Composer, type Context, HttpError as GrammyHttpError, type Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Config } from '../../config.js';
import { evidenceRefusal } from '../../conversations/media-gate.js';
import type { ConversationRuntime } from '../../conversations/runtime-types.js';
import { errorBody } from '../../http/errors.js';
import type { InboundContent, Outbound } from '../../messages.js';
import { createSendPacer, type PacerOptions, type SendPacer } from '../../pacing/send-pacer.js';
import type { Storage } from '../../storage/storage.js';
import type { EvidenceStore } from '../../tips/evidence-types.js';
import type { ChannelPort, ChannelStatus } from '../channel-registry.js';
import { render } from './render.js';
import { type PendingMedia, toInbound } from './to-inbound.js';

export type TelegramAdapterDeps = {
  config: Config;
  runtime: ConversationRuntime;
  evidence: EvidenceStore;
  logger: FastifyBaseLogger;
  /** The flow catalogs (`app.flows.catalogs`): the command menu's descriptions per locale. */
  catalogs: Readonly<Record<'id' | 'en', Readonly<Record<string, string>>>>;
  /** Middleware for the task force (alert buttons, officers' replies in the group and in private). */
  taskforceComposer?: Composer<Context>;
  /**
   * The bot, when app.ts built it first (`createTelegramBot`) so the alerts room could take its
   * API before this adapter exists; otherwise the adapter builds its own.
   */
  bot?: Bot;
  /** Storage for caching `getMe` in `meta` (`telegram.botInfo`); optional. */
  storage?: Storage;
  now?: () => number;
  /** Pacing overrides (tests); defaults follow Telegram's published limits. */
  pacing?: Partial<PacerOptions>;
  /** First delay of the 5xx/network retry backoff (doubles each time); default 1000 ms. */
  retryBaseMs?: number;
  /** How long `start()` waits for the first connection before going on in the background; default 5000 ms. */
  startWaitMs?: number;
};

const META_BOT_INFO = 'telegram.botInfo';
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
export const WEBHOOK_PATH = '/telegram/webhook';
/** How often a failed start (Telegram unreachable, bad token) is retried in the background. */
const RESTART_MS = 30_000;

const COMMANDS = ['sos', 'start', 'menu', 'status', 'bahasa'] as const;

/** The bot's command menu in one locale, described by `telegram.command.<name>` in the catalog. */
function commandsIn(catalog: Readonly<Record<string, string>>) {
  return COMMANDS.map((command) => ({ command, description: catalog[`telegram.command.${command}`] ?? command }));
}

/**
 * ```ts
 * const telegram = new TelegramAdapter({ config, runtime, evidence, logger: app.log, storage: app.storage });
 * telegram.registerWebhookRoute(app);        // POST /telegram/webhook (webhook mode)
 * app.channels.register(telegram);
 * app.addHook('onReady', () => telegram.start());
 * app.addHook('onClose', () => telegram.stop());
 * ```
 */
export class TelegramAdapter implements ChannelPort {
  readonly channel = 'telegram' as const;
  readonly bot: Bot;
  private readonly pacer: SendPacer;
  private readonly now: () => number;
  private readonly apiRoot: string;
  private state: ChannelStatus = 'down';
  private stopped = false;
  private started = false;
  private polling: Promise<void> | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly taskforce: Composer<Context> | undefined;

  constructor(private readonly deps: TelegramAdapterDeps) {
    const { config } = deps;
    if (!config.TELEGRAM_BOT_TOKEN) throw new Error('TelegramAdapter needs TELEGRAM_BOT_TOKEN; leave the channel off without it.');
    this.now = deps.now ?? Date.now;
    this.apiRoot = config.TELEGRAM_API_ROOT.replace(/\/+$/, '');
    this.bot = deps.bot ?? createTelegramBot(config, { retryBaseMs: deps.retryBaseMs });
    this.pacer = createSendPacer(deps.pacing);
    this.taskforce = deps.taskforceComposer;
    this.install();
  }

  /** `up` once Telegram accepted our webhook or polling runs; `down` otherwise. */
  status(): ChannelStatus {
    return this.state;
  }

  /**
   * Connect: getMe (cached), commands, then webhook or long polling. Never throws and never holds
   * the app's start-up for long: after `startWaitMs` it goes on in the background (status `down`
   * until connected); a failure is retried every 30 s.
   */
  async start(): Promise<void> {
    this.stopped = false;
    const attempt = this.connect().catch((err) => {
      this.state = 'down';
      if (this.stopped) return;
      this.deps.logger.warn({ err: safeError(err) }, 'telegram: could not start; retrying in 30 s');
      this.scheduleRestart();
    });
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.deps.startWaitMs ?? 5000);
      timer.unref();
    });
    await Promise.race([attempt, waited]);
    clearTimeout(timer);
  }

  /** Stop polling, drain replies being sent, keep the webhook registered (Telegram queues updates). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.bot.isRunning()) await this.bot.stop();
    await this.polling?.catch(() => undefined);
    await this.idle();
    this.state = 'down';
  }

  /** Resolves when every reply already queued has been sent (or has failed for good). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.pacer.idle();
  }

  /** Send replies to a chat, in order and paced; resolves with Telegram message ids. */
  async send(address: string, outputs: Outbound[]): Promise<string[]> {
    const ids: string[] = [];
    for (const p of render(outputs)) {
      const { text, ...other } = p;
      const msg = await this.pacer.schedule(address, () => this.bot.api.sendMessage(address, text, other));
      ids.push(String(msg.message_id));
    }
    return ids;
  }

  /**
   * `POST /telegram/webhook`: 401 without the right `X-Telegram-Bot-Api-Secret-Token`, 400 for
   * something that is not an update, otherwise 200 once the update has been handled (the
   * runtime commits before it returns). Handling errors are logged and acknowledged: a poison
   * update must not make Telegram redeliver it forever.
   */
  registerWebhookRoute(app: FastifyInstance): void {
    const secret = this.deps.config.TELEGRAM_WEBHOOK_SECRET;
    // The secret is checked in onRequest, BEFORE the body is read and parsed: a stranger's
    // megabyte costs no JSON parsing (and the connection is answered at once).
    const checkSecret = async (req: FastifyRequest, reply: FastifyReply) => {
      const given = req.headers['x-telegram-bot-api-secret-token'];
      if (!secret || typeof given !== 'string' || !sameSecret(given, secret)) {
        reply.header('connection', 'close');
        return reply.status(401).send(errorBody('unauthorized', 'Missing or wrong X-Telegram-Bot-Api-Secret-Token header.'));
      }
    };
    app.post(WEBHOOK_PATH, { bodyLimit: 1024 * 1024, onRequest: checkSecret }, async (req, reply) => {
      const body = req.body as Update | undefined;
      if (!body || typeof body !== 'object' || Array.isArray(body) || !Number.isSafeInteger((body as Update).update_id)) {
        return reply.status(400).send(errorBody('invalid_update', 'The body is not a Telegram update (no integer update_id).'));
      }
      if (!this.started) {
        return reply.status(503).send(errorBody('unavailable', 'The Telegram channel is starting; Telegram will retry.'));
      }
      try {
        await this.bot.handleUpdate(body);
      } catch (err) {
        // grammY's bot.catch only guards polling; here the webhook acknowledges and logs.
        this.logUpdateError(body.update_id, err instanceof BotError ? err.error : err);
      }
      return reply.status(200).send({ ok: true });
    });
  }

  private install(): void {
    const { bot } = this;
    bot.catch((err) => this.logUpdateError(err.ctx.update.update_id, err.error));
    // The task force's middleware sees every chat, private ones too: an officer answers the
    // private details message or a forwarded follow-up by replying to it in their chat with the
    // bot. It handles only alert buttons and replies to messages it sent (and swallows group
    // chatter); everything else passes on to the reporter conversation below.
    if (this.taskforce) bot.use(this.taskforce);
    bot.chatType('private').on(['message', 'callback_query'], async (ctx) => {
      if (ctx.callbackQuery) {
        // Stop the button's spinner first; a failure here must not lose the answer itself.
        await ctx.answerCallbackQuery().catch((err) => this.deps.logger.warn({ err: safeError(err) }, 'telegram: answerCallbackQuery failed'));
      }
      const t = toInbound(ctx.update, this.now());
      if (!t) return;
      const base = t.kind === 'ready' ? t.inbound : t.base;
      // update_id counts per bot: prefix the bot's id so a new token cannot collide with old rows.
      const platformMessageId = `${ctx.me.id}:${base.platformMessageId}`;
      const inbound =
        t.kind === 'ready' ? { ...t.inbound, platformMessageId } : { ...t.base, platformMessageId, content: await this.fetchMedia(t.base.address, t.media) };
      const result = await this.deps.runtime.handle(inbound);
      if (!result || result.outputs.length === 0) return;
      // The turn is committed; replies go out through the pacer without holding the update.
      const sending = this.send(inbound.address, result.outputs).catch((err) => {
        this.deps.logger.error({ updateId: ctx.update.update_id, err: safeError(err) }, 'telegram: reply not delivered');
      });
      this.inFlight.add(sending);
      void sending.finally(() => this.inFlight.delete(sending));
    });
    // Anything else with a button (unknown data, groups without a composer): answer it anyway.
    bot.on('callback_query', (ctx) => ctx.answerCallbackQuery().catch(() => undefined));
  }

  /** Never the message: only which update failed and why. */
  private logUpdateError(updateId: number, err: unknown): void {
    this.deps.logger.error({ updateId, err: safeError(err) }, 'telegram: update handling failed');
  }

  private async connect(): Promise<void> {
    const { config, logger } = this.deps;
    if (!this.started) {
      await this.bot.init();
      await this.storeBotInfo(this.bot.botInfo);
    }
    await this.setCommands();
    if (config.TELEGRAM_MODE === 'webhook') {
      const url = `${(config.PUBLIC_URL ?? '').replace(/\/+$/, '')}${WEBHOOK_PATH}`;
      await this.bot.api.setWebhook(url, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, allowed_updates: [...ALLOWED_UPDATES] });
      this.started = true;
      this.state = 'up';
      logger.info({ mode: 'webhook' }, 'telegram: up');
      return;
    }
    this.started = true;
    await new Promise<void>((resolve, reject) => {
      this.polling = this.bot
        .start({
          allowed_updates: [...ALLOWED_UPDATES],
          drop_pending_updates: false,
          onStart: () => {
            this.state = 'up';
            logger.info({ mode: 'polling' }, 'telegram: up');
            resolve();
          },
        })
        .catch((err) => {
          this.state = 'down';
          if (this.stopped) return;
          logger.error({ err: safeError(err) }, 'telegram: polling stopped; retrying in 30 s');
          reject(err);
          this.scheduleRestart();
        });
    });
  }

  private scheduleRestart(): void {
    if (this.stopped || this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopped) void this.start();
    }, RESTART_MS);
    this.restartTimer.unref();
  }

  private async setCommands(): Promise<void> {
    try {
      await this.bot.api.setMyCommands(commandsIn(this.deps.catalogs.id));
      await this.bot.api.setMyCommands(commandsIn(this.deps.catalogs.en), { language_code: 'en' });
    } catch (err) {
      this.deps.logger.warn({ err: safeError(err) }, 'telegram: setMyCommands failed (commands menu may be stale)');
    }
  }

  /**
   * Gate (a conversation waiting for evidence, room in the report and the storage), size check,
   * type check, getFile, bounded download, evidence store → media or a refusal.
   */
  private async fetchMedia(address: string, m: PendingMedia): Promise<InboundContent> {
    const { evidence, logger } = this.deps;
    const refusal = await evidenceRefusal(this.deps.runtime, evidence, 'telegram', address);
    if (refusal) return refusal;
    if (m.size !== undefined && m.size > evidence.maxBytes) return { kind: 'media_rejected', reason: 'too_large' };
    if (!evidence.accepts(m.mime)) return { kind: 'media_rejected', reason: 'bad_type' };
    try {
      const file = await this.bot.api.getFile(m.fileId);
      if (file.file_size !== undefined && file.file_size > evidence.maxBytes) return { kind: 'media_rejected', reason: 'too_large' };
      if (!file.file_path) return { kind: 'media_rejected', reason: 'failed' };
      const url = `${this.apiRoot}/file/bot${this.deps.config.TELEGRAM_BOT_TOKEN}/${file.file_path}`;
      const bytes = await download(url, evidence.maxBytes);
      if (bytes === 'too_large') return { kind: 'media_rejected', reason: 'too_large' };
      const stored = await evidence.store(bytes, m.mime, m.kind);
      if (!stored.ok) return { kind: 'media_rejected', reason: stored.reason };
      return m.caption ? { kind: 'media', media: stored.media, caption: m.caption } : { kind: 'media', media: stored.media };
    } catch (err) {
      // Telegram refuses getFile over 20 MB with a 400 ("file is too big").
      if (/too big/i.test(String((err as Error)?.message))) return { kind: 'media_rejected', reason: 'too_large' };
      logger.warn({ err: safeError(err) }, 'telegram: evidence download failed');
      return { kind: 'media_rejected', reason: 'failed' };
    }
  }

  private async storeBotInfo(info: UserFromGetMe): Promise<void> {
    const s = this.deps.storage;
    if (!s) return;
    try {
      const value = JSON.stringify(info);
      const { meta } = s.t;
      await s.run((q) => q.insert(meta).values({ key: META_BOT_INFO, value }).onConflictDoUpdate({ target: meta.key, set: { value } }));
    } catch (err) {
      this.deps.logger.warn({ err: safeError(err) }, 'telegram: could not cache botInfo');
    }
  }
}

/**
 * The grammY bot with the service's retry policy (429 `retry_after` outermost, then 5xx/network
 * backoff) and the cached `getMe`. Built before the adapter in app.ts so the alerts room can use
 * `bot.api` while the adapter (which needs the conversation runtime) is built later.
 *
 * ```ts
 * const bot = createTelegramBot(config, { botInfo: await loadBotInfo(storage, config.TELEGRAM_BOT_TOKEN) });
 * const alerts = createAlertsService({ …, telegramApi: bot.api });
 * const telegram = new TelegramAdapter({ config, runtime, evidence, logger, storage, bot, taskforceComposer });
 * ```
 */
export function createTelegramBot(config: Config, opts: { botInfo?: UserFromGetMe; retryBaseMs?: number } = {}): Bot {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('createTelegramBot needs TELEGRAM_BOT_TOKEN; leave the channel off without it.');
  const apiRoot = config.TELEGRAM_API_ROOT.replace(/\/+$/, '');
  const botInfo = opts.botInfo;
  const bot = new Bot(config.TELEGRAM_BOT_TOKEN, { client: { apiRoot }, ...(botInfo ? { botInfo } : {}) });
  // Outermost: 429 with retry_after (Telegram flood control); inner: 5xx and network errors.
  bot.api.config.use(retryServerErrors(opts.retryBaseMs ?? 1000, 4));
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120, rethrowInternalServerErrors: true, rethrowHttpErrors: true }));
  return bot;
}

/**
 * The `getMe` answer cached in `meta` (by this or another instance), if it belongs to this token's
 * bot: start-up skips a round trip to Telegram.
 */
export async function loadBotInfo(s: Storage, token: string): Promise<UserFromGetMe | undefined> {
  try {
    const { meta } = s.t;
    const [row] = await s.run((q) => q.select().from(meta).where(eq(meta.key, META_BOT_INFO)).limit(1));
    const info = row ? (JSON.parse(row.value) as UserFromGetMe) : undefined;
    // A different token means a different bot: ask getMe again.
    return info && String(info.id) === token.split(':')[0] ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Retries 5xx answers and network errors with exponential backoff (429s are autoRetry's). */
export function retryServerErrors(baseMs: number, attempts: number): Transformer {
  return async (prev, method, payload, signal) => {
    for (let i = 0; ; i++) {
      try {
        const res = await prev(method, payload, signal);
        if (res.ok || res.error_code < 500 || i >= attempts || method === 'getUpdates') return res;
      } catch (err) {
        if (!(err instanceof GrammyHttpError) || i >= attempts || signal?.aborted || method === 'getUpdates') throw err;
      }
      await new Promise((r) => setTimeout(r, baseMs * 2 ** i));
    }
  };
}

async function download(url: string, maxBytes: number): Promise<Buffer | 'too_large'> {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!res.ok || !res.body) throw new Error(`file download answered ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await res.body.cancel();
    return 'too_large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) return 'too_large';
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Error summary safe for logs: no bot token (it sits in API URLs), no payloads. */
function safeError(err: unknown): { type: string; message: string } {
  const e = err instanceof Error ? err : new Error(String(err));
  return { type: e.name, message: e.message.replace(/bot\d+:[\w-]+/g, 'bot[token]').slice(0, 300) };
}
