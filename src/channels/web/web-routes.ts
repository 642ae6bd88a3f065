/**
 * The web chat channel: `POST /api/chat` and `POST /api/chat/media` exactly as the contract says.
 * The conversation token is the web sender's only identity: no cookies, no IP addresses stored.
 */
import { randomBytes } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ConversationRuntime, HandleResult } from '../../conversations/runtime-types.js';
import { HttpError } from '../../http/errors.js';
import { fastSerializer } from '../../http/fast-serializer.js';
import { createWindowLimiter, type WindowLimiter } from '../../http/window-limiter.js';
import type { InboundContent, Outbound } from '../../messages.js';
import { sniffEvidence } from '../../tips/evidence-store.js';
import type { EvidenceStore } from '../../tips/evidence-types.js';

const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'conversation must be a token issued by this service');

const chatBody = z
  .object({
    conversation: token.optional(),
    text: z.string().max(4000).optional(),
    choice: z.string().min(1).max(200).optional(),
  })
  .strict();

const chatReply = z.object({
  conversation: z.string(),
  replies: z.array(z.object({ text: z.string() })),
  prompt: z.object({
    flow: z.string(),
    step: z.string(),
    kind: z.enum(['choice', 'text', 'media', 'none']),
    choices: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
  }),
  /** The conversation's language after this turn, so the page follows it instead of guessing. */
  locale: z.enum(['id', 'en']),
});

/**
 * Web shows choices as buttons (from `prompt`), so replies carry only the text; `locale` tells the
 * page which language the conversation speaks now (after `bahasa`, a language choice, a restart).
 */
export function toWebReply(conversation: string, r: HandleResult) {
  return {
    conversation,
    replies: r.outputs.map((o: Outbound) => ({ text: o.text })),
    prompt: r.prompt,
    locale: r.locale,
  };
}

export function newConversationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Per-address and global ceilings of the web chat (see README "Limits" for the reasoning). */
export type WebLimits = {
  /** New conversations per minute from one client address. */
  openPerAddressPerMinute: number;
  /** New conversations per minute from everyone together. */
  openPerMinute: number;
  /** Evidence uploads per minute from one client address. */
  uploadsPerAddressPerMinute: number;
};

const slowDown = (retry: number) =>
  `Terlalu banyak permintaan dari jaringan Anda. Tunggu ${retry} detik lalu coba lagi. / Too many requests from your network: wait ${retry} s and try again.`;

