/**
 * The app as a plugin-built Fastify instance: `buildApp(config)` registers every room explicitly,
 * in order. Tests mount it on port 0 or use `inject`; `server.ts` is only the process shell.
 */
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type ChannelPort, type ChannelRegistry, createChannelRegistry } from './channels/channel-registry.js';
import type { Config } from './config.js';
import { frameworkErrors, registerErrorHandlers } from './http/errors.js';
import { healthRoutes } from './http/health-routes.js';
import { loggerOptions } from './logger.js';
import type { Db } from './storage/db.js';
import { migrateStorage } from './storage/migrate.js';
import { openStorage, type Storage, sqliteStorage } from './storage/storage.js';
import { recordAudit } from './storage/audit-log.js';
import { enqueueJob } from './storage/outbox.js';
import { startCheckpointer } from './storage/checkpointer.js';
import { loadFlowSet } from '../flows/index.js';
import { type RegisterAlertsOptions, registerAlerts } from './alerts/alerts-plugin.js';
import { outboxAdminRoutes } from './alerts/outbox-routes.js';
import { taskforceForwarding } from './alerts/forwarding.js';
import { applyContacts, DEFAULT_CONTACTS_FILE, loadContacts } from './contacts/contacts.js';
import { auditRoutes } from './officers/audit-routes.js';
import { dashboardRoutes } from './officers/dashboard-routes.js';
import { officerAuthPlugin } from './officers/officer-auth-plugin.js';
import { officerRoutes } from './officers/officer-routes.js';
import { createRetentionJob, type RetentionJob } from './officers/retention.js';
import { registryRoutes } from './registry/registry-routes.js';
import { createRouting, type Routing } from './routing/routing-service.js';
import { routingRoutes } from './routing/routing-routes.js';
import { createTipScopeGuard } from './routing/scope.js';
import { createRegistryService } from './registry/registry-service.js';
import type { TelegramAdapter, TelegramAdapterDeps } from './channels/telegram/telegram-adapter.js';
import { chatPageCsp, renderChatPage } from './channels/web/page.js';
import { webChatRoutes } from './channels/web/web-routes.js';
import { whatsappPairingRoutes } from './channels/whatsapp/pairing-routes.js';
import type { WhatsAppAdapter } from './channels/whatsapp/whatsapp-adapter.js';
import { DEFAULT_LEASE } from './channels/whatsapp/whatsapp-types.js';
import { createIdentity, type Identity } from './conversations/identity.js';
import { createConversationRuntime, IDLE_SWEEP_EVERY_MS, type RegistryPort } from './conversations/runtime.js';
import type { ConversationRuntime } from './conversations/runtime-types.js';
import { ENGINE_KEYS, validateFlowSet } from './engine/validate.js';
import type { FlowSet } from './engine/types.js';
import { createEvidenceStore } from './tips/evidence-store.js';
import { createEvidenceSweep } from './tips/evidence-sweep.js';
import { createTipsRepository, type TipsRepository } from './tips/tips-repository.js';
import type { EvidenceStore } from './tips/evidence-types.js';
import { createTipsService, type TipsService } from './tips/tips-service.js';
import { extractIdentifiers } from './triage/identifiers.js';
import { scanText, scoreTip } from './triage/score.js';
import { createAdCheckEffect } from './adcheck/ad-check-effect.js';
import { adCheckRoutes } from './adcheck/ad-check-routes.js';
import { AD_FLAG_KEYS, createAdChecker } from './adcheck/analyse.js';
import { createTesseractReader, type TesseractReader } from './adcheck/ocr.js';
import { createSightings, type Sightings } from './adcheck/sightings.js';

export type Clock = () => number;

