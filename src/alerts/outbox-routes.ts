/**
 * Administrators see undeliverable work (dead letters) and can send it again once the cause is
 * fixed (e.g. the bot was removed from the task-force group). Payloads are not shown: they are
 * ids, and the thing that matters is what failed and why.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';
import { recordAudit } from '../storage/audit-log.js';
import { affected } from '../storage/storage.js';
import type { OutboxWorker } from './outbox.js';

async function outboxRoutes(app: FastifyInstance, opts: { worker: OutboxWorker }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Admins only, through the officers' auth plugin (declared dependency, not an import).
  const { admin } = app.officerAuth;
  const s = app.storage;
  const { outbox } = s.t;

  r.get('/api/admin/outbox', { onRequest: admin }, async () => {
    const dead = await s.run((q) =>
      q
        .select({ id: outbox.id, kind: outbox.kind, key: outbox.idempotencyKey, attempts: outbox.attempts, lastError: outbox.lastError, createdAt: outbox.createdAt })
        .from(outbox)
        .where(eq(outbox.status, 'dead'))
        .orderBy(desc(outbox.id))
        .limit(200),
    );
    return { ...(await opts.worker.counts()), deadItems: dead.map((d) => ({ ...d, createdAt: new Date(d.createdAt).toISOString() })) };
  });

  r.post('/api/admin/outbox/:id/retry', { onRequest: admin, schema: { params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req) => {
    const now = app.clock();
    const changed = await s.tx(async (q) => {
      // Only a dead row comes back (two admins retrying at once: one of them does it).
      const n = affected(
        await q
          .update(outbox)
          .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, leasedUntil: null })
          .where(and(eq(outbox.id, req.params.id), eq(outbox.status, 'dead'))),
      );
      if (n) await recordAudit(s, q, { actor: req.officer?.actor ?? 'admin', action: 'outbox.retry', detail: { outboxId: req.params.id }, now });
      return n;
    });
    if (!changed) throw new HttpError(404, 'not_found', `No dead outbox row ${req.params.id}.`);
    return { retried: req.params.id };
  });
}

/** Dead letters and their retry, for admins (`officer-auth` must be registered first). */
export const outboxAdminRoutes = fp(outboxRoutes, { name: 'outbox-admin-routes', dependencies: ['officer-auth'], encapsulate: true });
