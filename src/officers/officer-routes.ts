/**
 * The officer API (CONTRACT.md "Officer API"): cases, workflow, replies, CSV, evidence, stats,
 * and admin-only erasure and token management. Every route needs `Authorization: Bearer`;
 * every call is attributed in `audit_log` (who, what, when, which tip — never the reporter).
 *
 * ```ts
 * await app.register(officerRoutes);
 * ```
 */
import { reasonsText } from '../alerts/reason-words.js';
import { createReadStream, statSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../http/errors.js';
import { mediaPath } from '../tips/case-files.js';
import { TIP_STATUSES, TransitionError } from '../tips/tip-status.js';
import { toCsv } from './csv.js';
import { createOfficerTipsRepository, REFERRALS, URGENCIES, decodeCursor } from './officer-tips-repository.js';
import { ROLES } from './tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Officer routes: the role required (default `officer`). */
    role?: 'officer' | 'admin';
    /** Officer routes: audit action recorded after a read (mutations audit in their transaction). */
    auditAction?: string;
  }
}

const isoString = z.string();
const tipSchema = z.object({
  id: z.string(),
  channel: z.string(),
  locale: z.string(),
  category: z.string().nullable(),
  regency: z.string().nullable(),
  destination: z.string().nullable(),
  recruiter: z.string().nullable(),
  description: z.string().nullable(),
  answers: z.unknown(),
  urgency: z.string(),
  urgencyScore: z.number(),
  urgencyReasons: z.array(z.string()),
  urgencyReasonsText: z.object({ id: z.array(z.string()), en: z.array(z.string()) }),
  status: z.string(),
  complete: z.boolean(),
  mayContact: z.boolean(),
  claimedBy: z.string().nullable(),
  referral: z.string().nullable(),
  redactedAt: isoString.nullable(),
  erasureRequestedAt: isoString.nullable(),
  erasureDueAt: isoString.nullable(),
  hold: z.boolean(),
  createdAt: isoString,
  updatedAt: isoString,
  media: z.object({
    count: z.number(),
    items: z.array(z.object({ id: z.string(), mime: z.string(), size: z.number(), kind: z.string(), url: z.string() })),
  }),
  messages: z.array(
    z.object({ id: z.number(), direction: z.string(), author: z.string().nullable(), text: z.string().nullable(), createdAt: isoString }),
  ),
  related: z.array(z.string()),
  checkedElsewhere: z.array(z.object({ kind: z.string(), value: z.string(), checks: z.number().int() })),
});

const sinceSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: 'custom', message: 'since must be an ISO date or epoch milliseconds' });
      return z.NEVER;
    }
    return ms;
  });