export type AppDeps = {
  /** An already open SQLite database (tests); otherwise the configured storage is opened. */
  db?: Db;
  /** An already open storage (tests on either backend); otherwise the configured storage is opened. */
  storage?: Storage;
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
  /** Screenshot reading for the job-ad check; `false` = no OCR (defaults to local tesseract if installed). */
  ocr?: false | Pick<TesseractReader, 'readFile'>;
};

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The storage port (SQLite or PostgreSQL): every repository is written against it. */
    storage: Storage;
    clock: Clock;
    channels: ChannelRegistry;
    /** Extra fields merged into /health (e.g. outbox dead letters). */
    healthExtras: Array<() => Record<string, unknown> | Promise<Record<string, unknown>>>;
    flows: FlowSet;
    identity: Identity;
    evidence: EvidenceStore;
    /** Deletes evidence files that never joined a report (start-up, hourly). */
    evidenceSweep: ReturnType<typeof createEvidenceSweep>;
    tips: TipsService;
    /** The tip lifecycle's one owner: status moves, thread, replies, erasure, redaction. */
    tipsRepository: TipsRepository;
    conversations: ConversationRuntime & { expireIdle(): Promise<number> };
    /** The WhatsApp channel: the Baileys adapter when WHATSAPP_ENABLED, else an "off" stand-in. */
    whatsapp: WhatsAppChannel;
    /** The Telegram channel (null when TELEGRAM_BOT_TOKEN is unset); alerts use its `bot.api`. */
    telegram: TelegramAdapter | null;
    /** Keyed-hash counts of identifiers seen in job-ad checks (officers see "checked N times"). */
    adSightings: Sightings;
    /** The daily retention job (`runOnce()` for admins' tools and tests on an injected clock). */
    retention: RetentionJob;
    /** Regency task forces: routes, teams, who may act (src/routing/). */
    regencyRouting: Routing;
  }
}

/** TRUST_PROXY as Fastify takes it: a list of addresses/CIDRs, or "trust the nearest n hops". */
function trustProxyOption(v: Config['TRUST_PROXY']): false | string[] | ((addr: string, hop: number) => boolean) {
  if (v === undefined || v === 0) return false;
  if (typeof v === 'number') return (_addr, hop) => hop < v;
  return v;
}

/** What the app needs of the WhatsApp channel, whether or not Baileys was loaded. */
export type WhatsAppChannel = ChannelPort & Pick<WhatsAppAdapter, 'currentQr' | 'start' | 'stop' | 'idle'>;

