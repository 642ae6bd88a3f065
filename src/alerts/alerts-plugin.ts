/**
 * Wires the alerts room into the app: the alerts service, the outbox worker, the tip hooks
 * (called inside the tip's transaction), `/health` outbox counts, and the timers — started in
 * `onReady`, stopped (and drained) in `preClose`, so graceful shutdown finishes a send in flight
 * before the database closes.
 */
import type { FastifyInstance } from 'fastify';
import { type AlertsService, createAlertsService, type TaskforceApi } from './alerts-service.js';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './outbox.js';

declare module 'fastify' {
  interface FastifyInstance {
    alerts: AlertsService;
    outboxWorker: OutboxWorker;
  }
}

export type RegisterAlertsOptions = {
  /** The bot's API when the Telegram adapter already exists; else `app.alerts.attachTelegram(api)` later. */
  telegramApi?: TaskforceApi;
  /** Worker tuning (tests). */
  worker?: Partial<Omit<OutboxWorkerOptions, 'db' | 'clock' | 'handlers'>>;
  /** Scheduler period for escalations and the digest. */
  scheduleEveryMs?: number;
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
    tips: app.tipsRepository,
    catalog: app.flows.catalogs.id,
    telegramApi: opts.telegramApi,
    logger: app.log,
  });
  const worker = createOutboxWorker({
    db: app.db,
    clock: app.clock,
    handlers: alerts.handlers,
    logger: app.log,
    ...opts.worker,
  });
  app.decorate('alerts', alerts);
  app.decorate('outboxWorker', worker);

  app.tipHooks.onTipCommitted = (tip, now, event) => alerts.onTipCommitted(app.db, tip, now, event);
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
