/**
 * The messaging channels' evidence paths through buildApp (real runtime, flows, evidence store):
 * a photo sent where no evidence is expected is never downloaded, and a file whose bytes are not
 * what its sender declared is refused — nothing reaches the disk either way.
 */
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { type BotApiEmulator, startBotApiEmulator } from '../../helpers/bot-api-emulator.js';
import { filesUnder } from '../../helpers/evidence-files.js';
import { text, waMessage } from '../../helpers/fake-baileys.js';
import { freePort } from '../../helpers/free-port.js';
import { startWhatsAppService } from '../../helpers/whatsapp-service.js';

const PN = '6281234567890@s.whatsapp.net';
let t: TestApp | undefined;
let emu: BotApiEmulator | undefined;
afterEach(async () => {
  await t?.close();
  await emu?.close();
  t = undefined;
  emu = undefined;
});

const jpeg = () => sharp({ create: { width: 16, height: 16, channels: 3, background: '#c33' } }).jpeg().toBuffer();

describe('WhatsApp evidence gate', () => {
  async function setup() {
    const wa = await startWhatsAppService();
    t = wa.t;
    const { sock, media, downloads } = wa;
    let n = 0;
    const send = async (message: Parameters<typeof waMessage>[0]['message'], bytes?: Buffer) => {
      const id = `3AGATE${String(++n).padStart(12, '0')}`;
      if (bytes) media.set(id, bytes);
      const before = sock.sent.length;
      sock.deliver([waMessage({ from: PN, id, message, ts: Math.floor((t?.clock.now ?? 0) / 1000) })]);
      await t?.app.whatsapp.idle();
      return sock.sent.slice(before).map((s) => s.text).join('\n');
    };
    return { send, downloads };
  }

  it('does not download a photo sent at the menu, and stores nothing', async () => {
    const { send, downloads } = await setup();
    await send(text('halo'));
    const photo = await jpeg();
    const reply = await send({ imageMessage: { mimetype: 'image/jpeg', fileLength: photo.length } }, photo);
    expect(reply).toMatch(/Balas dengan angka/);
    expect(downloads).toEqual([]);
    expect(filesUnder(t?.config.mediaDir as string)).toEqual([]);
  });

  it('refuses an SVG "document" declared as image/jpeg at the evidence step', async () => {
    const { send, downloads } = await setup();
    for (const m of ['halo', '1', '3', '1', 'Sambas', 'Malaysia', 'lewati', 'Ditawari kerja di kebun sawit, paspor ditahan']) await send(text(m));
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const reply = await send({ documentMessage: { mimetype: 'image/jpeg', fileName: 'foto.jpg', fileLength: svg.length } }, svg);
    expect(downloads).toHaveLength(1);
    expect(reply).toMatch(/Jenis file itu tidak bisa diterima/);
    expect(filesUnder(t?.config.mediaDir as string)).toEqual([]);
    // A real photo at the same step is taken.
    const photo = await jpeg();
    expect(await send({ imageMessage: { mimetype: 'image/jpeg', fileLength: photo.length } }, photo)).toMatch(/Bukti diterima \(1/);
    expect(filesUnder(t?.config.mediaDir as string)).toHaveLength(1);
  });
});

describe('Telegram evidence gate', () => {
  it('does not call getFile for a photo sent at the menu, and stores nothing', async () => {
    emu = await startBotApiEmulator();
    const port = await freePort();
    t = await buildTestApp(
      { TELEGRAM_BOT_TOKEN: emu.token, TELEGRAM_API_ROOT: emu.apiRoot, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: 'gate_secret', PUBLIC_URL: `http://127.0.0.1:${port}` },
      { telegram: { retryBaseMs: 5, pacing: { perChatPerSecond: 1000 } } },
    );
    await t.app.listen({ host: '127.0.0.1', port });
    const chat = 4242;
    await emu.postToWebhook(emu.textMessage(chat, '/start'));
    const photo = await jpeg();
    emu.addFile('MENU-PHOTO', photo);
    const r = await emu.postToWebhook(emu.photoMessage(chat, 'MENU-PHOTO', photo.length));
    expect(r.status).toBe(200);
    await t.app.telegram?.idle();
    expect(emu.callsTo('getFile')).toEqual([]);
    expect(filesUnder(t.config.mediaDir)).toEqual([]);
  });
});