/** WHATSAPP_ENABLED unset: the channel reports "off" and Baileys is never loaded. */
const WHATSAPP_OFF: WhatsAppChannel = {
  channel: 'whatsapp',
  status: () => 'off',
  currentQr: () => null,
  start: async () => undefined,
  stop: async () => undefined,
  idle: async () => undefined,
  send: async () => {
    throw new Error('WhatsApp is off (WHATSAPP_ENABLED is not set)');
  },
};

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
    // Only through the proxies named in TRUST_PROXY is X-Forwarded-For believed (README "Limits").
    trustProxy: trustProxyOption(config.TRUST_PROXY),
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

  // The storage port (src/storage/storage.ts): SQLite at DATABASE_PATH by default, PostgreSQL when
  // DATABASE_URL is set (several instances on one database, README "Scaling"). Tests may hand in
  // an open SQLite database or a storage.
  const ownStorage = !deps.db && !deps.storage;
  const storage = deps.storage ?? (deps.db ? sqliteStorage(deps.db, { ownsDb: false }) : await openStorage(config));
  await migrateStorage(storage, config);
  app.decorate('config', config);
  app.decorate('storage', storage);
  app.decorate('clock', deps.clock ?? Date.now);
  app.decorate('channels', createChannelRegistry());
  app.decorate('healthExtras', []);
  registerErrorHandlers(app);

  // The construction order IS the architecture: each room gets what it needs as it is built, and
  // nothing is attached afterwards.
  // 1. Officers' auth and audit: one named plugin the officer-only rooms declare as a dependency.
  await app.register(officerAuthPlugin);

  // 2. The pure parts and the tip lifecycle's owner.
  const flows = loadFlowSet();
  const contactsFile = config.CONTACTS_FILE ?? DEFAULT_CONTACTS_FILE;
  const { placeholders } = applyContacts(flows.catalogs, loadContacts(contactsFile));
  if (placeholders.length) {
    app.log.warn(`contacts: ${placeholders.length} local contact(s) not filled in yet, not shown to reporters: ${placeholders.map((c) => c.name.id).join('; ')} (edit ${contactsFile}, see README "Help contacts")`);
  }
  validateFlowSet(flows, [...ENGINE_KEYS, ...AD_FLAG_KEYS]);
  const clock = app.clock;
  const identity = createIdentity(config.PSEUDONYM_SECRET);
  const evidence = createEvidenceStore({
    mediaDir: config.mediaDir,
    maxBytes: config.MEDIA_MAX_BYTES,
    quotaBytes: config.MEDIA_QUOTA_BYTES,
    uploadsPerMinute: config.UPLOADS_PER_MINUTE,
    clock: () => app.clock(),
  });
  // Every group holding the tip's alert (a regency team's, the province's) shows who holds it now.
  const alertUpdate = (tipId: string, to: string, now: number) => ({ kind: 'alert_update', payload: { tipId }, idempotencyKey: `alert_update:${tipId}:api:${now}:${to}`, now });
  const tipsRepository = createTipsRepository({
    storage,
    mediaDir: config.mediaDir,
    canPush: (channel) => app.channels.canPush(channel),
    enqueueRelay: (q, tipMessageId, now) => enqueueJob(storage, q, { kind: 'relay_reply', payload: { tipMessageId }, idempotencyKey: `relay:${tipMessageId}`, now }),
    audit: (q, entry) => recordAudit(storage, q, entry),
    onStatusChanged: async (q, tipId, to, now) => {
      if (config.TELEGRAM_BOT_TOKEN) await enqueueJob(storage, q, alertUpdate(tipId, to, now));
    },
  });
  app.decorate('flows', flows);
  app.decorate('identity', identity);
  app.decorate('evidence', evidence);
  app.decorate('tipsRepository', tipsRepository);

  // 3. Regency task forces (TASKFORCE_ROUTES_FILE is validated: a bad file stops start-up), the
  //    Telegram bot's API (the adapter itself needs the runtime, built below), then alerts:
  //    outbox worker, task-force rendering, escalation, digest.
  const routing = await createRouting({ storage, config, clock });
  app.decorate('regencyRouting', routing);
  const telegramOn = !!config.TELEGRAM_BOT_TOKEN && deps.telegram !== false;
  // grammY (and Baileys below) are loaded only when their channel is configured: a service without
  // them starts faster and stays smaller (README "Performance").
  const telegramModule = telegramOn ? await import('./channels/telegram/telegram-adapter.js') : null;
  const telegramBot =
    telegramModule && config.TELEGRAM_BOT_TOKEN
      ? telegramModule.createTelegramBot(config, {
          botInfo: await telegramModule.loadBotInfo(storage, config.TELEGRAM_BOT_TOKEN),
          retryBaseMs: deps.telegram ? deps.telegram.retryBaseMs : undefined,
        })
      : null;
  const alerts = registerAlerts(app, { telegramApi: telegramBot?.api, routing, ...deps.alerts });

  // 4. Tips on the conversation side (their commits enqueue alerts), then the runtime.
  const tips = createTipsService({
    storage,
    secret: config.PSEUDONYM_SECRET,
    triage: { scoreTip, scanText },
    extractLinks: extractIdentifiers,
    receiptAttemptsPerHour: config.RECEIPT_ATTEMPTS_PER_HOUR,
    repository: tipsRepository,
    hooks: {
      // Inside the turn's transaction `q`: the alert commits with the tip.
      onTipCommitted: (q, tip, now, event, change) => alerts.onTipCommitted(q, tip, now, event, change),
      onFollowup: (q, tip, tipMessageId, now) => alerts.onFollowUpCommitted(q, { tipId: tip.id, tipMessageId }, now),
    },
  });
  const registryService = createRegistryService({ storage, now: clock, onError: (err) => app.log.error({ err }, 'registry refresh failed') });
  if (await registryService.ensureDemo()) app.log.info('registry empty: loaded the fictional demo registry (not official data)');
  // The in-memory snapshot is built before the first question (searches then read no database).
  else await registryService.load();
  // The turn's agency check and the ad checker read the snapshot: no database read inside a turn's
  // transaction (registry-service.ts `memory`).
  const registry: RegistryPort = deps.registry ?? registryService.memory;
  const forwarding = taskforceForwarding(config);
  // Regency team routes (read once `routing` exists) forward their regencies' tips even without a province group.
  const routedRegencies = () => (config.TELEGRAM_BOT_TOKEN ? Object.keys(routing.list()).length : 0);
  app.addHook('onReady', async () => {
    if (!forwarding.problem) return;
    const routed = routedRegencies();
    app.log.warn(routed ? `taskforce: ${routed} regency route(s) configured, but no province channel: urgent tips from other regencies are stored but NOT forwarded` : `taskforce: ${forwarding.problem}`);
  });
  app.healthExtras.push(() => {
    if (forwarding.configured) return { taskforce: { forwarding: 'configured', targets: forwarding.targets } };
    const routed = routedRegencies();
    return { taskforce: routed ? { forwarding: 'regencies_only', routedRegencies: routed } : { forwarding: 'not_configured', note: forwarding.problem } };
  });
  // The job-ad checker: registry look-ups, flags, keyed-hash counts, local OCR of screenshots.
  const adChecker = createAdChecker(registryService.memory);
  const adSightings = createSightings(storage, config.PSEUDONYM_SECRET);
  const ocr = deps.ocr === false ? null : (deps.ocr ?? createTesseractReader());
  app.decorate('adSightings', adSightings);
  const conversations = createConversationRuntime({
    storage,
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
    // A province channel, or a regency team route (#19) for this report's regency; `routing` is
    // built below and only read on a submission.
    urgentForwarded: (regency) => forwarding.configured || (!!config.TELEGRAM_BOT_TOKEN && !!routing.routeFor(regency)),
    checkAd: createAdCheckEffect({ checker: adChecker, sightings: adSightings }),
    readImage: ocr ? (m) => ocr.readFile(evidence.pathOf(m.sha256)) : undefined,
    maxMediaPerTip: config.MEDIA_MAX_PER_TIP,
    receiptAttemptsPerAddressPerHour: config.RECEIPT_ATTEMPTS_PER_ADDRESS_PER_HOUR,
  });
  app.decorate('tips', tips);
  app.decorate('conversations', conversations);

  // 5. Channels.
  app.channels.register({
    channel: 'web',
    status: () => 'up',
    // The web chat cannot push: officer replies wait for the reporter's status check.
    pushes: false,
    send: async () => {
      throw new Error('web chat cannot push messages');
    },
  });

  const whatsapp: WhatsAppChannel = !config.WHATSAPP_ENABLED
    ? WHATSAPP_OFF
    : new (await import('./channels/whatsapp/whatsapp-adapter.js')).WhatsAppAdapter({
    config,
    storage,
    // Several instances share PostgreSQL: one holds the socket. One SQLite node needs no lease
    // (and a restart after a crash then reconnects at once).
    lease: storage.dialect === 'postgres' ? DEFAULT_LEASE : undefined,
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
  // The task force's middleware (alert buttons, officers' replies) runs before the reporter flow.
  const composerModule = telegramBot ? await import('./alerts/taskforce-composer.js') : null;
  const telegram = telegramBot && telegramModule && composerModule
    ? new telegramModule.TelegramAdapter({
        config,
        runtime: conversations,
        evidence,
        logger: app.log,
        catalogs: flows.catalogs,
        storage,
        now: clock,
        bot: telegramBot,
        taskforceComposer: composerModule.createTaskforceComposer({ storage, config, clock, alerts, tips: tipsRepository, logger: app.log, routing }),
        ...(deps.telegram || {}),
      })
    : null;
  app.decorate('telegram', telegram);
  if (telegram) {
    telegram.registerWebhookRoute(app);
    app.channels.register(telegram);
    app.addHook('onReady', () => telegram.start());
    app.addHook('preClose', () => telegram.stop());
  }

  // 6. Routes: officers' API and dashboard, regency routing, admin views, daily retention, public routes.
  await app.register(officerRoutes, { tipScope: createTipScopeGuard(storage) });
  await app.register(routingRoutes, { routing });
  await app.register(dashboardRoutes);
  await app.register(whatsappPairingRoutes, { whatsapp });
  await app.register(outboxAdminRoutes, { worker: app.outboxWorker });
  await app.register(auditRoutes);
  const retention = createRetentionJob({
    storage,
    mediaDir: config.mediaDir,
    retentionDays: config.RETENTION_DAYS,
    clock,
    onRun: (r) => {
      const { redacted, erasedOnRequest, ...counts } = r;
      app.log.info({ redacted: redacted.length, erasedOnRequest: erasedOnRequest.length, ...counts }, 'retention run');
    },
    onError: (err) => app.log.error({ err }, 'retention run failed'),
  });
  app.decorate('retention', retention);
  app.addHook('onReady', async () => retention.start());
  app.addHook('preClose', async () => retention.stop());

  // Evidence that never joined a report is swept at start and hourly; /health shows the quota.
  const evidenceSweep = createEvidenceSweep({ storage, evidence, clock, onError: (err) => app.log.error({ err }, 'evidence sweep failed') });
  app.decorate('evidenceSweep', evidenceSweep);
  app.addHook('onReady', async () => evidenceSweep.start());
  app.addHook('preClose', async () => evidenceSweep.stop());
  app.healthExtras.push(() => ({ media: evidence.usage() }));

  await app.register(healthRoutes);
  await app.register(registryRoutes, { registry: registryService });
  await app.register(adCheckRoutes, {
    checker: adChecker,
    sightings: adSightings,
    catalogs: flows.catalogs,
    defaultLocale: config.DEFAULT_LOCALE,
    perMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  await app.register(webChatRoutes, {
    runtime: conversations,
    evidence,
    limits: {
      openPerAddressPerMinute: config.OPEN_PER_ADDRESS_PER_MINUTE,
      openPerMinute: config.OPEN_PER_MINUTE,
      uploadsPerAddressPerMinute: config.UPLOADS_PER_ADDRESS_PER_MINUTE,
    },
    renderPage: (nonce, locale) => ({ html: renderChatPage({ nonce, locale, discreet: config.DISCREET_UI }), csp: chatPageCsp(nonce) }),
  });

  // Abandoned reports become incomplete tips; idle sessions expire.
  let idleTimer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    // Every instance ticks; one of them sweeps per interval (claimRun inside expireIdle).
    idleTimer = setInterval(() => {
      conversations.expireIdle().catch((err) => app.log.error({ err }, 'idle sweep failed'));
    }, IDLE_SWEEP_EVERY_MS);
    idleTimer.unref();
  });
  app.addHook('preClose', async () => {
    if (idleTimer) clearInterval(idleTimer);
  });

  // WAL checkpoints from a worker thread, never inside a turn's commit (service-owned file only).
  const stopCheckpointer = ownStorage && storage.sqlite ? startCheckpointer(storage.sqlite, config.DATABASE_PATH) : async () => undefined;
  app.addHook('onClose', async () => {
    await stopCheckpointer();
    if (ownStorage) await storage.close();
  });
  return app;
}
