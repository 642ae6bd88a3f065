/**
 * Wires the alerts room into the app: the alerts service, the outbox worker, `/health` outbox
 * counts, and the timers — started in
 * `onReady`, stopped (and drained) in `preClose`, so graceful shutdown finishes a send in flight
 * before the database closes.
 */
import type { FastifyInstance } from 'fastify';
import { type AlertRoutingPort, type AlertsService, createAlertsService, type TaskforceApi } from './alerts-service.js';
import { createErasureHandlers, type ErasureTelegramApi } from '../tips/erasure.js';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './outbox.js';

declare module 'fastify' {
  interface FastifyInstance {
    alerts: AlertsService;
    outboxWorker: OutboxWorker;
  }
}

export type RegisterAlertsOptions = {
  /** The bot's API (`createTelegramBot(config).api`); absent when Telegram is off. */
  telegramApi?: TaskforceApi & Partial<Pick<ErasureTelegramApi, 'deleteMessage'>>;
  /** Worker tuning (tests). */
  worker?: Partial<Omit<OutboxWorkerOptions, 'storage' | 'clock' | 'handlers'>>;
  /** Scheduler period for escalations and the digest. */
  scheduleEveryMs?: number;
  /** Regency teams; without it every alert goes to the province. */
  routing?: AlertRoutingPort;
};

/**
 * Call once `flows`, `identity`, `channels` and `tipsRepository` are decorated; pass the result
 * to the tips service's hooks (tip commits enqueue alerts in the same transaction).
 *
 * ```ts
 * const alerts = registerAlerts(app, { telegramApi: bot.api });
 * createTipsService({ …, hooks: { onTipCommitted: (q, tip, now, ev) => alerts.onTipCommitted(q, tip, now, ev) } });
 * ```
 */
export function registerAlerts(app: FastifyInstance, opts: RegisterAlertsOptions = {}): AlertsService {
  const alerts = createAlertsService({
    storage: app.storage,
    config: app.config,
    clock: app.clock,
    identity: app.identity,
    channels: app.channels,
    tips: app.tipsRepository,
    catalog: app.flows.catalogs.id,
    reporterCatalogs: app.flows.catalogs,
    telegramApi: opts.telegramApi,
    logger: app.log,
    routing: opts.routing,
  });
  // Erased cases' platform messages are deleted or neutralised by the same worker (src/tips/erasure.ts).
  const erasure = createErasureHandlers({
    clock: app.clock,
    telegramApi: () => opts.telegramApi ?? alerts.telegramApi(),
    channels: app.channels,
    waJid: app.config.TASKFORCE_WHATSAPP_JID,
  });
  const worker = createOutboxWorker({
    storage: app.storage,
    clock: app.clock,
    handlers: { ...alerts.handlers, ...erasure },
    logger: app.log,
    ...opts.worker,
  });
  app.decorate('alerts', alerts);
  app.decorate('outboxWorker', worker);

  // A database that cannot answer shows as `db: down` (health-routes); the counts are then unknown.
  app.healthExtras.push(async () => ({ outbox: await worker.counts().catch(() => null) }));

  app.addHook('onReady', async () => {
    await worker.start();
    alerts.start(opts.scheduleEveryMs);
  });
  app.addHook('preClose', async () => {
    await alerts.stop();
    await worker.stop();
  });
  return alerts;
}
