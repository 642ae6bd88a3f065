/**
 * The WHOLE service (buildApp: real flows, runtime, SQLite file, evidence store) with the real
 * grammY client talking HTTP to the Bot API emulator, in webhook and polling mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import { type BotApiEmulator, type RecordedCall, startBotApiEmulator, type Update } from '../../helpers/bot-api-emulator.js';
import { freePort } from '../../helpers/free-port.js';
import { rawSql } from '../../helpers/raw-sql.js';

const SECRET = 'hook_secret-42';
const RECEIPT = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;

type Service = { app: FastifyInstance; emu: BotApiEmulator; mode: 'webhook' | 'polling'; dir: string };
const running: Service[] = [];

async function startService(mode: 'webhook' | 'polling'): Promise<Service> {
  const emu = await startBotApiEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'waspada-tg-'));
  const port = await freePort();
  const config = parseConfig(
    {
      PORT: String(port),
      DATABASE_PATH: join(dir, 'waspada.db'),
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      TELEGRAM_BOT_TOKEN: '123:ABC',
      TELEGRAM_API_ROOT: emu.apiRoot,
      TELEGRAM_MODE: mode,
      ...(mode === 'webhook' ? { PUBLIC_URL: `http://127.0.0.1:${port}`, TELEGRAM_WEBHOOK_SECRET: SECRET } : {}),
    },
    { secret: 'test-secret-'.padEnd(64, 'x') },
  );
  // Faster per-chat pacing than Telegram's ~1/s (a scripted reporter answers in milliseconds);
  // the pacer itself is unit-tested with Telegram's limits.
  const app = await buildApp(config, { logger: false, telegram: { retryBaseMs: 20, pacing: { perChatPerSecond: 50 } } });
  await app.listen({ host: '127.0.0.1', port });
  if (mode === 'polling') await emu.waitForPoll();
  const s = { app, emu, mode, dir };
  running.push(s);
  return s;
}

afterEach(async () => {
  for (const s of running.splice(0)) {
    await s.app.close();
    await s.emu.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
});

/** A reporter in a private chat: sends updates the way Telegram would and reads the bot's replies. */
function reporter(s: Service, chatId: number) {
  let lastKeyboard: RecordedCall | undefined;
  let replies: RecordedCall[] = [];
  async function deliver(update: Update): Promise<RecordedCall[]> {
    const mark = s.emu.mark();
    if (s.mode === 'webhook') {
      const r = await s.emu.postToWebhook(update);
      expect(r.status).toBe(200);
    } else {
      s.emu.pushUpdate(update);
      await s.emu.waitForPoll(update.update_id + 1);
    }
    await s.app.telegram!.idle();
    replies = s.emu.calls.filter((c) => c.seq >= mark && c.method === 'sendMessage' && c.status === 200 && String(c.params.chat_id) === String(chatId));
    const kb = replies.filter((c) => c.params.reply_markup).at(-1);
    if (kb) lastKeyboard = kb;
    return replies;
  }
  return {
    say: (text: string) => deliver(s.emu.textMessage(chatId, text)),
    /** Press the button with this option id on the latest keyboard (it must be there). */
    press(optionId: string) {
      const rows = (lastKeyboard?.params.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> } | undefined)?.inline_keyboard ?? [];
      const datas = rows.flat().map((b) => b.callback_data);
      expect(datas, `no button ${optionId}`).toContain(`c:${optionId}`);
      return deliver(s.emu.callbackQuery(chatId, `c:${optionId}`, (lastKeyboard!.result as { message_id: number }).message_id));
    },
    photo: (fileId: string, size: number) => deliver(s.emu.photoMessage(chatId, fileId, size)),
    text: () => replies.map((c) => String(c.params.text)).join('\n'),
    get replies() {
      return replies;
    },
  };
}

async function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 10, b: 10 } } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Copyright: 'secret-gps-owner' } } })
    .toBuffer();
}

