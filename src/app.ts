/**
 * The app as a plugin-built Fastify instance: `buildApp(config)` registers every room explicitly,
 * in order. Tests mount it on port 0 or use `inject`; `server.ts` is only the process shell.
 */
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type ChannelRegistry, createChannelRegistry } from './channels/channel-registry.js';
import type { Config } from './config.js';
import { frameworkErrors, registerErrorHandlers } from './http/errors.js';
import { healthRoutes } from './http/health-routes.js';
import { loggerOptions } from './logger.js';
import { type Db, openDb } from './storage/db.js';
import { runMigrations } from './storage/migrate.js';
import { startCheckpointer } from './storage/checkpointer.js';
import { loadFlowSet } from '../flows/index.js';
import { type RegisterAlertsOptions, registerAlerts } from './alerts/alerts-plugin.js';
import { outboxAdminRoutes } from './alerts/outbox-routes.js';
import { createTaskforceComposer } from './alerts/taskforce-composer.js';
import { dashboardRoutes } from './officers/dashboard-routes.js';
import { officerRoutes } from './officers/officer-routes.js';
import { registryRoutes } from './registry/registry-routes.js';
import { createRegistryService } from './registry/registry-service.js';
import { TelegramAdapter, type TelegramAdapterDeps } from './channels/telegram/telegram-adapter.js';
import { chatPageCsp, renderChatPage } from './channels/web/page.js';
import { webChatRoutes } from './channels/web/web-routes.js';
import { whatsappPairingRoutes } from './channels/whatsapp/pairing-routes.js';
import { WhatsAppAdapter } from './channels/whatsapp/whatsapp-adapter.js';
import { createIdentity, type Identity } from './conversations/identity.js';
import { createConversationRuntime, type RegistryPort } from './conversations/runtime.js';
import type { ConversationRuntime } from './conversations/runtime-types.js';
import { ENGINE_KEYS, validateFlowSet } from './engine/validate.js';
import type { FlowSet } from './engine/types.js';
import { enqueue } from './alerts/outbox.js';
import { audit } from './officers/audit.js';
import { createEvidenceStore } from './tips/evidence-store.js';
import { createRetentionJob } from './tips/retention.js';
import { createTipsRepository, type TipsRepository } from './tips/tips-repository.js';
import type { EvidenceStore } from './tips/evidence-types.js';
import { createTipsService, type TipsHooks, type TipsService } from './tips/tips-service.js';
import { extractIdentifiers } from './triage/identifiers.js';
import { scanText, scoreTip } from './triage/score.js';

export type Clock = () => number;

export type AppDeps = {
  /** An already open database (tests); otherwise `DATABASE_PATH` is opened. */
  db?: Db;
  /** Injected clock; defaults to Date.now. */
  clock?: Clock;
  /** Logger options or false (tests). */
  logger?: boolean | Record<string, unknown>;
  /** Registry port (tests); defaults to the SQLite registry. */
  registry?: RegistryPort;
  /** WhatsApp adapter seams (tests: a fake Baileys socket, no pacing). */
  whatsapp?: Partial<ConstructorParameters<typeof WhatsAppAdapter>[0]>;
  /** Alerts tuning (tests: a recording Telegram API, worker timings). */
  alerts?: RegisterAlertsOptions;
  /**
   * Telegram pacing/retry overrides (tests); defaults follow Telegram's limits. `false` keeps the
   * channel off even with a token (tests that fake the Bot API themselves: no network attempt).
   */
  telegram?: false | Pick<TelegramAdapterDeps, 'pacing' | 'retryBaseMs' | 'startWaitMs'>;
};

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    clock: Clock;
    channels: ChannelRegistry;
    /** Extra fields merged into /health (e.g. outbox dead letters). */
    healthExtras: Array<() => Record<string, unknown>>;
    flows: FlowSet;
    identity: Identity;
    evidence: EvidenceStore;
    tips: TipsService;
    /** The tip lifecycle's one owner: status moves, thread, replies, erasure, redaction. */
    tipsRepository: TipsRepository;
    /** Hooks other rooms (alerts) attach to tip events; called inside the tip's transaction. */
    tipHooks: TipsHooks;
    conversations: ConversationRuntime & { expireIdle(): number };
    whatsapp: WhatsAppAdapter;
    /** The Telegram channel (null when TELEGRAM_BOT_TOKEN is unset); alerts use its `bot.api`. */
    telegram: TelegramAdapter | null;
  }
}

