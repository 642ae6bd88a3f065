/**
 * Admins read the audit trail: `GET /api/admin/audit?limit=&cursor=&tipId=&actor=&action=` →
 * `{"items": [{id, at, atWib, actor, action, tipId, detail}], "nextCursor": string|null}`, newest
 * first, keyset-paged on the row id (stable while new rows arrive). Reading it is audited too.
 * The trail never holds reporter identity (see audit.ts), so it can be shown as it is.
 */
import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { wibDateTime } from '../conversations/wib-dates.js';
import type { Storage } from '../storage/storage.js';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,15}$/, 'must be a cursor from nextCursor').optional(),
  tipId: z.string().min(1).max(64).optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z.string().max(64).regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, 'must be an action such as tip.status, or tip.* for all tip actions').optional(),
});

const item = z.object({
  id: z.number(),
  at: z.string(),
  atWib: z.string(),
  actor: z.string(),
  action: z.string(),
  tipId: z.string().nullable(),
  detail: z.unknown(),
});

export type AuditFilter = { limit: number; cursor?: string; tipId?: string; actor?: string; action?: string };

/**
 * One page of the trail, newest first, on either backend. `action` is exact, or `tip.*` for every
 * action under `tip.` (compared as a prefix, not with LIKE: `_` is a LIKE wildcard, and SQLite's
 * LIKE ignores case where PostgreSQL's does not).
 *
 * ```ts
 * const { rows, nextCursor } = await auditPage(app.storage, { limit: 50, action: 'tip.*' });
 * ```
 */
export async function auditPage(s: Storage, f: AuditFilter) {
  const { auditLog } = s.t;
  const where: SQL[] = [];
  if (f.cursor) where.push(lt(auditLog.id, Number(f.cursor)));
  if (f.tipId) where.push(eq(auditLog.tipId, f.tipId));
  if (f.actor) where.push(eq(auditLog.actor, f.actor));
  if (f.action?.endsWith('.*')) {
    const prefix = f.action.slice(0, -1);
    where.push(sql`substr(${auditLog.action}, 1, ${sql.raw(String(prefix.length))}) = ${prefix}`);
  } else if (f.action) {
    where.push(eq(auditLog.action, f.action));
  }
  const rows = await s.run((q) =>
    q
      .select()
      .from(auditLog)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(f.limit + 1),
  );
  const page = rows.slice(0, f.limit);
  return { rows: page, nextCursor: rows.length > f.limit ? String(page[page.length - 1].id) : null };
}

/** Fastify plugin: the admin-only audit view. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { storage } = app;
  const { admin } = app.officerAuth;

  r.get(
    '/api/admin/audit',
    { onRequest: admin, schema: { querystring: query, response: { 200: z.object({ items: z.array(item), nextCursor: z.string().nullable() }) } } },
    async (req) => {
      const { rows: page, nextCursor } = await auditPage(storage, req.query);
      await app.audit({ actor: req.officer?.actor ?? 'admin', action: 'audit.view', detail: { count: page.length }, now: app.clock() });
      return {
        items: page.map((row) => ({
          id: row.id,
          at: new Date(row.at).toISOString(),
          atWib: wibDateTime(row.at, 'id'),
          actor: row.actor,
          action: row.action,
          tipId: row.tipId,
          detail: row.detail ?? null,
        })),
        nextCursor,
      };
    },
  );
}