export async function webChatRoutes(
  app: FastifyInstance,
  opts: {
    runtime: ConversationRuntime;
    evidence: EvidenceStore;
    limits: WebLimits;
    renderPage?: (nonce: string, locale: 'id' | 'en') => { html: string; csp: string } },
): Promise<void> {
  await app.register(multipart);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { runtime, evidence, limits } = opts;
  // Client addresses live only in these counters (memory), never in the database or the logs.
  const opensByAddress = createWindowLimiter({ max: limits.openPerAddressPerMinute, windowMs: 60_000 });
  const opensAll = createWindowLimiter({ max: limits.openPerMinute, windowMs: 60_000, maxKeys: 1 });
  const uploadsByAddress = createWindowLimiter({ max: limits.uploadsPerAddressPerMinute, windowMs: 60_000 });

  /** 429 in the contract's error shape, with Retry-After, when a counter is over its limit. */
  function enforce(reply: FastifyReply, taken: ReturnType<WindowLimiter['take']>, message = slowDown): void {
    if (taken.ok) return;
    reply.header('retry-after', String(taken.retryAfterSeconds));
    throw new HttpError(429, 'rate_limited', message(taken.retryAfterSeconds));
  }

  async function turn(conversation: string, content: InboundContent, clientAddress: string) {
    const result = await runtime.handle({ channel: 'web', address: conversation, receivedAt: app.clock(), content }, { clientAddress });
    if (!result) throw new HttpError(409, 'duplicate', 'This message was already processed.');
    return toWebReply(conversation, result);
  }

  r.post('/api/chat', { schema: { body: chatBody, response: { 200: chatReply } }, serializerCompiler: fastSerializer }, async (req, reply) => {
    const { conversation, text, choice } = req.body;
    if (!conversation) {
      // Opening is the only per-address limit on turns: a conversation's own turns are limited
      // per conversation by the runtime (RATE_LIMIT_PER_MINUTE), whatever address it comes from.
      const now = app.clock();
      enforce(reply, opensByAddress.take(req.ip, now));
      enforce(reply, opensAll.take('all', now), (s) =>
        `Layanan sedang sangat sibuk. Coba lagi dalam ${s} detik. Jika darurat, hubungi polisi 110 atau SAPA 129. / The service is very busy: try again in ${s} s. In an emergency call the police on 110 or SAPA 129.`,
      );
    }
    const conv = conversation ?? newConversationToken();
    const content: InboundContent =
      choice !== undefined ? { kind: 'choice', choiceId: choice } : { kind: 'text', text: text ?? '' };
    return turn(conv, content, req.ip);
  });

  /** 4xx unless this token's conversation is waiting at an evidence step with room left. */
  async function gate(conversation: string): Promise<void> {
    const g = await runtime.mediaGate('web', conversation);
    if (g === 'no_conversation') throw new HttpError(404, 'unknown_conversation', 'Percakapan ini tidak dikenal; mulai lagi dari awal. / This conversation is unknown: please start again.');
    if (g === 'not_waiting') throw new HttpError(409, 'not_expecting_media', 'Bukti hanya bisa dikirim saat diminta dalam laporan. / Evidence can only be sent when the report asks for it.');
  }

  r.post('/api/chat/media', { schema: { response: { 200: chatReply } }, serializerCompiler: fastSerializer }, async (req, reply) => {
    enforce(reply, uploadsByAddress.take(req.ip, app.clock()));
    if (!req.isMultipart()) throw new HttpError(415, 'unsupported_media_type', 'Send the file as multipart/form-data with fields "conversation" and "file".');
    let conversation: string | undefined;
    let gated = false;
    let file: Buffer | undefined;
    try {
      for await (const part of req.parts({ limits: { fileSize: evidence.maxBytes, files: 1, fields: 4 } })) {
        if (part.type === 'file') {
          // Held in memory (bounded by MEDIA_MAX_BYTES), never on disk, until every check passed.
          file = await part.toBuffer().catch((err: { code?: string }) => {
            if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
              throw new HttpError(413, 'payload_too_large', `The file is larger than ${Math.round(evidence.maxBytes / 1048576)} MB.`);
            }
            throw err;
          });
        } else if (part.fieldname === 'conversation') {
          conversation = String(part.value);
          // Sent before the file (as the page does): refuse before reading the file at all.
          if (!file && token.safeParse(conversation).success) {
            await gate(conversation);
            gated = true;
          }
        }
      }
    } catch (err) {
      // Malformed multipart (wrong boundary, truncated body) surfaces as a plain busboy Error: the client's fault.
      if (err instanceof HttpError || (err as { statusCode?: number }).statusCode) throw err;
      throw new HttpError(400, 'invalid_multipart', 'The upload is not well-formed multipart/form-data.');
    }
    const conv = token.safeParse(conversation);
    if (!conv.success) throw new HttpError(400, 'invalid_request', 'Field "conversation" must be a token issued by /api/chat.');
    if (!gated) await gate(conv.data);
    if (!file) throw new HttpError(400, 'invalid_request', 'Field "file" is missing.');
    // The type is read from the bytes; an SVG or HTML page "declared" as a photo never reaches a decoder.
    const sniffed = await sniffEvidence(file);
    if (!sniffed) throw new HttpError(415, 'unsupported_media_type', 'Kirim foto (JPG, PNG, WebP), PDF, atau pesan suara. / Send a photo (JPEG, PNG, WebP), a PDF or a voice note.');
    const g = await runtime.mediaGate('web', conv.data);
    const admitted = g === 'limit' ? 'limit' : evidence.admit();
    if (admitted !== 'ok') return turn(conv.data, { kind: 'media_rejected', reason: admitted }, req.ip);
    const stored = await evidence.store(file, sniffed.mime, sniffed.kind);
    const content: InboundContent = stored.ok ? { kind: 'media', media: stored.media } : { kind: 'media_rejected', reason: stored.reason };
    return turn(conv.data, content, req.ip);
  });

  if (opts.renderPage) {
    const render = opts.renderPage;
    app.get('/', async (req, reply) => {
      const nonce = randomBytes(16).toString('base64');
      const q = req.query as { lang?: string };
      const { html, csp } = render(nonce, q.lang === 'en' ? 'en' : q.lang === 'id' ? 'id' : app.config.DEFAULT_LOCALE);
      return reply
        .header('content-security-policy', csp)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('x-frame-options', 'DENY')
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(html);
    });
  }
}
