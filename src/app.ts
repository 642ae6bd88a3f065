/**
 * The app as a plugin-built Fastify instance: `buildApp(config)` registers every room explicitly,
 * in order. Tests mount it on port 0 or use `inject`; `server.ts` is only the process shell.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type ChannelRegistry, createChannelRegistry } from './channels/channel-registry.js';
import type { Config } from './config.js';
import { registerErrorHandlers } from './http/errors.js';
import { healthRoutes } from './http/health-routes.js';
import { loggerOptions } from './logger.js';
import { type Db, openDb } from './storage/db.js';
import { runMigrations } from './storage/migrate.js';
import { loadFlowSet } from '../flows/index.js';
import { type RegisterAlertsOptions, registerAlerts } from './alerts/alerts-plugin.js';
import { chatPageCsp, renderChatPage } from './channels/web/page.js';
import { webChatRoutes } from './channels/web/web-routes.js';
import { createIdentity, type Identity } from './conversations/identity.js';
import { createConversationRuntime, type RegistryPort } from './conversations/runtime.js';
import type { ConversationRuntime } from './conversations/runtime-types.js';
import { ENGINE_KEYS, validateFlowSet } from './engine/validate.js';
import type { FlowSet } from './engine/types.js';
import { createEvidenceStore } from './tips/evidence-store.js';
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
  /** Alerts tuning (tests: a recording Telegram API, worker timings). */
  alerts?: RegisterAlertsOptions;
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
    /** Hooks other rooms (alerts) attach to tip events; called inside the tip's transaction. */
    tipHooks: TipsHooks;
    conversations: ConversationRuntime & { expireIdle(): number };
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
  const tipHooks: TipsHooks = {};
  const tips = createTipsService({
    db,
    secret: config.PSEUDONYM_SECRET,
    triage: { scoreTip, scanText },
    extractLinks: extractIdentifiers,
    receiptAttemptsPerHour: config.RECEIPT_ATTEMPTS_PER_HOUR,
    hooks: {
      onTipCommitted: (tip, now, event) => tipHooks.onTipCommitted?.(tip, now, event),
      onFollowup: (tip, id, now) => tipHooks.onFollowup?.(tip, id, now),
    },
  });
  const registry: RegistryPort = deps.registry ?? { check: () => ({ outcome: 'not_found', demo: false, updatedAt: null, items: [] }) };
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
    send: async () => {
      throw new Error('web chat cannot push messages');
    },
  });

  registerAlerts(app, deps.alerts);

  await app.register(healthRoutes);
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

  app.addHook('onClose', async () => {
    if (ownDb) db.$client.close();
  });
  return app;
}
