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

export type Clock = () => number;

export type AppDeps = {
  /** An already open database (tests); otherwise `DATABASE_PATH` is opened. */
  db?: Db;
  /** Injected clock; defaults to Date.now. */
  clock?: Clock;
  /** Logger options or false (tests). */
  logger?: boolean | Record<string, unknown>;
};

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    clock: Clock;
    channels: ChannelRegistry;
    /** Extra fields merged into /health (e.g. outbox dead letters). */
    healthExtras: Array<() => Record<string, unknown>>;
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

  await app.register(healthRoutes);

  app.addHook('onClose', async () => {
    if (ownDb) db.$client.close();
  });
  return app;
}
