/**
 * The emulator itself, driven by the real grammY client over HTTP: if these pass, the
 * Telegram e2e tests talk to something that behaves like the Bot API.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BotApiEmulator, startBotApiEmulator } from '../../helpers/bot-api-emulator.js';

let emu: BotApiEmulator;
beforeEach(async () => {
  emu = await startBotApiEmulator();
});
afterEach(async () => {
  await emu.close();
});

const botFor = (e: BotApiEmulator) => new Bot(e.token, { client: { apiRoot: e.apiRoot } });

describe('Bot API emulator', () => {
  it('answers getMe and records JSON params of sendMessage with incrementing message ids', async () => {
    const bot = botFor(emu);
    await bot.init();
    expect(bot.botInfo.username).toBe('waspada_test_bot');
    const a = await bot.api.sendMessage(42, 'halo', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'c:a' }]] } });
    const b = await bot.api.sendMessage(42, 'lagi');
    expect(b.message_id).toBe(a.message_id + 1);
    const [first] = emu.callsTo('sendMessage');
    expect(first?.params).toMatchObject({ chat_id: 42, text: 'halo', reply_markup: { inline_keyboard: [[{ callback_data: 'c:a' }]] } });
  });

  it('rejects a wrong token, bad HTML and too-long callback data like Telegram', async () => {
    const wrong = new Bot('999:nope', { client: { apiRoot: emu.apiRoot } });
    await expect(wrong.api.getMe()).rejects.toMatchObject({ error_code: 401 });
    const bot = botFor(emu);
    await expect(bot.api.sendMessage(1, 'a <script> b', { parse_mode: 'HTML' })).rejects.toBeInstanceOf(GrammyError);
    await expect(bot.api.sendMessage(1, 'Tom & Jerry', { parse_mode: 'HTML' })).rejects.toBeInstanceOf(GrammyError);
    await expect(bot.api.sendMessage(1, '<b>ok</b> &amp; &lt;x&gt;', { parse_mode: 'HTML' })).resolves.toBeTruthy();
    await expect(bot.api.sendMessage(1, 'x'.repeat(4097))).rejects.toMatchObject({ error_code: 400 });
    await expect(
      bot.api.sendMessage(1, 'k', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'c:'.padEnd(65, 'x') }]] } }),
    ).rejects.toMatchObject({ description: 'Bad Request: BUTTON_DATA_INVALID' });
  });

  it('parses multipart uploads (sendPhoto with an InputFile) as grammY sends them', async () => {
    const bot = botFor(emu);
    const msg = await bot.api.sendPhoto(-100, new InputFile(Buffer.from('PNGDATA'), 'x.png'), { caption: 'bukti', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'c:a' }]] } });
    expect(msg.photo?.[0]?.file_size).toBe(7);
    const call = emu.callsTo('sendPhoto')[0]!;
    expect(call.params).toMatchObject({ chat_id: -100, caption: 'bukti', reply_markup: { inline_keyboard: [[{ text: 'A' }]] } });
    expect(Object.values(call.files)[0]?.toString()).toBe('PNGDATA');
  });

  it('long-polls: getUpdates waits and resolves as soon as an update is pushed; offset confirms', async () => {
    const bot = botFor(emu);
    const pending = bot.api.getUpdates({ offset: 0, timeout: 20 });
    await emu.waitForPoll();
    const u = emu.textMessage(7, 'halo');
    emu.pushUpdate(u);
    const got = await pending;
    expect(got.map((x) => x.update_id)).toEqual([u.update_id]);
    expect(await bot.api.getUpdates({ offset: u.update_id + 1, timeout: 0 })).toEqual([]);
    expect(emu.pendingUpdates()).toEqual([]);
  });

  it('serves registered files through getFile + /file/bot<token>/<path>', async () => {
    const bot = botFor(emu);
    const path = emu.addFile('F1', Buffer.from('hello'));
    const file = await bot.api.getFile('F1');
    expect(file).toMatchObject({ file_path: path, file_size: 5 });
    const res = await fetch(`${emu.apiRoot}/file/bot${emu.token}/${file.file_path}`);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('hello');
    await expect(bot.api.getFile('nope')).rejects.toMatchObject({ error_code: 400 });
  });

  it('injects 429 with retry_after and 500 faults; autoRetry gets through, calls are recorded once delivered', async () => {
    const bot = botFor(emu);
    bot.api.config.use(autoRetry({ maxRetryAttempts: 3, rethrowInternalServerErrors: true }));
    emu.failNext('sendMessage', { status: 429, retry_after: 1 });
    await bot.api.sendMessage(5, 'tunggu');
    expect(emu.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status)).toEqual([429, 200]);
    emu.failNext('*', { status: 500 }, 1);
    await expect(bot.api.sendChatAction(5, 'typing')).rejects.toMatchObject({ error_code: 500 });
    expect(emu.callsTo('sendMessage')).toHaveLength(1);
  });

  it('records setWebhook and posts updates there with the secret header', async () => {
    const bot = botFor(emu);
    const { createServer } = await import('node:http');
    const seen: Array<{ secret: string | undefined; body: string }> = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined, body });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const port = (hook.address() as { port: number }).port;
    await bot.api.setWebhook(`http://127.0.0.1:${port}/telegram/webhook`, { secret_token: 's3cret', allowed_updates: ['message'] });
    expect((await bot.api.getWebhookInfo()).url).toContain('/telegram/webhook');
    await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
    const r = await emu.postToWebhook(emu.textMessage(1, 'x'));
    await emu.postToWebhook(emu.textMessage(1, 'y'), { secret: null });
    expect(r.status).toBe(200);
    expect(seen.map((s) => s.secret)).toEqual(['s3cret', undefined]);
    hook.close();
  });

  it('waitFor rejects with a summary when nothing matches in time', async () => {
    await expect(emu.waitFor((c) => c.method === 'sendMessage', 50)).rejects.toThrow(/no matching call/);
  });
});