/**
 * Build the whole service. Nothing listens until the caller does.
 *
 * ```ts
 * const app = await buildApp(parseConfig({ PORT: '0' }, { secret }), { logger: false });
 * const res = await app.inject({ url: '/health' });
 * ```
 */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? loggerOptions(config.LOG_LEVEL),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: false,
    return503OnClosing: true,
    frameworkErrors,
    // Two info lines per request cost throughput and say little; requests are logged at debug
    // (method, route, status, time — never URLs with tokens, bodies or addresses).
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('onResponse', async (req, reply) => {
    req.log.debug({ method: req.method, route: req.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ownDb = !deps.db;
  const db = deps.db ?? openDb(config.DATABASE_PATH);
  runMigrations(db);
  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('clock', deps.clock ?? Date.now);
  app.decorate('channels', createChannelRegistry());
  app.decorate('healthExtras', []);
  registerErrorHandlers(app);

  const flows = loadFlowSet();
  validateFlowSet(flows, ENGINE_KEYS);
  const clock = app.clock;
  const identity = createIdentity(config.PSEUDONYM_SECRET);
  const evidence = createEvidenceStore({ mediaDir: config.mediaDir, maxBytes: config.MEDIA_MAX_BYTES });
  const tipsRepository = createTipsRepository({
    db,
    mediaDir: config.mediaDir,
    canPush: (channel) => app.channels.canPush(channel),
    enqueueRelay: (tipMessageId, now) => {
      enqueue(db, { kind: 'relay_reply', payload: { tipMessageId }, idempotencyKey: `relay:${tipMessageId}`, now });
    },
    audit: (entry) => audit(db, entry),
  });
  app.decorate('tipsRepository', tipsRepository);
  const tipHooks: TipsHooks = {};
  const tips = createTipsService({
    db,
    secret: config.PSEUDONYM_SECRET,
    triage: { scoreTip, scanText },
    extractLinks: extractIdentifiers,
    receiptAttemptsPerHour: config.RECEIPT_ATTEMPTS_PER_HOUR,
    repository: tipsRepository,
    hooks: {
      onTipCommitted: (tip, now, event) => tipHooks.onTipCommitted?.(tip, now, event),
      onFollowup: (tip, id, now) => tipHooks.onFollowup?.(tip, id, now),
    },
  });
  const registryService = createRegistryService({ db, now: clock });
  if (registryService.ensureDemo()) app.log.info('registry empty: loaded the fictional demo registry (not official data)');
  const registry: RegistryPort = deps.registry ?? registryService;
  // Build the in-memory search index just after start-up rather than on the first question.
  app.addHook('onReady', async () => {
    setTimeout(() => {
      try {
        registryService.repository.warmIndex();
      } catch (err) {
        app.log.error({ err }, 'registry index warm-up failed');
      }
    }, 0).unref();
  });
  const conversations = createConversationRuntime({
    db,
    flows,
    identity,
    tips,
    registry,
    scanText,
    clock,
    defaultLocale: config.DEFAULT_LOCALE,
    idleMinutes: config.CONVERSATION_IDLE_MINUTES,
    maxMessagesPerConversation: config.MAX_MESSAGES_PER_CONVERSATION,
    perSenderPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  app.decorate('flows', flows);
  app.decorate('identity', identity);
  app.decorate('evidence', evidence);
  app.decorate('tips', tips);
  app.decorate('tipHooks', tipHooks);
  app.decorate('conversations', conversations);
  app.channels.register({
    channel: 'web',
    status: () => 'up',
    // The web chat cannot push: officer replies wait for the reporter's status check.
    pushes: false,
    send: async () => {
      throw new Error('web chat cannot push messages');
    },
  });

  const whatsapp = new WhatsAppAdapter({
    config,
    db,
    runtime: conversations,
    evidence,
    logger: app.log,
    // Messages sent while we were offline arrive as "append": the person wrote first, so answer them.
    offlineWindowMs: 10 * 60_000,
    onAlert: (alert) => app.log.warn({ channel: 'whatsapp', alert: alert.kind }, 'whatsapp: operator attention needed'),
    ...deps.whatsapp,
  });
  app.decorate('whatsapp', whatsapp);
  app.channels.register(whatsapp);
  app.addHook('onReady', async () => {
    await whatsapp.start();
  });
  // preClose: the last replies are saved before the database closes.
  app.addHook('preClose', async () => {
    await whatsapp.stop();
  });

  // Telegram: on when TELEGRAM_BOT_TOKEN is set. Connects when the app is ready (never blocking
  // start-up: a failure shows as telegram "down" and is retried), stops before the db closes.
  const telegram = config.TELEGRAM_BOT_TOKEN && deps.telegram !== false
    ? new TelegramAdapter({ config, runtime: conversations, evidence, logger: app.log, db, now: clock, ...deps.telegram })
    : null;
  app.decorate('telegram', telegram);
  if (telegram) {
    telegram.registerWebhookRoute(app);
    app.channels.register(telegram);
    app.addHook('onReady', () => telegram.start());
    app.addHook('preClose', () => telegram.stop());
  }

  // Alerts go out through the Telegram bot's API; its task-force composer handles the group.
  const alerts = registerAlerts(app, { telegramApi: telegram?.bot.api, ...deps.alerts });
  telegram?.setTaskforceComposer(createTaskforceComposer({ db, config, clock, alerts, tips: tipsRepository, logger: app.log }));

  // Officers: the API and dashboard (they use app.alerts for replies), and daily retention.
  await app.register(officerRoutes);
  await app.register(dashboardRoutes);
  await app.register(whatsappPairingRoutes, { whatsapp });
  await app.register(outboxAdminRoutes, { worker: app.outboxWorker });
  const retention = createRetentionJob({
    tips: tipsRepository,
    retentionDays: config.RETENTION_DAYS,
    clock,
    onRun: (r) => {
      if (r.redacted.length) app.log.info({ redacted: r.redacted.length, filesRemoved: r.filesRemoved }, 'retention redacted old closed cases');
    },
    onError: (err) => app.log.error({ err }, 'retention run failed'),
  });
  app.addHook('onReady', async () => retention.start());
  app.addHook('preClose', async () => retention.stop());

  await app.register(healthRoutes);
  await app.register(registryRoutes, { registry: registryService });
  await app.register(webChatRoutes, {
    runtime: conversations,
    evidence,
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    renderPage: (nonce, locale) => ({ html: renderChatPage({ nonce, locale }), csp: chatPageCsp(nonce) }),
  });

  // Abandoned reports become incomplete tips; idle sessions expire.
  let idleTimer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    idleTimer = setInterval(() => {
      try {
        conversations.expireIdle();
      } catch (err) {
        app.log.error({ err }, 'idle sweep failed');
      }
    }, 60_000);
    idleTimer.unref();
  });
  app.addHook('preClose', async () => {
    if (idleTimer) clearInterval(idleTimer);
  });

  // WAL checkpoints from a worker thread, never inside a turn's commit (service-owned file only).
  const stopCheckpointer = ownDb ? startCheckpointer(db, config.DATABASE_PATH) : async () => undefined;
  app.addHook('onClose', async () => {
    await stopCheckpointer();
    if (ownDb) db.$client.close();
  });
  return app;
}
