/**
 * The job-ad checker on Telegram, whole service (buildApp, SQLite file, evidence store) with the
 * real grammY client against the Bot API emulator: a forwarded advert (text) and a screenshot
 * (photo, read by the local tesseract when installed; otherwise the bot asks for the text).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppDeps, buildApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import { renderAdvert, SCAM_ADVERT_LINES, tesseractInstalled } from '../../helpers/advert-image.js';
import { type BotApiEmulator, type RecordedCall, startBotApiEmulator, type Update } from '../../helpers/bot-api-emulator.js';
import { freePort } from '../../helpers/free-port.js';
import { rawSql } from '../../helpers/raw-sql.js';

const SECRET = 'hook_secret-16';
const installed = tesseractInstalled();
if (!installed) console.warn('NOTICE: tesseract is not installed: the Telegram screenshot-OCR test is SKIPPED (the text-only answer is still tested).');

type Service = { app: FastifyInstance; emu: BotApiEmulator; dir: string };
const running: Service[] = [];

async function startService(deps: Partial<AppDeps> = {}): Promise<Service> {
  const emu = await startBotApiEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'waspada-tg-ad-'));
  const port = await freePort();
  const config = parseConfig(
    {
      PORT: String(port),
      DATABASE_PATH: join(dir, 'waspada.db'),
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      TELEGRAM_BOT_TOKEN: '123:ABC',
      TELEGRAM_API_ROOT: emu.apiRoot,
      TELEGRAM_MODE: 'webhook',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
    { secret: 'test-secret-'.padEnd(64, 'x') },
  );
  const app = await buildApp(config, { logger: false, telegram: { retryBaseMs: 20, pacing: { perChatPerSecond: 50 } }, ...deps });
  await app.listen({ host: '127.0.0.1', port });
  const s = { app, emu, dir };
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

function person(s: Service, chatId: number) {
  let keyboard: RecordedCall | undefined;
  let replies: RecordedCall[] = [];
  async function deliver(update: Update) {
    const mark = s.emu.mark();
    const r = await s.emu.postToWebhook(update);
    expect(r.status).toBe(200);
    await s.app.telegram!.idle();
    replies = s.emu.calls.filter((c) => c.seq >= mark && c.method === 'sendMessage' && c.status === 200 && String(c.params.chat_id) === String(chatId));
    keyboard = replies.filter((c) => c.params.reply_markup).at(-1) ?? keyboard;
  }
  return {
    say: (text: string) => deliver(s.emu.textMessage(chatId, text)),
    /** A message forwarded from someone else's chat (Bot API `forward_origin`). */
    forward(text: string) {
      const u = s.emu.textMessage(chatId, text);
      u.message.forward_origin = { type: 'user', date: 1764400000, sender_user: { id: 777, is_bot: false, first_name: 'Agen Kerja' } };
      u.message.forward_date = 1764400000;
      return deliver(u);
    },
    photo: (fileId: string, size: number, caption?: string) => deliver(s.emu.photoMessage(chatId, fileId, size, caption ? { caption } : {})),
    press(id: string) {
      const rows = (keyboard?.params.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> } | undefined)?.inline_keyboard ?? [];
      expect(rows.flat().map((b) => b.callback_data)).toContain(`c:${id}`);
      return deliver(s.emu.callbackQuery(chatId, `c:${id}`, (keyboard!.result as { message_id: number }).message_id));
    },
    text: () => replies.map((c) => String(c.params.text)).join('\n'),
    buttons: () =>
      ((keyboard?.params.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> } | undefined)?.inline_keyboard ?? []).flat().map((b) => b.callback_data),
  };
}

describe('job-ad check on Telegram (whole service, Bot API emulator)', () => {
  it('reads a forwarded advert, explains its flags, and reports it prefilled', async () => {
    const s = await startService({ ocr: false });
    const p = person(s, 616001);
    await p.say('/start');
    await p.press('check_ad');
    expect(p.text()).toContain('iklan lowongan kerja');
    await p.forward('Dicari operator <game> online di Myawaddy, gaji 12 juta tdk perlu pengalaman. Berangkat besok. Japri WA 0857-1122-3344 & jangan bilang keluarga');
    const t = p.text();
    expect(t).toContain('Tanda bahaya');
    expect(t).toContain('Kamboja, Myanmar, Laos atau Thailand');
    expect(t).toContain('+6285711223344');
    expect(t).not.toMatch(/\b(aman|safe)\b/i);
    expect(p.buttons()).toEqual(['c:report', 'c:check_another', 'c:menu']);
    await p.press('report');
    await p.press('someone_else');
    await p.press('online_scam');
    await p.press('sambas');
    await p.say('Myanmar');
    await p.press('skip');
    for (const c of ['no', 'home_area', 'one', 'days', 'no', 'no', 'no']) await p.press(c);
    // The advert's text is HTML-escaped in the summary.
    expect(p.text()).toContain('operator &lt;game&gt; online');
    await p.press('confirm');
    const tip = (await rawSql(s.app).get('select recruiter, description, channel from tips')) as Record<string, string>;
    expect(tip.channel).toBe('telegram');
    expect(tip.recruiter).toBe('6285711223344');
    expect(tip.description).toContain('Myawaddy');
  });

  it('answers a screenshot without OCR by asking for the text', async () => {
    const s = await startService({ ocr: false });
    const p = person(s, 616002);
    await p.say('/start');
    await p.press('check_ad');
    const img = await renderAdvert(SCAM_ADVERT_LINES, 'jpeg');
    s.emu.addFile('AD-1', img);
    await p.photo('AD-1', img.length);
    expect(p.text()).toContain('hanya bisa membaca teks');
    // A caption is text: it is read even without OCR.
    s.emu.addFile('AD-2', img);
    await p.photo('AD-2', img.length, 'Kerja kosongan di Sarawak, lewat jalan tikus');
    expect(p.text()).toContain('izin kerja');
  });

  it.skipIf(!installed)('reads a screenshot with the local tesseract and attaches it to the report', async () => {
    const s = await startService();
    const p = person(s, 616003);
    await p.say('/start');
    await p.press('check_ad');
    const img = await renderAdvert(SCAM_ADVERT_LINES, 'jpeg');
    s.emu.addFile('AD-3', img);
    await p.photo('AD-3', img.length);
    const t = p.text();
    expect(t).toContain('Tanda bahaya');
    expect(t).toContain('tidak boleh dibebani biaya penempatan');
    expect(t).toContain('+6281234567890');
    await p.press('report');
    await p.press('someone_else');
    await p.press('job_abroad');
    await p.press('kota_singkawang');
    await p.press('skip');
    expect(p.text()).toMatch(/bukti|evidence/i);
    await p.press('done');
    for (const c of ['no', 'home_area', 'one', 'weeks', 'no', 'no', 'no', 'confirm']) await p.press(c);
    const media = (await rawSql(s.app).all('select tip_id from media')) as Array<{ tip_id: string }>;
    expect(media).toHaveLength(1);
    expect(media[0].tip_id).toBeTruthy();
  });
});
