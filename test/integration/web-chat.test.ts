import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { buildTestApp, type TestApp, webChat } from '../helpers/app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const RECEIPT = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;

async function reportUntilSummary(chat: ReturnType<typeof webChat>, description = 'Ditawari kerja di kebun sawit, gaji 8 juta, diminta bayar 2 juta') {
  await chat.start();
  await chat.choose('report');
  await chat.choose('someone_else');
  await chat.choose('job_abroad');
  await chat.say('Kabupaten Pontianak');
  await chat.say('Malaysia');
  await chat.say('Pak Anton 0812-1111-2222');
  await chat.say(description);
  await chat.choose('skip');
  await chat.choose('no');
  await chat.choose('home_area');
  await chat.choose('one');
  await chat.choose('weeks');
  await chat.choose('no');
  await chat.choose('no');
  return chat.choose('no');
}

describe('web chat', () => {
  it('greets neutrally and offers the contract menu ids', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    const first = await chat.start();
    expect(first.conversation).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.replies[0].text).toMatch(/^Halo/);
    expect(first.prompt.choices?.map((c) => c.id)).toEqual(['report', 'check_agency', 'check_ad', 'learn', 'status', 'help_contacts', 'language']);
  });

  it('says in every reply which language the conversation speaks, so the page need not guess', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    expect((await chat.start()).locale).toBe('id');
    await chat.choose('language');
    const switched = await chat.choose('en');
    expect(switched.locale).toBe('en');
    expect((await chat.say('menu')).locale).toBe('en');
  });

  it('takes a whole report, gives a receipt once, and stores no raw address', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    const summary = await reportUntilSummary(chat);
    expect(summary.prompt.step).toBe('summary');
    expect(chat.text()).toContain('Mempawah');
    const done = await chat.choose('confirm');
    const receipt = chat.text().match(RECEIPT)?.[0];
    expect(receipt).toBeDefined();
    expect(done.prompt.flow).toBe('menu');
    const rows = t.app.db.$client.prepare('select * from tips').all() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0].regency).toBe('mempawah');
    expect(rows[0].complete).toBe(1);
    const dump = JSON.stringify(t.app.db.$client.prepare('select * from tips').all()) + JSON.stringify(t.app.db.$client.prepare('select * from conversations').all());
    expect(dump).not.toContain(chat.conversation as string);
    expect(dump).not.toContain(receipt as string);
    expect(dump).not.toContain((receipt as string).replace(/-/g, ''));

    // Status with the receipt, from a different conversation (another device).
    const other = webChat(t.app);
    await other.start();
    await other.choose('status');
    await other.say((receipt as string).toLowerCase().replace(/-/g, ' '));
    expect(other.text()).toContain(rows[0].id as string);
    expect(other.text()).toContain('Belum ada balasan');
    await other.choose('add_info');
    await other.say('Dia sekarang minta uang tambahan lewat rekening BRI 1234567890');
    expect(other.text()).toMatch(/tersimpan/);
    const msgs = t.app.db.$client.prepare('select * from tip_messages').all() as Array<{ direction: string; text: string }>;
    expect(msgs).toEqual([expect.objectContaining({ direction: 'in', text: expect.stringContaining('uang tambahan') })]);
  });

  it('re-asks on an invalid answer without losing earlier answers, and edits a field from the summary', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('report');
    await chat.choose('someone_else');
    await chat.say('42');
    expect(chat.last.prompt.step).toBe('category');
    expect(chat.text()).toMatch(/tidak ada/);
    await chat.say('Magang atau sekolah');
    expect(chat.last.prompt.step).toBe('regency');
    await chat.say('bantuan');
    expect(chat.last.prompt.step).toBe('regency');
    await chat.say('sambas');
    await chat.say('Jerman');
    await chat.choose('skip');
    await chat.say('Magang ke Jerman ternyata kerja kasar di pabrik');
    await chat.choose('done');
    for (const c of ['no', 'unsure', 'skip', 'unknown', 'no', 'no', 'no']) await chat.choose(c);
    expect(chat.last.prompt.step).toBe('summary');
    await chat.choose('edit_destination');
    expect(chat.last.prompt.step).toBe('destination');
    await chat.say('Belanda');
    expect(chat.last.prompt.step).toBe('summary');
    expect(chat.text()).toContain('Belanda');
    expect(chat.text()).toContain('Magang atau sekolah');
    await chat.say('language');
    expect(chat.text()).toContain('Internship or study');
    expect(chat.last.prompt.step).toBe('summary');
  });

  it('resumes a report exactly after a restart of the service', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('report');
    await chat.choose('someone_else');
    await chat.choose('marriage');
    await chat.choose('kota_singkawang');
    await t.app.close();
    const app2 = await buildApp(t.config, { logger: false });
    const chat2 = webChat(app2);
    // Same conversation token: the page keeps it in sessionStorage.
    const res = await app2.inject({ method: 'POST', url: '/api/chat', payload: { conversation: chat.conversation, text: 'Tiongkok' } });
    expect(res.json().prompt.step).toBe('recruiter');
    await app2.close();
    void chat2;
  });

  it('keeps an abandoned report as an incomplete tip after the idle timeout', async () => {
    t = await buildTestApp({ CONVERSATION_IDLE_MINUTES: '30' });
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('report');
    await chat.choose('someone_else');
    await chat.choose('online_scam');
    await chat.choose('kubu_raya');
    await chat.say('Kamboja');
    await chat.choose('skip');
    await chat.say('Sepupu saya ditawari jadi operator IT, katanya gaji besar');
    expect(t.app.db.$client.prepare('select count(*) n from tips').get()).toEqual({ n: 0 });
    t.clock.now += 31 * 60_000;
    expect(await t.app.conversations.expireIdle()).toBe(1);
    const tip = t.app.db.$client.prepare('select * from tips').get() as Record<string, unknown>;
    expect(tip.complete).toBe(0);
    expect(tip.category).toBe('online_scam');
    expect(tip.description).toContain('operator IT');
    // The next message starts afresh at the menu.
    await chat.say('halo');
    expect(chat.last.prompt.flow).toBe('menu');
  });

  it('raises an urgent tip before the report is finished', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('report');
    await chat.choose('someone_else');
    await chat.choose('domestic_work');
    await chat.choose('sanggau');
    await chat.say('Malaysia');
    await chat.choose('skip');
    await chat.say('Adik saya disekap di rumah agen di Entikong, paspornya ditahan, malam ini mau dibawa lewat jalan tikus');
    const tip = t.app.db.$client.prepare('select * from tips').get() as Record<string, unknown>;
    expect(tip.urgency).toBe('urgent');
    expect(tip.complete).toBe(0);
    // Finishing the report completes the same tip.
    await chat.choose('skip');
    for (const c of ['yes', 'transit_point', 'two_to_five', 'now', 'no', 'yes', 'no']) await chat.choose(c);
    await chat.choose('confirm');
    expect(chat.text()).toMatch(/MENDESAK/);
    const all = t.app.db.$client.prepare('select * from tips').all() as Array<Record<string, unknown>>;
    expect(all).toHaveLength(1);
    expect(all[0].complete).toBe(1);
  });

  it('stores an uploaded photo without its EXIF metadata', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('report');
    await chat.choose('someone_else');
    await chat.choose('job_abroad');
    await chat.choose('landak');
    await chat.choose('skip');
    await chat.choose('skip');
    await chat.say('Brosur lowongan ke Taiwan');
    expect(chat.last.prompt.kind).toBe('media');
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'SECRET-ARTIST-MARKER', Copyright: 'gps-here' } })
      .toBuffer();
    expect(jpeg.includes(Buffer.from('SECRET-ARTIST-MARKER'))).toBe(true);
    const boundary = '----waspada';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="conversation"\r\n\r\n${chat.conversation}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/chat/media', payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json().replies[0].text).toMatch(/Bukti diterima \(1/);
    const mediaDir = t.config.mediaDir;
    const files = readdirSync(mediaDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(files).toHaveLength(1);
    const stored = readFileSync(join(files[0].parentPath, files[0].name));
    expect(stored.includes(Buffer.from('SECRET-ARTIST-MARKER'))).toBe(false);
  });

  it('answers bad input with the JSON error shape', async () => {
    t = await buildTestApp();
    const bad = await t.app.inject({ method: 'POST', url: '/api/chat', payload: { conversation: 'not-a-token', text: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
    const big = await t.app.inject({ method: 'POST', url: '/api/chat', payload: { text: 'x'.repeat(70_000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
  });
});

describe('conversation runtime', () => {
  it('processes a duplicate delivery once and keeps two senders apart', async () => {
    t = await buildTestApp();
    const rt = t.app.conversations;
    const msg = (address: string, id: string, text: string) =>
      rt.handle({ channel: 'telegram', address, platformMessageId: id, receivedAt: 0, content: { kind: 'text', text } });
    const [a1, b1] = await Promise.all([msg('111', 'u1', 'halo'), msg('222', 'u2', 'halo')]);
    expect(a1?.prompt.flow).toBe('menu');
    expect(b1?.prompt.flow).toBe('menu');
    await msg('111', 'u3', '1');
    expect(await msg('111', 'u3', '1')).toBeNull();
    const a = await msg('111', 'u4', '2');
    const b = await msg('222', 'u5', '4');
    expect(a?.prompt.step).toBe('category');
    expect(b?.prompt.flow).toBe('learn');
  });
});

describe('dedupe rows', () => {
  it('are kept for a week, then pruned by the idle sweep', async () => {
    t = await buildTestApp();
    const rt = t.app.conversations;
    const msg = () => rt.handle({ channel: 'telegram', address: '9', platformMessageId: '123:77', receivedAt: 0, content: { kind: 'text', text: 'halo' } });
    expect(await msg()).not.toBeNull();
    t.clock.now += 6 * 86_400_000;
    await t.app.conversations.expireIdle();
    expect(await msg()).toBeNull();
    t.clock.now += 2 * 86_400_000;
    await t.app.conversations.expireIdle();
    expect(t.app.db.$client.prepare('select count(*) n from processed_updates').get()).toEqual({ n: 0 });
  });
});

describe('abuse limits', () => {
  it('answers a flood of new conversations from one address with a polite 429 in the error shape', async () => {
    t = await buildTestApp({ OPEN_PER_ADDRESS_PER_MINUTE: '5' });
    const codes: number[] = [];
    let last: { error?: { code: string; message: string } } = {};
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/chat', payload: {} });
      codes.push(res.statusCode);
      last = res.json();
    }
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes[6]).toBe(429);
    expect(last.error?.code).toBe('rate_limited');
    expect(last.error?.message).toMatch(/Tunggu/);
  });

  it('slows down one sender on a messaging channel without touching another', async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    const rt = t.app.conversations;
    const send = (address: string, id: string) =>
      rt.handle({ channel: 'whatsapp', address, platformMessageId: id, receivedAt: 0, content: { kind: 'text', text: 'halo' } });
    for (let i = 0; i < 3; i++) await send('6281', `a${i}`);
    const flooded = await send('6281', 'a9');
    expect(flooded?.outputs[0].text).toMatch(/terlalu cepat/);
    const other = await send('6282', 'b1');
    expect(other?.prompt.flow).toBe('menu');
    t.clock.now += 61_000;
    expect((await send('6281', 'a10'))?.outputs[0].text).not.toMatch(/terlalu cepat/);
  });
});

describe('check_agency with the demo registry', () => {
  it('answers exact, impostor-similar and not found honestly, and says the data is demo', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('check_agency');
    await chat.say('pt. contoh sejahtera abadi');
    expect(chat.text()).toMatch(/DITEMUKAN dan berizin AKTIF/);
    expect(chat.text()).toContain('DEMO-KEP 001/2025');
    expect(chat.text()).toMatch(/DATA CONTOH fiktif/);
    expect(chat.text()).toMatch(/BUKAN jaminan/);
    await chat.choose('check_another');
    // One word more than a licensed name: never "found".
    await chat.say('PT Contoh Sejahtera Abadi Jaya');
    expect(chat.text()).toMatch(/TIDAK PERSIS/);
    expect(chat.text()).not.toMatch(/DITEMUKAN dan berizin/);
    expect(chat.text()).toMatch(/meniru nama/);
    await chat.choose('check_another');
    await chat.say('Zzqx Wwvb Kkplm');
    expect(chat.text()).toMatch(/TIDAK DITEMUKAN/);
    await chat.choose('check_another');
    await chat.say('contoh duta bangsa');
    expect(chat.text()).toMatch(/TIDAK AKTIF/);
    expect(chat.text()).toMatch(/Dicabut/);
  });
});
