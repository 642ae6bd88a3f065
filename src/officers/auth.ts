/**
 * Bearer-token authentication for the officer API: `401` without a valid token, `403` when the
 * token's role may not do this. The caller lands on `request.officer` for handlers and the audit.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';
import { createWindowLimiter, type WindowLimiter } from '../http/window-limiter.js';
import type { Officer, OfficersRepository } from './officers-repository.js';
import type { Role } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the officer auth preHandler; absent on public routes. */
    officer?: Officer;
  }
  interface FastifyInstance {
    /** Wrong officer tokens per client address (memory only); see `createAuthThrottle`. */
    authThrottle?: WindowLimiter;
  }
}

/** Wrong tokens one client address may present in `AUTH_FAILURE_WINDOW_MS` before it gets 429. */
export const AUTH_FAILURES_PER_ADDRESS = 10;
export const AUTH_FAILURE_WINDOW_MS = 10 * 60_000;

/**
 * The failed-token throttle of the officer API and dashboard, decorated on the app as
 * `authThrottle`. Only a presented, wrong token counts (a correct one or none does not), so an
 * office of officers behind one address is not locked out by its own use; ten guesses per ten
 * minutes turn guessing into noise without hurting a person who mistyped.
 */
export function createAuthThrottle(): WindowLimiter {
  return createWindowLimiter({ max: AUTH_FAILURES_PER_ADDRESS, windowMs: AUTH_FAILURE_WINDOW_MS });
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}

export type OfficerGuard = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * A hook (onRequest or preHandler) that requires a valid token and, if given, the `admin` role.
 *
 * ```ts
 * app.delete('/api/tips/:id', { onRequest: requireOfficer(officers, 'admin') }, handler);
 * ```
 */
export function requireOfficer(repo: OfficersRepository, role: Role = 'officer'): OfficerGuard {
  return async function officerAuth(req: FastifyRequest, reply: FastifyReply) {
    const token = bearerToken(req.headers.authorization);
    const throttle = req.server.authThrottle;
    const now = req.server.clock?.() ?? Date.now();
    const blocked = token && throttle ? throttle.blocked(req.ip, now) : { blocked: false as const };
    if (blocked.blocked) {
      // Not even checked: a blocked address learns nothing from further guesses.
      reply.header('retry-after', String(blocked.retryAfterSeconds));
      throw new HttpError(429, 'too_many_failures', `Too many wrong tokens from this address. Try again in ${Math.ceil(blocked.retryAfterSeconds / 60)} min.`);
    }
    const officer = token ? await repo.verify(token) : null;
    if (token && !officer) throttle?.hit(req.ip, now);
    if (!officer) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new HttpError(401, 'unauthorized', 'A valid officer token is required (Authorization: Bearer <token>).');
    }
    req.officer = officer;
    if (role === 'admin' && officer.role !== 'admin') {
      throw new HttpError(403, 'forbidden', 'This action needs an admin token.');
    }
  };
}

/** The authenticated officer; throws if a route forgot its preHandler (a programming error). */
export function officerOf(req: FastifyRequest): Officer {
  if (!req.officer) throw new Error('officer auth preHandler missing on this route');
  return req.officer;
}
