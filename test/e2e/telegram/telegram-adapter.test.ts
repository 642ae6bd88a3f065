/**
 * The Telegram adapter with the REAL grammY client over HTTP against the Bot API emulator, in
 * webhook and polling mode, mounted on the real app shell. The conversation runtime is a scripted
 * fake here (test/helpers/fake-conversation-runtime.ts), so these pin the adapter's own behaviour;
 * telegram-service.test.ts runs the whole service.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { createTelegramBot, loadBotInfo, TelegramAdapter } from '../../../src/channels/telegram/telegram-adapter.js';
import { parseConfig } from '../../../src/config.js';
import { openDb } from '../../../src/storage/db.js';
import { type BotApiEmulator, startBotApiEmulator } from '../../helpers/bot-api-emulator.js';
import { createFakeRuntime, createMemoryEvidence } from '../../helpers/fake-conversation-runtime.js';
import { freePort } from '../../helpers/free-port.js';

const SECRET = 'webhook-secret_123';
const CHAT = 777001;

type Harness = {
  emu: BotApiEmulator;
  app: FastifyInstance;
  adapter: TelegramAdapter;
  runtime: ReturnType<typeof createFakeRuntime>;
  evidence: ReturnType<typeof createMemoryEvidence>;
  db: ReturnType<typeof openDb>;
};
const open: Harness[] = [];

async function start(mode: 'webhook' | 'polling', o: { maxBytes?: number; db?: ReturnType<typeof openDb>; emu?: BotApiEmulator } = {}): Promise<Harness> {
  const emu = o.emu ?? (await startBotApiEmulator());
  const port = await freePort();
  const config = parseConfig(
    {
      PORT: String(port),
      DATABASE_PATH: ':memory:',
      TELEGRAM_BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.apiRoot,
      TELEGRAM_MODE: mode,
      ...(mode === 'webhook' ? { PUBLIC_URL: `http://127.0.0.1:${port}`, TELEGRAM_WEBHOOK_SECRET: SECRET } : {}),
    },
    { secret: 'x'.repeat(64) },
  );
  const db = o.db ?? openDb(':memory:');
  // The app shell without its own Telegram channel: this adapter runs on the scripted runtime.
  const app = await buildApp({ ...config, TELEGRAM_BOT_TOKEN: undefined }, { db, logger: false });
  const runtime = createFakeRuntime();
  const evidence = createMemoryEvidence(o.maxBytes);
  // As app.ts builds it: the cached getMe (if any) is read from storage before the bot exists.
  const bot = createTelegramBot(config, { botInfo: await loadBotInfo(app.storage, emu.token), retryBaseMs: 10 });
  const adapter = new TelegramAdapter({ config, runtime, evidence, logger: app.log, catalogs: app.flows.catalogs, storage: app.storage, bot, retryBaseMs: 10 });
  adapter.registerWebhookRoute(app);
  app.channels.register(adapter);
  app.addHook('onReady', () => adapter.start());
  app.addHook('onClose', () => adapter.stop());
  await app.listen({ host: '127.0.0.1', port });
  const h = { emu, app, adapter, runtime, evidence, db };
  open.push(h);
  return h;
}

afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.app.close();
    await h.emu.close();
  }
});

const sentTo = (emu: BotApiEmulator, chatId: number) => emu.callsTo('sendMessage').filter((c) => c.params.chat_id === String(chatId) || c.params.chat_id === chatId);

describe('Telegram adapter, webhook mode', () => {
  it('registers the webhook with secret and allowed updates, commands in id and en, and reports up', async () => {
    const { emu, app } = await start('webhook');
    const hook = emu.webhook();
    expect(hook?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/telegram\/webhook$/);
    expect(hook?.secret).toBe(SECRET);
    expect(hook?.allowedUpdates).toEqual(['message', 'callback_query']);
    expect((emu.commands('') as Array<{ command: string }>).map((c) => c.command)).toEqual(['sos', 'start', 'menu', 'status', 'bahasa']);
    expect(emu.commands('en')).toHaveLength(5);
    const health = await app.inject({ url: '/health' });
    expect(health.json().channels.telegram).toBe('up');
  });

  it('answers 401 (contract error shape) without or with a wrong secret, and handles nothing', async () => {
    const { emu, runtime } = await start('webhook');
    const none = await emu.postToWebhook(emu.textMessage(CHAT, 'halo'), { secret: null });
    const wrong = await emu.postToWebhook(emu.textMessage(CHAT, 'halo'), { secret: 'nope' });
    for (const r of [none, wrong]) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    expect(runtime.handled).toHaveLength(0);
  });

  it('turns /start into the menu with an inline keyboard, and a button press into a choice (answered)', async () => {
    const { emu, runtime } = await start('webhook');
    const r = await emu.postToWebhook(emu.textMessage(CHAT, '/start'));
    expect(r.status).toBe(200);
    const menu = await emu.waitFor((c) => c.method === 'sendMessage' && Boolean(c.params.reply_markup));
    expect(menu.params).toMatchObject({
      chat_id: String(CHAT),
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: expect.arrayContaining([expect.arrayContaining([{ text: 'Laporkan', callback_data: 'c:report' }])]) },
    });
    const press = emu.callbackQuery(CHAT, 'c:report', (menu.result as { message_id: number }).message_id);
    await emu.postToWebhook(press);
    await emu.waitFor((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === press.callback_query.id);
    await emu.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'Pilihan: report');
    expect(runtime.handled.map((i) => i.content)).toEqual([{ kind: 'text', text: '/start' }, { kind: 'choice', choiceId: 'report' }]);
    expect(runtime.handled[0]).toMatchObject({ channel: 'telegram', address: String(CHAT), localeHint: 'id' });
  });

  it('escapes user text echoed back in HTML', async () => {
    const { emu } = await start('webhook');
    await emu.postToWebhook(emu.textMessage(CHAT, 'agen <b>PT X</b> & calo'));
    const m = await emu.waitFor((c) => c.method === 'sendMessage');
    expect(m.params.text).toBe('Anda menulis: agen &lt;b&gt;PT X&lt;/b&gt; &amp; calo');
  });

  it('downloads a photo through getFile into the evidence store; refuses an oversized one before downloading', async () => {
    const { emu, evidence } = await start('webhook', { maxBytes: 1000 });
    const bytes = Buffer.from('\xff\xd8\xff\xe0 fake jpeg bytes', 'latin1');
    emu.addFile('PHOTO1', bytes);
    await emu.postToWebhook(emu.photoMessage(CHAT, 'PHOTO1', bytes.length, { caption: 'paspor' }));
    await emu.waitFor((c) => c.method === 'sendMessage' && String(c.params.text).startsWith('Bukti diterima (photo'));
    expect(evidence.stored).toEqual([{ bytes, mime: 'image/jpeg', kind: 'photo' }]);

    const getFiles = emu.callsTo('getFile').length;
    await emu.postToWebhook(emu.photoMessage(CHAT, 'BIG', 5000));
    await emu.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'Bukti ditolak: too_large');
    expect(emu.callsTo('getFile')).toHaveLength(getFiles);

    // Telegram's announced size can lie: the download itself is capped too.
    emu.addFile('LIAR', Buffer.alloc(4000, 1), { reportedSize: 10 });
    const before = emu.mark();
    await emu.postToWebhook(emu.documentMessage(CHAT, 'LIAR', 10, 'application/pdf'));
    await emu.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'Bukti ditolak: too_large', { since: before });
    expect(emu.callsTo('getFile').length).toBe(getFiles + 1);
    await emu.postToWebhook(emu.documentMessage(CHAT, 'EXE', 10, 'application/x-msdownload', 'a.exe'));
    await emu.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'Bukti ditolak: bad_type');
    expect(evidence.stored).toHaveLength(1);
  });

  it('handles the same update posted twice once', async () => {
    const { emu, runtime } = await start('webhook');
    const u = emu.textMessage(CHAT, 'sekali saja');
    const [a, b] = [await emu.postToWebhook(u), await emu.postToWebhook(u)];
    expect([a.status, b.status]).toEqual([200, 200]);
    await emu.waitFor((c) => c.method === 'sendMessage');
    expect(runtime.handled).toHaveLength(1);
    // The marker: a later update's reply arrives after, and still only one echo of the first.
    await emu.postToWebhook(emu.textMessage(CHAT, 'berikutnya'));
    await emu.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'Anda menulis: berikutnya');
    expect(sentTo(emu, CHAT).filter((c) => c.params.text === 'Anda menulis: sekali saja')).toHaveLength(1);
  });

  it('rejects malformed bodies with 4xx, survives a failing handler with 200, and keeps working', async () => {
    const { emu, app, runtime } = await start('webhook');
    for (const body of ['{"update_id": "x"}', '[]', 'not json', '{}', 'null']) {
      const r = await emu.postToWebhook(body);
      expect(r.status, body).toBeGreaterThanOrEqual(400);
      expect(r.status, body).toBeLessThan(500);
    }
    // An update with junk inside: ignored, acknowledged.
    expect((await emu.postToWebhook({ update_id: 99999, message: { weird: true } } as never)).status).toBe(200);
    runtime.failNext();
    expect((await emu.postToWebhook(emu.textMessage(CHAT, 'boom'))).status).toBe(200);
    await emu.postToWebhook(emu.textMessage(CHAT, 'masih hidup'));
    await emu.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'Anda menulis: masih hidup');
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('delivers replies exactly once through 429 (retry_after) and 500s', async () => {
    const { emu } = await start('webhook');
    emu.failNext('sendMessage', { status: 429, retry_after: 1 });
    emu.failNext('sendMessage', { status: 500 }, 2);
    await emu.postToWebhook(emu.textMessage(CHAT, 'tahan banting'));
    await emu.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'Anda menulis: tahan banting', 10_000);
    const attempts = emu.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status);
    expect(attempts).toEqual([429, 500, 500, 200]);
    expect(sentTo(emu, CHAT)).toHaveLength(1);
  });

  it('caches botInfo in meta so a restart skips getMe', async () => {
    const db = openDb(':memory:');
    const first = await start('webhook', { db });
    expect(first.emu.callsTo('getMe')).toHaveLength(1);
    await first.app.close();
    const emu2 = await startBotApiEmulator();
    await start('webhook', { db, emu: emu2 });
    expect(emu2.callsTo('getMe')).toHaveLength(0);
    expect(emu2.webhook()).not.toBeNull();
  });
});

describe('Telegram adapter, polling mode', () => {
  it('long-polls updates, replies, confirms offsets, and stops cleanly', async () => {
    const h = await start('polling');
    const { emu, runtime } = h;
    await emu.waitForPoll();
    expect(emu.webhook()).toBeNull();
    emu.pushUpdate(emu.textMessage(CHAT, 'lewat polling'));
    await emu.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'Anda menulis: lewat polling');
    emu.pushUpdate(emu.callbackQuery(CHAT, 'c:status', 1));
    await emu.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'Pilihan: status');
    expect(emu.callsTo('answerCallbackQuery')).toHaveLength(1);
    expect(runtime.handled).toHaveLength(2);
    expect((await h.app.inject({ url: '/health' })).json().channels.telegram).toBe('up');
    await h.app.close();
    open.splice(open.indexOf(h), 1);
    // Stopped: updates are confirmed (nothing pending) and no poll is left open.
    expect(emu.pendingUpdates()).toEqual([]);
    expect(h.adapter.status()).toBe('down');
    await emu.close();
  });

  it('reports down, without crashing the app, when Telegram refuses the token', async () => {
    const emu = await startBotApiEmulator();
    emu.failNext('getMe', { status: 401, description: 'Unauthorized' });
    const h = await start('polling', { emu });
    expect(h.adapter.status()).toBe('down');
    expect((await h.app.inject({ url: '/health' })).json().channels.telegram).toBe('down');
  });
});
