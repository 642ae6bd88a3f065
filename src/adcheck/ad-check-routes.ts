/**
 * `POST /api/ad-check` (CONTRACT.md): a job advert's text in, the agencies it names with their
 * registry status, its red flags (one sentence each, Indonesian unless `Accept-Language` asks for
 * English) and its identifiers out. Public, for partner NGOs and a browser extension, and rate
 * limited per client address like the chat. It never says whether anything was reported before —
 * a trafficker must not be able to test that — and it keeps identifiers only as keyed hashes.
 *
 * ```ts
 * await app.register(adCheckRoutes, { checker, sightings, perMinute: 30 });
 * ```
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Catalogs } from '../engine/types.js';
import { HttpError } from '../http/errors.js';
import type { Locale } from '../messages.js';
import { type AdChecker, MAX_AD_CHARS } from './analyse.js';
import type { Sightings } from './sightings.js';

const body = z.object({ text: z.string().trim().min(1, 'text must not be empty').max(MAX_AD_CHARS) }).strict();

const reply = z.object({
  agencies: z.array(
    z.object({
      name: z.string(),
      licenseNumber: z.string(),
      status: z.enum(['active', 'suspended', 'revoked', 'expired']),
      match: z.enum(['exact', 'similar']),
      quoted: z.string(),
    }),
  ),
  flags: z.array(z.object({ id: z.string(), text: z.string() })),
  identifiers: z.object({ phones: z.array(z.string()), links: z.array(z.string()), accounts: z.array(z.string()), emails: z.array(z.string()) }),
});

/** `Accept-Language: en…` (first preference) answers in English; anything else in the default. */
export function localeOfHeader(header: string | undefined, fallback: Locale): Locale {
  const first = header?.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('id') || first.startsWith('ms')) return 'id';
  return fallback;
}

export async function adCheckRoutes(
  app: FastifyInstance,
  opts: { checker: AdChecker; sightings: Sightings; catalogs: Catalogs; defaultLocale: Locale; perMinute: number },
): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(
        429,
        'rate_limited',
        `Terlalu banyak permintaan. Tunggu ${Math.ceil(ctx.ttl / 1000)} detik lalu coba lagi. / Too many requests: wait ${Math.ceil(ctx.ttl / 1000)} s and try again.`,
      ),
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/ad-check',
    {
      config: { rateLimit: { max: opts.perMinute, timeWindow: 60_000 } },
      schema: { body, response: { 200: reply } },
    },
    async (req, res) => {
      const locale = localeOfHeader(req.headers['accept-language'], opts.defaultLocale);
      const a = opts.checker.analyse(req.body.text);
      await app.storage.tx((q) => opts.sightings.recordAdvert(q, req.body.text));
      res.header('cache-control', 'no-store');
      return {
        agencies: a.agencies.flatMap((f) =>
          f.match === 'none' ? [] : f.hits.map((h) => ({ name: h.name, licenseNumber: h.licenseNumber, status: h.status, match: f.match as 'exact' | 'similar', quoted: f.quoted })),
        ),
        flags: a.flags.map((id) => ({ id, text: opts.catalogs[locale][`adcheck.flag.${id}`] ?? id })),
        identifiers: a.identifiers,
      };
    },
  );
}
