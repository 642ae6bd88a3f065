/**
 * Fuzzing the other ways in: the Telegram webhook (random Update-like objects with the right
 * secret), the officer API (random query strings and bodies with a valid token) and the WhatsApp
 * message converter (random Baileys-like objects). Never a 5xx, never a throw, the database intact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { toInbound } from '../../src/channels/whatsapp/to-inbound.js';
import { parseConfig } from '../../src/config.js';
import { officerRoutes } from '../../src/officers/officer-routes.js';
import { type BotApiEmulator, startBotApiEmulator } from '../helpers/bot-api-emulator.js';
import { dbProblems, HEALTHY_DB } from '../helpers/db-checks.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SECRET = 'fuzz-webhook-secret';
const ADMIN = 'fuzz-admin-token-'.padEnd(40, 'z');

let app: FastifyInstance;
let emu: BotApiEmulator;
let dir: string;
const tipIds: string[] = [];

beforeAll(async () => {
  emu = await startBotApiEmulator();
  dir = mkdtempSync(join(tmpdir(), 'waspada-fuzz-ch-'));
  const config = parseConfig(
    {
      DATABASE_PATH: join(dir, 'waspada.db'),
      DATA_DIR: dir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000', OPEN_PER_ADDRESS_PER_MINUTE: '100000', OPEN_PER_MINUTE: '1000000', UPLOADS_PER_ADDRESS_PER_MINUTE: '100000', UPLOADS_PER_MINUTE: '1000000',
      TELEGRAM_BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.apiRoot,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: 'http://127.0.0.1:9/',
      TASKFORCE_TELEGRAM_CHAT_ID: '-100777',
      TASKFORCE_OFFICER_IDS: '7001',
      ADMIN_TOKEN: ADMIN,
    },
    { secret: 'f'.repeat(64) },
  );
  app = await buildApp(config, { logger: false, telegram: { retryBaseMs: 5, pacing: { perChatPerSecond: 1000 } } });
  // The officer API is registered here until src/app.ts mounts it itself.
  if (!app.hasRoute({ method: 'GET', url: '/api/stats' })) await app.register(officerRoutes);
  await app.ready();
  expect(app.channels.statuses().telegram).toBe('up');
  // A few real tips (one through each kind of answer) so ids and cursors point somewhere.
  for (let i = 0; i < 3; i++) {
    const { tipId } = await app.storage.tx((q) =>
        app.tips.submit(
          q,
          {
            pseudonym: `fuzz-${i}`,
            channel: 'web',
            locale: 'id',
            complete: true,
            answers: { category: 'job_abroad', regency: 'sambas', description: `Laporan ${i}, diminta bayar`, recruiter: 'PT Maju 0812-1111-2222', danger_now: i === 0 ? 'yes' : 'no' },
          },
          Date.now(),
        ),
    );
    tipIds.push(tipId);
  }
});

afterAll(async () => {
  await app?.close();
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectNo5xx(res: { statusCode: number; body: string; headers: Record<string, unknown> }, input: unknown) {
  const where = `input ${JSON.stringify(input)?.slice(0, 400)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(JSON.parse(res.body), where).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  }
}

const anyish = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const chatId = fc.oneof(fc.integer({ min: 1, max: 2_000_000_000 }), fc.constantFrom(-100777, -1, 0, 7001), fc.string({ maxLength: 10 }));
const user = fc.record({ id: fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.constant(7001), anyish), is_bot: fc.oneof(fc.boolean(), anyish), first_name: fc.oneof(fc.string(), anyish) }, { requiredKeys: [] });
const chat = fc.record({ id: chatId, type: fc.oneof(fc.constantFrom('private', 'group', 'supergroup', 'channel'), anyish) }, { requiredKeys: [] });
const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('/start', '/menu', 'menu', 'bahasa', '1', 'report', ''), fc.integer({ min: 4000, max: 5000 }).map((n) => 'a'.repeat(n)), anyish);
const photo = fc.array(fc.record({ file_id: fc.oneof(fc.string({ maxLength: 20 }), anyish), file_unique_id: fc.string({ maxLength: 10 }), width: fc.integer(), height: fc.integer(), file_size: fc.oneof(fc.integer(), anyish) }, { requiredKeys: [] }), { maxLength: 3 });
const message = fc.record(
  {
    message_id: fc.oneof(fc.integer({ min: 1, max: 1e9 }), anyish),
    date: fc.oneof(fc.integer({ min: 0, max: 2e9 }), anyish),
    chat,
    from: user,
    text,
    caption: text,
    photo: fc.oneof(photo, anyish),
    document: fc.record({ file_id: fc.string({ maxLength: 20 }), mime_type: fc.oneof(fc.constantFrom('application/pdf', 'image/jpeg', 'text/html'), anyish), file_size: fc.oneof(fc.integer(), anyish) }, { requiredKeys: [] }),
    voice: fc.record({ file_id: fc.string({ maxLength: 20 }), duration: fc.integer(), mime_type: fc.constant('audio/ogg') }, { requiredKeys: [] }),
    reply_to_message: fc.record({ message_id: fc.integer({ min: 1, max: 100 }), chat }, { requiredKeys: [] }),
    entities: fc.oneof(fc.array(fc.record({ type: fc.constantFrom('bot_command', 'url', 'bold'), offset: fc.integer({ min: -5, max: 50 }), length: fc.integer({ min: -5, max: 50 }) })), anyish),
  },
  { requiredKeys: [] },
);
const callbackQuery = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 20 }), anyish),
    from: user,
    message,
    data: fc.oneof(fc.constantFrom('c:report', 'c:menu', 'c:yes', 'a:claim:TIP-000000', 'a:close:TIP-XXXXXX', 'a:spam:', 'c:', ''), fc.string({ maxLength: 80 }).map((s) => `c:${s}`), fc.string({ maxLength: 80 }).map((s) => `a:claim:${s}`), anyish),
  },
  { requiredKeys: [] },
);
let nextUpdateId = 1;
const update = fc.oneof(
  fc.record({ message }, { requiredKeys: [] }).map((u) => ({ update_id: nextUpdateId++, ...u })),
  fc.record({ callback_query: callbackQuery }, { requiredKeys: [] }).map((u) => ({ update_id: nextUpdateId++, ...u })),
  fc.record({ edited_message: message, channel_post: message, my_chat_member: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }).map((u) => ({ update_id: nextUpdateId++, ...u })),
  fc.record({ update_id: fc.oneof(fc.integer({ min: 1, max: 1e6 }), anyish), message: fc.oneof(message, anyish), callback_query: fc.oneof(callbackQuery, anyish) }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 4 }),
);

describe('fuzzing POST /telegram/webhook', () => {
  it('answers random Update-like objects with the right secret with 2xx or 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(update, async (u) => {
        const res = await app.inject({
          method: 'POST',
          url: '/telegram/webhook',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          payload: JSON.stringify(u),
        });
        expectNo5xx(res, u);
      }),
      { numRuns: RUNS },
    );
    await app.telegram?.idle();
  });

  it('refuses the same updates without the secret (401), and malformed JSON (400)', async () => {
    const res = await app.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'content-type': 'application/json' }, payload: '{"update_id":1}' });
    expect(res.statusCode).toBe(401);
    const bad = await app.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, payload: '{"update_id":' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('fuzzing the officer API', () => {
  const qsValue = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('new', 'claimed', 'closed', 'urgent', 'normal', '0', '-1', '1e9', '2026-11-28', 'null', '', '%', '%zz', '😀'), fc.integer().map(String));
  const query = fc
    .dictionary(fc.oneof(fc.constantFrom('status', 'urgency', 'since', 'limit', 'cursor', 'q', 'regency', 'category'), fc.string({ maxLength: 8 })), qsValue, { maxKeys: 5 })
    .map((d) => Object.entries(d).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
  const id = fc.oneof(fc.constantFrom(...[0, 1, 2].map((i) => () => tipIds[i] as string)).map((f) => f()), fc.constantFrom('TIP-000000', 'x', '%2e%2e', '..', 'TIP-'.padEnd(300, 'A')), fc.string({ maxLength: 20 }).map(encodeURIComponent));
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ status: fc.oneof(fc.constantFrom('new', 'claimed', 'in_progress', 'closed', 'spam', 'bogus'), anyish), note: fc.oneof(fc.string({ maxLength: 200 }), anyish), text: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), anyish) }, { requiredKeys: [] }),
  );
  const request = fc.oneof(
    fc.record({ method: fc.constant('GET' as const), url: query.map((q) => `/api/tips?${q}`) }),
    fc.record({ method: fc.constant('GET' as const), url: query.map((q) => `/api/tips.csv?${q}`) }),
    fc.record({ method: fc.constant('GET' as const), url: id.map((i) => `/api/tips/${i}`) }),
    fc.record({ method: fc.constant('GET' as const), url: fc.tuple(id, fc.string({ maxLength: 20 })).map(([i, m]) => `/api/tips/${i}/media/${encodeURIComponent(m) || 'm'}`) }),
    fc.record({ method: fc.constant('GET' as const), url: query.map((q) => `/api/stats?${q}`) }),
    fc.record({ method: fc.constant('PATCH' as const), url: id.map((i) => `/api/tips/${i}`), body }),
    fc.record({ method: fc.constant('POST' as const), url: id.map((i) => `/api/tips/${i}/replies`), body }),
    fc.record({ method: fc.constant('POST' as const), url: fc.constant('/api/tokens'), body }),
  );
  it('answers an over-long id with a JSON 414 in the contract shape', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/tips/${'A'.repeat(300)}`, headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.statusCode).toBe(414);
    expect(res.json()).toEqual({ error: { code: 'uri_too_long', message: expect.any(String) } });
  });

  it('answers random queries and bodies with a valid token without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const res = await app.inject({
          method: r.method,
          url: r.url,
          headers: { authorization: `Bearer ${ADMIN}`, ...('body' in r ? { 'content-type': 'application/json' } : {}) },
          ...('body' in r ? { payload: JSON.stringify(r.body) } : {}),
        });
        expectNo5xx(res, r);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing the WhatsApp converter', () => {
  const long = fc.oneof(fc.integer(), fc.record({ low: fc.integer(), high: fc.integer(), unsigned: fc.boolean() }), fc.string({ maxLength: 12 }), fc.constant(null));
  const jid = fc.oneof(
    fc.constantFrom('6281234567890@s.whatsapp.net', '128394857261234@lid', '120363040000000001@g.us', 'status@broadcast', '@s.whatsapp.net', '', 'x@newsletter'),
    fc.string({ maxLength: 30 }),
    fc.constant(null),
    fc.constant(undefined),
  );
  const media = fc.record({ mimetype: fc.oneof(fc.constantFrom('image/jpeg', 'application/pdf', 'audio/ogg; codecs=opus', 'video/mp4', ''), anyish), fileLength: long, caption: fc.oneof(fc.string(), anyish), ptt: fc.oneof(fc.boolean(), anyish), fileName: fc.oneof(fc.string(), anyish) }, { requiredKeys: [] });
  const inner = fc.letrec((tie) => ({
    message: fc.record(
      {
        conversation: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), anyish),
        extendedTextMessage: fc.oneof(fc.record({ text: fc.oneof(fc.string(), anyish), contextInfo: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }), anyish),
        imageMessage: fc.oneof(media, anyish),
        documentMessage: fc.oneof(media, anyish),
        audioMessage: fc.oneof(media, anyish),
        videoMessage: fc.oneof(media, anyish),
        stickerMessage: fc.oneof(media, anyish),
        ephemeralMessage: fc.oneof(fc.record({ message: tie('message') }, { requiredKeys: [] }), anyish),
        viewOnceMessage: fc.oneof(fc.record({ message: tie('message') }, { requiredKeys: [] }), anyish),
        viewOnceMessageV2: fc.oneof(fc.record({ message: tie('message') }, { requiredKeys: [] }), anyish),
        documentWithCaptionMessage: fc.oneof(fc.record({ message: tie('message') }, { requiredKeys: [] }), anyish),
        protocolMessage: fc.jsonValue({ maxDepth: 2 }),
        reactionMessage: fc.jsonValue({ maxDepth: 2 }),
        buttonsResponseMessage: fc.jsonValue({ maxDepth: 2 }),
        listResponseMessage: fc.jsonValue({ maxDepth: 2 }),
        senderKeyDistributionMessage: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
  })).message;
  const waMessage = fc.oneof(
    fc.record(
      {
        key: fc.oneof(
          fc.record({ remoteJid: jid, remoteJidAlt: jid, fromMe: fc.oneof(fc.boolean(), anyish), id: fc.oneof(fc.string({ maxLength: 30 }), anyish), participant: jid, senderPn: jid, senderLid: jid, participantAlt: jid }, { requiredKeys: [] }),
          anyish,
        ),
        message: fc.oneof(inner, fc.constant(null), anyish),
        messageTimestamp: long,
        pushName: fc.oneof(fc.string(), anyish),
        messageStubType: fc.oneof(fc.integer({ min: 0, max: 200 }), anyish),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
  );
  it('never throws on random Baileys-like message objects', () => {
    fc.assert(
      fc.property(waMessage, fc.boolean(), (msg, withLookup) => {
        // biome-ignore lint/suspicious/noExplicitAny: deliberately ill-typed input
        const r = toInbound(msg as any, { now: () => 42, taskforceJid: '120363040000000001@g.us', pnForLid: withLookup ? (lid) => (lid.length % 2 ? undefined : '62811@s.whatsapp.net') : undefined });
        expect(['inbound', 'media', 'taskforce', 'ignored']).toContain(r.kind);
      }),
      { numRuns: RUNS * 4 },
    );
  });
});

describe('after the fuzzing', () => {
  it('the database is intact with no half-written tips', () => {
    expect(dbProblems(app.db.$client)).toEqual(HEALTHY_DB);
  });
});
