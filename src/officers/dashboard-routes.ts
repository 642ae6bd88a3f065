/**
 * `GET /dashboard`: the officers' page. The page itself holds no case data (it fetches the API
 * with the officer's token), so it is served without a token; its security headers come from
 * @fastify/helmet registered inside this plugin only, so other routes are untouched.
 *
 * ```ts
 * await app.register(dashboardRoutes);
 * ```
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { dashboardHtml } from './dashboard-page.js';

/** The dashboard's Content-Security-Policy (helmet appends the per-response nonces). */
export const DASHBOARD_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: [] as string[],
  styleSrc: [] as string[],
  imgSrc: ["'self'", 'blob:', 'data:'],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
};

export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  // Category and regency labels as reporters saw them, from the flow catalogs (id and en).
  const labels: Record<string, { id: string; en: string }> = {};
  for (const [key, id] of Object.entries(app.flows.catalogs.id)) {
    const m = /^(?:report\.cat|regency)\.([a-z_]+)$/.exec(key);
    if (m) labels[m[1]] = { id, en: app.flows.catalogs.en[key] ?? id };
  }
  await app.register(helmet, {
    global: true,
    enableCSPNonces: true,
    contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD_CSP },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.get('/dashboard', async (_req, reply) => {
    return reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(dashboardHtml(reply.cspNonce.script, reply.cspNonce.style, labels));
  });
}
