/**
 * Regency scope of officer tokens (`officer:token --regency sambas,bengkayang`): a scoped token
 * sees only tips of its regencies. A tip outside the scope answers 404 exactly like a missing one,
 * so a regency team cannot even learn that another regency's case exists.
 */
import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { HttpError } from '../http/errors.js';
import type { Storage } from '../storage/storage.js';

/** Whether an officer with `regencies` (null: unscoped) may see a tip of `regency`. */
export function inScope(regencies: readonly string[] | null | undefined, regency: string | null): boolean {
  if (!regencies) return true;
  return regency !== null && regencies.includes(regency);
}

/**
 * A Fastify preHandler for routes with an `:id` tip parameter: 404 when the caller's token is
 * scoped and the tip lies outside it. Missing tips are left to the route (its own 404).
 *
 * ```ts
 * await app.register(officerRoutes, { tipScope: createTipScopeGuard(storage) });
 * ```
 */
export function createTipScopeGuard(s: Storage) {
  const { tips } = s.t;
  return async function tipScope(req: FastifyRequest): Promise<void> {
    const regencies = req.officer?.regencies;
    const id = (req.params as { id?: unknown } | undefined)?.id;
    if (!regencies || typeof id !== 'string') return;
    const [row] = await s.run((q) => q.select({ regency: tips.regency }).from(tips).where(eq(tips.id, id)).limit(1));
    if (row && !inScope(regencies, row.regency)) throw new HttpError(404, 'tip_not_found', `No tip ${id.slice(0, 64)}.`);
  };
}
