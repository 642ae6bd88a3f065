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
import { type AuditEntry, audit } from './audit.js';
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
    /** From the `officer-auth` plugin: append to the audit log (who, what, when, which tip). */
    audit: (entry: Omit<AuditEntry, 'now'> & { now?: number }) => void;
  }
}

async function officerAuth(app: FastifyInstance): Promise<void> {
  const officers = createOfficersRepository(app.db, { now: () => app.clock(), adminToken: app.config.ADMIN_TOKEN });
  // Wrong tokens per client address are counted, so guessing one turns into noise.
  app.decorate('authThrottle', createAuthThrottle());
  app.decorate('officerAuth', { officer: requireOfficer(officers, 'officer'), admin: requireOfficer(officers, 'admin'), officers });
  app.decorate('audit', (entry: Omit<AuditEntry, 'now'> & { now?: number }) => audit(app.db, { ...entry, now: entry.now ?? app.clock() }));
}

/** The plugin; its `name` is the one other rooms list in their `dependencies`. */
export const officerAuthPlugin = fp(officerAuth, { name: 'officer-auth' });
