/**
 * `GET /api/agencies?q=TEXT&limit=N` (CONTRACT.md): public registry search, no token.
 * The service arrives through the plugin options so the route stays encapsulated:
 *
 * ```ts
 * await app.register(registryRoutes, { registry });
 * ```
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AGENCY_STATUSES } from './registry-repository.js';
import type { RegistryService } from './registry-service.js';

export type RegistryRoutesOptions = { registry: RegistryService };

const querystring = z.object({
  q: z.string().trim().min(1, 'q is required').max(200, 'q is at most 200 characters'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const hit = z.object({
  name: z.string(),
  licenseNumber: z.string(),
  status: z.enum(AGENCY_STATUSES),
  validUntil: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  match: z.enum(['exact', 'similar']),
  score: z.number().min(0).max(1),
});

const answer = z.object({
  registryUpdatedAt: z.string().nullable(),
  demo: z.boolean(),
  results: z.array(hit),
});

export async function registryRoutes(app: FastifyInstance, opts: RegistryRoutesOptions): Promise<void> {
  const { registry } = opts;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/agencies',
    { schema: { querystring, response: { 200: answer } } },
    async (req) => registry.search(req.query.q, req.query.limit),
  );
}
