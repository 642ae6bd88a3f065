/**
 * Officers' authentication and audit as one named Fastify plugin (`officer-auth`), so every room
 * with officer-only routes (the officer API, the outbox admin, WhatsApp pairing) uses the same
 * check and the same audit log by declaring `dependencies: ['officer-auth']` instead of importing
 * officers' internals. Registered once in app.ts, before those rooms.
 *
 * ```ts
 * await app.register(officerAuthPlugin);
 * await app.register(fp(async (scope) => {
 *   scope.get('/api/admin/thing', { onRequest: scope.officerAuth.admin }, handler);
 * }, { name: 'thing-routes', dependencies: ['officer-auth'], encapsulate: true }));
 * ```
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Q } from '../storage/storage.js';
import { type AuditEntry, recordAudit } from './audit.js';
import { createAuthThrottle, type OfficerGuard, requireOfficer } from './auth.js';
import { createOfficersRepository, type OfficersRepository } from './officers-repository.js';

export type OfficerAuth = {
  /** onRequest hook: any valid officer token (401 without one). */
  officer: OfficerGuard;
  /** onRequest hook: an admin token (401 without a token, 403 for an officer's). */
  admin: OfficerGuard;
  /** The officers and tokens, for routes that manage them. */
  officers: OfficersRepository;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** From the `officer-auth` plugin: the bearer-token guards every officer-only route uses. */
    officerAuth: OfficerAuth;
    /**
     * From the `officer-auth` plugin: append to the audit log (who, what, when, which tip), on the
     * storage port. Inside a transaction pass its handle `q` so the row commits with the change it
     * records; without `q` it is one statement of its own. Never call it without `q` from inside
     * `storage.tx`/`run` (on SQLite that waits on itself).
     */
    audit: (entry: Omit<AuditEntry, 'now'> & { now?: number }, q?: Q) => Promise<void>;
  }
}

async function officerAuth(app: FastifyInstance): Promise<void> {
  const { storage } = app;
  const officers = createOfficersRepository(storage, { now: () => app.clock(), adminToken: app.config.ADMIN_TOKEN });
  // Wrong tokens per client address are counted, so guessing one turns into noise.
  app.decorate('authThrottle', createAuthThrottle());
  app.decorate('officerAuth', { officer: requireOfficer(officers, 'officer'), admin: requireOfficer(officers, 'admin'), officers });
  app.decorate('audit', async (entry: Omit<AuditEntry, 'now'> & { now?: number }, q?: Q) => {
    const row = { ...entry, now: entry.now ?? app.clock() };
    await (q ? recordAudit(storage, q, row) : storage.run((own) => recordAudit(storage, own, row)));
  });
}

/** The plugin; its `name` is the one other rooms list in their `dependencies`. */
export const officerAuthPlugin = fp(officerAuth, { name: 'officer-auth' });
