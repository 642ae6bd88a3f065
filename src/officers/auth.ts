/**
 * Bearer-token authentication for the officer API: `401` without a valid token, `403` when the
 * token's role may not do this. The caller lands on `request.officer` for handlers and the audit.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';
import type { Officer, OfficersRepository } from './officers-repository.js';
import type { Role } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the officer auth preHandler; absent on public routes. */
    officer?: Officer;
  }
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
    const officer = token ? repo.verify(token) : null;
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
