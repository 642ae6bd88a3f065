/**
 * Wires the alerts room into the app: the alerts service, the outbox worker, the tip hooks
 * (called inside the tip's transaction), `/health` outbox counts, and the timers — started in
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
  /** The bot's API when the Telegram adapter already exists; else `app.alerts.attachTelegram(api)` later. */
  telegramApi?: TaskforceApi & Partial<Pick<ErasureTelegramApi, 'deleteMessage'>>;
  /** Worker tuning (tests). */
  worker?: Partial<Omit<OutboxWorkerOptions, 'db' | 'clock' | 'handlers'>>;
  /** Scheduler period for escalations and the digest. */
  scheduleEveryMs?: number;
  /** Regency teams; without it every alert goes to the province. */
  routing?: AlertRoutingPort;
};

/**
 * Call after the tips service and channels are decorated, before `app.ready()`.
 *
 * ```ts
 * registerAlerts(app);
 * // where the Telegram adapter is built:
 * app.alerts.attachTelegram(bot.api);
 * bot.use(createTaskforceComposer({ db, config, clock, alerts: app.alerts }));
 * ```
 */
export function registerAlerts(app: FastifyInstance, opts: RegisterAlertsOptions = {}): AlertsService {
  const alerts = createAlertsService({
    db: app.db,
    config: app.config,
    clock: app.clock,
    identity: app.identity,
    channels: app.channels,
    catalog: app.flows.catalogs.id,
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
    db: app.db,
    clock: app.clock,
    handlers: { ...alerts.handlers, ...erasure },
    logger: app.log,
    ...opts.worker,
  });
  app.decorate('alerts', alerts);
  app.decorate('outboxWorker', worker);

  app.tipHooks.onTipCommitted = (tip, now, event, change) => alerts.onTipCommitted(app.db, tip, now, event, change);
  app.tipHooks.onFollowup = (tip, tipMessageId, now) => alerts.onFollowUpCommitted(app.db, { tipId: tip.id, tipMessageId }, now);
  app.healthExtras.push(() => ({ outbox: worker.counts() }));

  app.addHook('onReady', async () => {
    worker.start();
    alerts.start(opts.scheduleEveryMs);
  });
  app.addHook('preClose', async () => {
    alerts.stop();
    await worker.stop();
  });
  return alerts;
}
