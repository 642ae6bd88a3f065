/** `GET /health`: the database and each channel, per the contract. */
import type { FastifyInstance } from 'fastify';
import { pingDb } from '../storage/db.js';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', async (_req, reply) => {
    const dbOk = pingDb(app.db);
    const body: Record<string, unknown> = {
      status: dbOk ? 'ok' : 'degraded',
      db: dbOk ? 'ok' : 'down',
      channels: app.channels.statuses(),
    };
    for (const extra of app.healthExtras) Object.assign(body, await extra());
    return reply.status(dbOk ? 200 : 503).send(body);
  });
}
