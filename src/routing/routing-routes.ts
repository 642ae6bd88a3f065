/**
 * HTTP for regency task forces, beside the officer API (same bearer tokens):
 * - `GET /api/admin/routes`, `PUT /api/admin/routes` (admin): read and replace the routing table
 *   at run time; audited, stored in the database (survives restarts; see routing-service.ts for
 *   how `TASKFORCE_ROUTES_FILE` interacts).
 * - `POST /api/tips/:id/transfer` `{"regency", "note"?}` (officer): hand a tip to another team.
 * - `GET /api/stats/regencies` (officer): per-regency and per-team figures, scoped like `/api/stats`.
 *
 * ```ts
 * await app.register(routingRoutes, { routing });
 * ```
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regencyLabel } from '../alerts/alert-render.js';
import { HttpError } from '../http/errors.js';
import { ALL_REGENCY_IDS } from './regencies.js';
import { regencyStats } from './regency-stats.js';
import { parseRoutes } from './routes-schema.js';
import type { Routing } from './routing-service.js';
import { createTipScopeGuard } from './scope.js';
import { transferTip } from './transfer.js';

const routeOut = z.object({ telegramChatId: z.string(), officerIds: z.array(z.string()), whatsappJid: z.string().optional() });
const routesView = z.object({
  routes: z.record(z.string(), routeOut),
  province: z.object({ telegramChatId: z.string().nullable(), officerIds: z.array(z.string()), whatsappJid: z.string().nullable() }),
  provinceSeesAll: z.boolean(),
  routesFile: z.string().nullable(),
});
const figures = {
  tips: z.number(),
  urgent: z.number(),
  urgentShare: z.number(),
  open: z.number(),
  claimed: z.number(),
  medianMinutesToClaim: z.number().nullable(),
};

export async function routingRoutes(fastify: FastifyInstance, opts: { routing: Routing }): Promise<void> {
  const { config, clock, storage } = fastify;
  const { routing } = opts;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { admin, officer } = fastify.officerAuth;
  const tipScope = createTipScopeGuard(storage);
  const audit = fastify.audit;
  // Several instances on one database: a routes change made on another instance reaches this one
  // within seconds. One process per SQLite file changes its routes itself, so nothing to poll.
  if (storage.dialect === 'postgres') {
    const timer = setInterval(() => {
      routing.reload().catch((err) => fastify.log.warn({ err: String(err) }, 'routing: could not reload the routes'));
    }, 5_000);
    timer.unref();
    fastify.addHook('onClose', async () => clearInterval(timer));
  }
  const catalog = fastify.flows.catalogs.id;
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  const view = () => ({
    routes: routing.list(),
    province: {
      telegramChatId: config.TASKFORCE_TELEGRAM_CHAT_ID ?? null,
      officerIds: config.TASKFORCE_OFFICER_IDS,
      whatsappJid: config.TASKFORCE_WHATSAPP_JID ?? null,
    },
    provinceSeesAll: config.TASKFORCE_PROVINCE_SEES_ALL,
    routesFile: config.TASKFORCE_ROUTES_FILE ?? null,
  });

  app.get('/api/admin/routes', { onRequest: admin, schema: { response: { 200: routesView } } }, async (req) => {
    await audit({ actor: req.officer!.actor, action: 'routes.view', now: clock() });
    return view();
  });

  // The body is the routes document itself (the same shape as TASKFORCE_ROUTES_FILE).
  app.put('/api/admin/routes', { onRequest: admin, schema: { body: z.unknown(), response: { 200: routesView } } }, async (req) => {
    const parsed = parseRoutes(req.body);
    if (!parsed.ok) throw new HttpError(400, 'invalid_routes', parsed.problems.join('; '));
    await routing.replace(parsed.routes, req.officer!.actor);
    return view();
  });

  app.post(
    '/api/tips/:id/transfer',
    {
      onRequest: officer,
      preHandler: tipScope,
      schema: {
        params: z.object({ id: z.string().min(1).max(64) }),
        body: z
          .object({
            regency: z.string().refine((id) => ALL_REGENCY_IDS.includes(id), { message: 'unknown regency id (see the report flow)' }),
            note: z.string().trim().min(1).max(4000).optional(),
          })
          .strict(),
      },
    },
    async (req) => {
      const who = req.officer!;
      const route = routing.routeFor(req.body.regency);
      const out = await transferTip(storage, app.tipsRepository, {
        tipId: req.params.id,
        to: req.body.regency,
        note: req.body.note,
        officer: { actor: who.actor, name: who.name },
        now: clock(),
        route,
        province: { telegramChatId: config.TASKFORCE_TELEGRAM_CHAT_ID, whatsappJid: config.TASKFORCE_WHATSAPP_JID },
        telegramOn: !!config.TELEGRAM_BOT_TOKEN,
        fromLabel: (r) => regencyLabel(r, catalog) ?? 'kabupaten/kota tidak diketahui',
      });
      if (out.kind === 'not_found') throw new HttpError(404, 'tip_not_found', `No tip ${req.params.id.slice(0, 64)}.`);
      if (out.kind === 'same_regency') throw new HttpError(409, 'same_regency', `The tip is already in ${req.body.regency}.`);
      if (out.kind === 'finished') throw new HttpError(409, 'tip_finished', `A ${out.status} tip is not transferred; reopen it first.`);
      return { id: req.params.id, from: out.from, to: out.to, team: routing.teamIdOf(out.to), alerted: out.alerted };
    },
  );

  app.get(
    '/api/stats/regencies',
    {
      onRequest: officer,
      schema: {
        response: {
          200: z.object({
            regencies: z.array(z.object({ regency: z.string(), team: z.string(), ...figures })),
            teams: z.array(z.object({ team: z.string(), regencies: z.array(z.string()), ...figures })),
          }),
        },
      },
    },
    async (req) => {
      await audit({ actor: req.officer!.actor, action: 'stats.view', detail: { view: 'regencies' }, now: clock() });
      return await regencyStats(app.tipsRepository, { teamOf: (r) => routing.teamIdOf(r), regencies: req.officer?.regencies ?? null });
    },
  );
}
