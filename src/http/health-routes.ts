/** `GET /health`: the database and each channel, per the contract. */
import type { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', async (_req, reply) => {
    // Either backend: SQLite's `select 1`, or a round trip to PostgreSQL (false when it is unreachable).
    const dbOk = await app.storage.ping();
    const body: Record<string, unknown> = {
      status: dbOk ? 'ok' : 'degraded',
      db: dbOk ? 'ok' : 'down',
      channels: app.channels.statuses(),
    };
    // The extras read the database too: when it is down they would only add their own timeouts.
    if (dbOk) for (const extra of app.healthExtras) Object.assign(body, await extra());
    return reply.status(dbOk ? 200 : 503).send(body);
  });
}