const filterSchema = z.object({
  status: z.enum(TIP_STATUSES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  since: sinceSchema.optional(),
});
const listQuery = filterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
const idParams = z.object({ id: z.string().min(1).max(64) });
const patchBody = z
  .object({
    status: z.enum(TIP_STATUSES).optional(),
    referral: z.enum(REFERRALS).optional(),
    note: z.string().trim().min(1).max(4000).optional(),
    /** Hold the case: a reporter's erase request waits while it is set (src/tips/erasure.ts). */
    hold: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.status || b.referral || b.note || b.hold !== undefined, { message: 'give at least one of status, referral, note, hold' });

/** Image types a browser may render inline; anything else (SVG included) is a download. */
const INLINE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

const CSV_HEADER = [
  'id',
  'created_at',
  'updated_at',
  'channel',
  'category',
  'regency',
  'destination',
  'recruiter',
  'description',
  'urgency',
  'urgency_score',
  'urgency_reasons',
  'status',
  'complete',
  'may_contact',
  'claimed_by',
  'referral',
  'redacted_at',
  'media_count',
  'related',
] as const;

export type OfficerRoutesOptions = {
  /**
   * Runs before every handler with a tip `:id` (src/routing/ `createTipScopeGuard`): a token scoped
   * to regencies gets 404 for a tip outside them. List, CSV and stats are scoped here by the token.
   */
  tipScope?: (req: FastifyRequest) => Promise<void>;
};

/** Fastify plugin with every `/api/tips…`, `/api/stats` and `/api/tokens` route. */
export async function officerRoutes(fastify: FastifyInstance, opts: OfficerRoutesOptions = {}): Promise<void> {
  const { storage, config, clock, tipsRepository } = fastify;
  const audit = fastify.audit;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { officers, officer: authOfficer, admin: authAdmin } = fastify.officerAuth;
  const checkCounts = fastify.hasDecorator('adSightings') ? fastify.adSightings.countsFor : undefined;
  const repo = createOfficerTipsRepository(storage, { now: () => clock(), tips: tipsRepository, checkCounts });
  // The report's regency option ids: what a token's scope may name.
  const regencyStep = fastify.flows.flows.report?.steps.regency;
  const regencyIds = new Set(regencyStep?.kind === 'choice' ? regencyStep.options.map((o) => o.id) : []);

  // Authenticate before body parsing/validation: a stranger learns nothing, not even a 400.
  app.addHook('onRequest', async (req, reply) => {
    const role = req.routeOptions.config.role ?? 'officer';
    try {
      await (role === 'admin' ? authAdmin : authOfficer)(req, reply);
    } catch (err) {
      if (err instanceof HttpError && err.statusCode === 403 && req.officer) {
        await audit({ actor: req.officer.actor, action: 'auth.forbidden', tipId: tipIdOf(req), detail: { route: req.routeOptions.url }, now: clock() });
      }
      throw err;
    }
  });
  if (opts.tipScope) app.addHook('preHandler', opts.tipScope);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Content-Type-Options', 'nosniff');
    return payload;
  });
  // Reads are audited once answered; writes audit inside their own transaction.
  app.addHook('onResponse', async (req, reply) => {
    const action = req.routeOptions.config.auditAction;
    if (!action || !req.officer || reply.statusCode >= 400) return;
    await audit({ actor: req.officer.actor, action, tipId: tipIdOf(req), detail: { status: reply.statusCode }, now: clock() });
  });

  app.get(
    '/api/tips',
    { config: { auditAction: 'tip.list' }, schema: { querystring: listQuery, response: { 200: z.object({ items: z.array(tipSchema), nextCursor: z.string().nullable() }) } } },
    async (req) => {
      const { cursor, ...rest } = req.query;
      if (cursor && !decodeCursor(cursor)) throw new HttpError(400, 'invalid_cursor', 'This cursor is not valid; start again without it.');
      return repo.list({ ...rest, cursor, regencies: req.officer?.regencies ?? null });
    },
  );

  app.get(
    '/api/tips.csv',
    { config: { auditAction: 'tip.export' }, schema: { querystring: filterSchema } },
    async (req, reply) => {
      const rows = (await repo.exportRows({ ...req.query, regencies: req.officer?.regencies ?? null })).map((r) => [
        r.id,
        new Date(r.createdAt).toISOString(),
        new Date(r.updatedAt).toISOString(),
        r.channel,
        r.category,
        r.regency,
        r.destination,
        r.recruiter,
        r.description,
        r.urgency,
        r.urgencyScore,
        reasonsText(r.urgencyReasons ?? [], 'id'),
        r.status,
        r.complete,
        r.mayContact,
        r.claimedBy,
        r.referral,
        r.redactedAt === null ? '' : new Date(r.redactedAt).toISOString(),
        r.mediaCount,
        r.related.join(' '),
      ]);
      const stamp = new Date(clock()).toISOString().slice(0, 10);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="waspada-tips-${stamp}.csv"`)
        .send(toCsv(CSV_HEADER, rows));
    },
  );

  app.get(
    '/api/tips/:id',
    { config: { auditAction: 'tip.view' }, schema: { params: idParams, response: { 200: tipSchema } } },
    async (req) => {
      const tip = await repo.get(req.params.id);
      if (!tip) throw notFound(req.params.id);
      return tip;
    },
  );

  app.patch('/api/tips/:id', { schema: { params: idParams, body: patchBody, response: { 200: tipSchema } } }, async (req) => {
    try {
      // A status change refreshes the task-force group's alert (the tips repository tells the alerts room).
      const tip = await repo.update(req.params.id, req.body, req.officer!);
      if (!tip) throw notFound(req.params.id);
      return tip;
    } catch (err) {
      if (err instanceof TransitionError) throw new HttpError(409, 'invalid_transition', err.message);
      throw err;
    }
  });

  app.post(
    '/api/tips/:id/replies',
    {
      schema: {
        params: idParams,
        body: z.object({ text: z.string().trim().min(1).max(4000) }),
        response: { 201: z.object({ delivered: z.enum(['queued', 'waiting_for_reporter']), messageId: z.number() }) },
      },
    },
    async (req, reply) => {
      const officer = req.officer!;
      // The tips repository decides, in one place, whether the reporter's channel can be pushed.
      const res = await tipsRepository.reply(req.params.id, { author: officer.name, actor: officer.actor, text: req.body.text }, clock());
      if (!res) throw notFound(req.params.id);
      return reply.status(201).send({ delivered: res.delivered, messageId: res.tipMessageId });
    },
  );

  app.get(
    '/api/tips/:id/media/:mediaId',
    { config: { auditAction: 'tip.media' }, schema: { params: idParams.extend({ mediaId: z.string().min(1).max(128) }) } },
    async (req, reply) => {
      const m = await repo.mediaOf(req.params.id, req.params.mediaId);
      if (!m) throw new HttpError(404, 'media_not_found', 'No such evidence file on this tip.');
      const path = mediaPath(config.mediaDir, m.sha256);
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        throw new HttpError(404, 'media_missing', 'The evidence file is no longer stored (erased or redacted).');
      }
      reply.header('Content-Length', size).header('Content-Security-Policy', "default-src 'none'; sandbox");
      if (INLINE_IMAGES.has(m.mime)) {
        reply.type(m.mime).header('Content-Disposition', 'inline');
      } else {
        reply.type('application/octet-stream').header('Content-Disposition', `attachment; filename="${req.params.id}-evidence"`);
      }
      return reply.send(createReadStream(path));
    },
  );

  app.get('/api/stats', { config: { auditAction: 'stats.view' } }, async (req) => repo.stats(req.officer?.regencies ?? null));

  // ---- admin only ----
  app.delete('/api/tips/:id', { config: { role: 'admin' }, schema: { params: idParams } }, async (req) => {
    if (!(await tipsRepository.erase(req.params.id, req.officer!.actor, clock()))) throw notFound(req.params.id);
    return { erased: req.params.id };
  });

  const tokenInfo = z.object({
    id: z.number(),
    officerId: z.number(),
    name: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    regencies: z.array(z.string()).nullable(),
  });
  const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

  app.get(
    '/api/tokens',
    { config: { role: 'admin', auditAction: 'token.list' }, schema: { response: { 200: z.object({ items: z.array(tokenInfo) }) } } },
    async () => ({
      items: (await officers.list()).map((t) => ({ ...t, createdAt: new Date(t.createdAt).toISOString(), lastUsedAt: isoOrNull(t.lastUsedAt), revokedAt: isoOrNull(t.revokedAt) })),
    }),
  );

  app.post(
    '/api/tokens',
    {
      config: { role: 'admin' },
      schema: {
        body: z
          .object({
            name: z.string().trim().min(1).max(100),
            role: z.enum(ROLES).default('officer'),
            /** Report regency ids the token may see; omitted = the whole province. */
            regencies: z
              .array(z.string().refine((id) => regencyIds.has(id), { message: 'unknown regency id (see the report flow)' }))
              .min(1)
              .max(20)
              .optional(),
          })
          .strict(),
      },
    },
    async (req, reply) => {
      let created: Awaited<ReturnType<typeof officers.createToken>>;
      try {
        created = await officers.createToken(req.body);
      } catch (err) {
        throw new HttpError(409, 'officer_conflict', err instanceof Error ? err.message : 'conflict');
      }
      await audit({ actor: req.officer!.actor, action: 'token.create', detail: { tokenId: created.tokenId, officerId: created.officer.id, role: created.officer.role }, now: clock() });
      return reply
        .status(201)
        .send({ id: created.tokenId, token: created.token, name: created.officer.name, role: created.officer.role, regencies: created.officer.regencies ?? null });
    },
  );

  app.delete(
    '/api/tokens/:tokenId',
    { config: { role: 'admin' }, schema: { params: z.object({ tokenId: z.coerce.number().int().positive() }) } },
    async (req) => {
      if (!(await officers.revoke(req.params.tokenId))) throw new HttpError(404, 'token_not_found', 'No live token with this id.');
      await audit({ actor: req.officer!.actor, action: 'token.revoke', detail: { tokenId: req.params.tokenId }, now: clock() });
      return { revoked: req.params.tokenId };
    },
  );
}

function tipIdOf(req: FastifyRequest): string | null {
  const id = (req.params as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

function notFound(id: string): HttpError {
  return new HttpError(404, 'tip_not_found', `No tip ${id.slice(0, 64)}.`);
}
