/**
 * The web chat channel: `POST /api/chat` and `POST /api/chat/media` exactly as the contract says.
 * The conversation token is the web sender's only identity: no cookies, no IP addresses stored.
 */
import { randomBytes } from 'node:crypto';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ConversationRuntime, HandleResult } from '../../conversations/runtime-types.js';
import { HttpError } from '../../http/errors.js';
import { fastSerializer } from '../../http/fast-serializer.js';
import type { InboundContent, Outbound } from '../../messages.js';
import { baseMime } from '../../tips/evidence-store.js';
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

export async function webChatRoutes(
  app: FastifyInstance,
  opts: {
    runtime: ConversationRuntime;
    evidence: EvidenceStore;
    /** Requests per minute per client address (kept in memory only, never stored or logged). */
    perMinute?: number;
    renderPage?: (nonce: string, locale: 'id' | 'en') => { html: string; csp: string } },
): Promise<void> {
  await app.register(multipart);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(
        429,
        'rate_limited',
        `Terlalu banyak pesan. Tunggu ${Math.ceil(ctx.ttl / 1000)} detik lalu coba lagi. / Too many messages: wait ${Math.ceil(ctx.ttl / 1000)} s and try again.`,
      ),
  });
  const limited = { rateLimit: { max: opts.perMinute ?? 30, timeWindow: 60_000 } };
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { runtime, evidence } = opts;

  async function turn(conversation: string, content: InboundContent) {
    const result = await runtime.handle({
      channel: 'web',
      address: conversation,
      receivedAt: app.clock(),
      content,
    });
    if (!result) throw new HttpError(409, 'duplicate', 'This message was already processed.');
    return toWebReply(conversation, result);
  }

  r.post('/api/chat', { config: limited, schema: { body: chatBody, response: { 200: chatReply } }, serializerCompiler: fastSerializer }, async (req) => {
    const { conversation, text, choice } = req.body;
    const conv = conversation ?? newConversationToken();
    const content: InboundContent =
      choice !== undefined ? { kind: 'choice', choiceId: choice } : { kind: 'text', text: text ?? '' };
    return turn(conv, content);
  });

  r.post('/api/chat/media', { config: limited, schema: { response: { 200: chatReply } }, serializerCompiler: fastSerializer }, async (req) => {
    if (!req.isMultipart()) throw new HttpError(415, 'unsupported_media_type', 'Send the file as multipart/form-data with fields "conversation" and "file".');
    let conversation: string | undefined;
    let file: { bytes: Buffer; mime: string } | undefined;
    try {
      for await (const part of req.parts({ limits: { fileSize: evidence.maxBytes, files: 1, fields: 4 } })) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer().catch((err: { code?: string }) => {
            if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
              throw new HttpError(413, 'payload_too_large', `The file is larger than ${Math.round(evidence.maxBytes / 1048576)} MB.`);
            }
            throw err;
          });
          file = { bytes, mime: part.mimetype };
        } else if (part.fieldname === 'conversation') {
          conversation = String(part.value);
        }
      }
    } catch (err) {
      // Malformed multipart (wrong boundary, truncated body) surfaces as a plain busboy Error: the client's fault.
      if (err instanceof HttpError || (err as { statusCode?: number }).statusCode) throw err;
      throw new HttpError(400, 'invalid_multipart', 'The upload is not well-formed multipart/form-data.');
    }
    const conv = token.safeParse(conversation);
    if (!conv.success) throw new HttpError(400, 'invalid_request', 'Field "conversation" must be a token issued by /api/chat.');
    if (!file) throw new HttpError(400, 'invalid_request', 'Field "file" is missing.');
    const mime = baseMime(file.mime);
    if (!evidence.accepts(mime)) throw new HttpError(415, 'unsupported_media_type', 'Send a photo (JPEG, PNG, WebP), a PDF or document, or a voice note.');
    const kind = mime.startsWith('image/') ? 'photo' : mime.startsWith('audio/') ? 'voice' : 'document';
    const stored = await evidence.store(file.bytes, mime, kind);
    const content: InboundContent = stored.ok ? { kind: 'media', media: stored.media } : { kind: 'media_rejected', reason: stored.reason };
    return turn(conv.data, content);
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