async function fullReport(s: Service, chatId: number): Promise<string> {
  const r = reporter(s, chatId);
  await r.say('/start');
  expect(r.text()).toMatch(/^Halo/);
  await r.press('report');
  await r.press('someone_else');
  await r.press('job_abroad');
  await r.say('Kabupaten Pontianak');
  await r.say('Malaysia');
  await r.say('Pak Anton <agen> & kawan 0812-1111-2222');
  await r.say('Ditawari kerja di kebun sawit, gaji 8 juta, diminta bayar 2 juta');
  const photo = await jpeg();
  s.emu.addFile('PHOTO-1', photo);
  await r.photo('PHOTO-1', photo.length);
  expect(r.text()).toMatch(/diterima/i);
  await r.press('done');
  await r.press('no');
  await r.press('home_area');
  await r.press('one');
  await r.press('weeks');
  await r.press('no');
  await r.press('no');
  await r.press('no');
  expect(r.text()).toContain('Pak Anton &lt;agen&gt; &amp; kawan');
  await r.press('confirm');
  const receipt = r.text().match(RECEIPT)?.[0];
  expect(receipt, r.text()).toBeDefined();
  return receipt as string;
}

describe.each(['webhook', 'polling'] as const)('Telegram, whole service, %s mode', (mode) => {
  it('takes a complete report with buttons and a photo, gives a receipt, and answers a status check', async () => {
    const s = await startService(mode);
    const receipt = await fullReport(s, 555001);
    const tips = (await rawSql(s.app).all('select id, channel, regency, complete, pseudonym from tips')) as Array<Record<string, unknown>>;
    expect(tips).toEqual([expect.objectContaining({ channel: 'telegram', regency: 'mempawah', complete: 1 })]);
    const media = (await rawSql(s.app).all('select mime, size from media'));
    expect(media).toHaveLength(1);
    // No raw chat id anywhere in stored rows.
    const dump = JSON.stringify((await rawSql(s.app).all('select * from tips'))) + JSON.stringify((await rawSql(s.app).all('select * from conversations')));
    expect(dump).not.toContain('555001');
    // Every button press was answered.
    expect(s.emu.callsTo('answerCallbackQuery')).toHaveLength(12);

    // Status check with the receipt from another chat (another phone).
    const other = reporter(s, 555002);
    await other.say('/status');
    await other.say(receipt.toLowerCase());
    expect(other.text()).toContain(tips[0]!.id as string);
    expect((await s.app.inject({ url: '/health' })).json().channels.telegram).toBe('up');
  });
});

describe('Telegram, whole service, webhook edge cases', () => {
  it('401 without or with a wrong secret (contract error shape)', async () => {
    const s = await startService('webhook');
    for (const secret of [null, 'wrong']) {
      const r = await s.emu.postToWebhook(s.emu.textMessage(1, '/start'), { secret });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    expect(s.emu.callsTo('sendMessage')).toHaveLength(0);
  });

  it('the same update posted twice is handled once', async () => {
    const s = await startService('webhook');
    const u = s.emu.textMessage(42, '/start');
    expect((await s.emu.postToWebhook(u)).status).toBe(200);
    await s.app.telegram!.idle();
    const first = s.emu.callsTo('sendMessage').length;
    expect(first).toBeGreaterThan(0);
    expect((await s.emu.postToWebhook(u)).status).toBe(200);
    await s.app.telegram!.idle();
    expect(s.emu.callsTo('sendMessage')).toHaveLength(first);
    expect((await rawSql(s.app).get("select count(*) as n from processed_updates where channel = 'telegram'"))).toEqual({ n: 1 });
  });

  it('a malformed update gets a 4xx or is ignored, never a crash', async () => {
    const s = await startService('webhook');
    for (const body of ['not json', '{}', '{"update_id":"1"}', '[1,2]']) {
      const r = await s.emu.postToWebhook(body);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
    expect((await s.emu.postToWebhook({ update_id: 7, message: { chat: null } } as never)).status).toBe(200);
    expect((await s.emu.postToWebhook({ update_id: 8, callback_query: { id: 'x' } } as never)).status).toBe(200);
    const r = reporter(s, 43);
    await r.say('/start');
    expect(r.text()).toMatch(/^Halo/);
    expect((await s.app.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('replies arrive exactly once while the Bot API answers 429 (retry_after) and then 500s', async () => {
    const s = await startService('webhook');
    s.emu.failNext('sendMessage', { status: 429, retry_after: 1 });
    s.emu.failNext('sendMessage', { status: 500 }, 3);
    const r = reporter(s, 44);
    await r.say('/start');
    expect(r.text()).toMatch(/^Halo/);
    const statuses = s.emu.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status);
    expect(statuses.slice(0, 4)).toEqual([429, 500, 500, 500]);
    const texts = s.emu.callsTo('sendMessage').map((c) => c.params.text);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
