/**
 * The job-ad checker end to end on the web, through buildApp on a real SQLite file: the chat's
 * `check_ad` choice (answer, never "safe", report prefilled from the advert), the public
 * `POST /api/ad-check` (contract shape, limits, never revealing earlier reports), and what is
 * kept (keyed hashes with counts that officers see beside tips; no identifier in clear).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderAdvert } from '../../helpers/advert-image.js';
import { buildTestApp, type TestApp, webChat } from '../../helpers/app.js';
import { rawSql } from '../../helpers/raw-sql.js';

const ADMIN = 'admin-token-for-adcheck-tests-000000';
const SCAM =
  'LOWONGAN CS ONLINE di Kamboja!! Gaji 15jt/bln tanpa pengalaman, umur tidak masalah. Langsung berangkat minggu ini. ' +
  'Biaya proses 3jt transfer ke BRI 0123-01-012345-50-1 a/n Siti. Hub WA 0812-3456-7890. Jangan bilang keluarga ya.';
const LICENSED =
  'PT Contoh Sejahtera Abadi (FIKTIF) membuka lowongan perawat lansia ke Taiwan. No. Izin: DEMO-KEP 001/2025. ' +
  'Tanpa biaya penempatan. Pengalaman min 1 tahun. Info: rekrut@contohsejahtera.co.id';
const NEVER_SAFE = /\b(aman|safe)\b/i;

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp({ ADMIN_TOKEN: ADMIN, RATE_LIMIT_PER_MINUTE: '30' }, { ocr: false });
});
afterEach(async () => t.close());

const adCheck = (text: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/ad-check', payload: { text } as object, headers });

describe('check_ad in the web chat', () => {
  it('reads a pasted scam advert: flags in one sentence each, what was found, never "safe"; then report prefilled', async () => {
    const chat = webChat(t.app);
    await chat.start();
    expect(chat.last.prompt.choices?.map((c) => c.id)).toContain('check_ad');
    await chat.choose('check_ad');
    expect(chat.last.prompt).toMatchObject({ flow: 'check_ad', step: 'ad', kind: 'text' });
    await chat.say(SCAM);
    const answer = chat.text();
    expect(answer).toContain('Tanda bahaya yang kami temukan');
    expect(answer).toContain('tidak boleh dibebani biaya penempatan');
    expect(answer).toContain('Kamboja, Myanmar, Laos atau Thailand');
    expect(answer).toContain('minimal 18 tahun');
    expect(answer).toContain('+6281234567890');
    expect(answer).toContain('bri 012301012345501');
    expect(answer).toContain('tidak menyebut nama perusahaan');
    expect(answer).toContain('bukan bukti kejahatan');
    expect(answer).not.toMatch(NEVER_SAFE);
    expect(chat.last.prompt).toMatchObject({ flow: 'check_ad', step: 'after', kind: 'choice' });
    expect(chat.last.prompt.choices?.map((c) => c.id)).toEqual(['report', 'check_another', 'menu']);

    // Report it: recruiter and story come from the advert, so those steps are not asked again.
    await chat.choose('report');
    expect(chat.last.prompt).toMatchObject({ flow: 'report', step: 'who' });
    await chat.choose('someone_else');
    expect(chat.last.prompt).toMatchObject({ flow: 'report', step: 'category' });
    await chat.choose('online_scam');
    await chat.choose('sambas');
    await chat.say('Kamboja');
    expect(chat.last.prompt.step).toBe('evidence');
    await chat.choose('skip');
    for (const [step, choice] of [['danger_now', 'no'], ['where_now', 'home_area'], ['people_count', 'one'], ['departure', 'days'], ['minor', 'no'], ['passport_held', 'no'], ['may_contact', 'no']]) {
      expect(chat.last.prompt.step).toBe(step);
      await chat.choose(choice);
    }
    expect(chat.last.prompt.step).toBe('summary');
    expect(chat.text()).toContain('6281234567890');
    await chat.choose('confirm');
    expect(chat.text()).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);

    const list = await t.app.inject({ url: '/api/tips', headers: { authorization: `Bearer ${ADMIN}` } });
    const tip = list.json().items[0];
    expect(tip.description).toBe(SCAM);
    expect(tip.recruiter).toContain('6281234567890');
    // The officer sees that this number was checked once (the check above), never by whom.
    expect(tip.checkedElsewhere).toEqual(expect.arrayContaining([{ kind: 'phone', value: '6281234567890', checks: 1 }]));
    const one = await t.app.inject({ url: `/api/tips/${tip.id}`, headers: { authorization: `Bearer ${ADMIN}` } });
    expect(JSON.stringify(one.json())).not.toMatch(/pseudonym|conversation/);
  });

  it('names a licensed agency with its status and what it means, without calling it safe', async () => {
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('check_ad');
    await chat.say(LICENSED);
    const answer = chat.text();
    expect(answer).toContain('ADA di daftar P3MI berizin');
    expect(answer).toContain('DEMO-KEP 001/2025');
    expect(answer).toContain('bukan jaminan');
    expect(answer).toContain('tidak menemukan tanda bahaya');
    expect(answer).toContain('PERHATIAN: ini DATA CONTOH fiktif');
    expect(answer).not.toMatch(NEVER_SAFE);
    await chat.choose('check_another');
    expect(chat.last.prompt).toMatchObject({ flow: 'check_ad', step: 'ad' });
    await chat.say('bahasa');
    await chat.say('Work in Myawaddy as customer service, USD 1000, no experience needed, visa on arrival. DM on Telegram t.me/easyjobs');
    const en = chat.text();
    expect(en).toContain('Warning signs we found');
    expect(en).toContain('work visa');
    expect(en).toContain('t.me/easyjobs');
    expect(en).not.toMatch(NEVER_SAFE);
  });
});

describe('check_ad: a screenshot uploaded on the web', () => {
  it('is admitted at the advert step and, without OCR, answered with a request for the text', async () => {
    const chat = webChat(t.app);
    await chat.start();
    const upload = async () => {
      const png = await renderAdvert(['LOWONGAN KAMBOJA', 'Gaji 15 juta']);
      const boundary = '----waspada-ad';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="conversation"\r\n\r\n${chat.conversation}\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="iklan.png"\r\nContent-Type: image/png\r\n\r\n`),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.app.inject({ method: 'POST', url: '/api/chat/media', payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    // At the menu no file is taken.
    expect((await upload()).statusCode).toBeGreaterThanOrEqual(400);
    await chat.choose('check_ad');
    const res = await upload();
    expect(res.statusCode).toBe(200);
    expect(res.json().replies.map((r: { text: string }) => r.text).join('\n')).toContain('hanya bisa membaca teks');
    expect(res.json().prompt).toMatchObject({ flow: 'check_ad', step: 'ad' });
  });
});

describe('POST /api/ad-check', () => {
  it('answers in the contract shape; English on Accept-Language: en', async () => {
    const res = await adCheck('PT. Contoh Maju Jaya Group, izin DEMO-KEP 003/2025. Biaya medical 4jt transfer ke rek BCA 1234567890 a/n Dedi. WA 0812-3456-7890, email hrd@kerja-cepat.com, fb.com/kerja.cepat');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['agencies', 'flags', 'identifiers']);
    expect(body.agencies).toEqual([
      { name: 'PT Contoh Maju Jaya (FIKTIF)', licenseNumber: 'DEMO-KEP 003/2025', status: 'active', match: 'similar', quoted: 'PT. Contoh Maju Jaya Group' },
      expect.objectContaining({ match: 'similar', quoted: 'PT. Contoh Maju Jaya Group' }),
      { name: 'PT Contoh Maju Jaya (FIKTIF)', licenseNumber: 'DEMO-KEP 003/2025', status: 'active', match: 'exact', quoted: 'DEMO-KEP 003/2025' },
    ]);
    expect(body.flags.map((f: { id: string }) => f.id)).toEqual(['upfront_fee', 'personal_account', 'agency_not_in_registry', 'license_mismatch']);
    expect(body.flags[0].text).toMatch(/UU 18\/2017/);
    expect(body.identifiers).toEqual({
      phones: ['6281234567890'],
      links: ['facebook.com/kerja.cepat'],
      accounts: ['bca:1234567890'],
      emails: ['hrd@kerja-cepat.com'],
    });
    const en = await adCheck('Kerja kosongan di Sarawak', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.json().flags).toEqual([{ id: 'no_work_permit', text: expect.stringContaining('work permit') }]);
  });

  it('refuses malformed bodies with JSON errors and oversize ones with 413', async () => {
    for (const payload of [{}, { text: '' }, { text: 5 }, { text: 'x', extra: 1 }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/ad-check', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBeTruthy();
    }
    const long = await adCheck('a'.repeat(10_001));
    expect(long.statusCode).toBe(400);
    const huge = await t.app.inject({ method: 'POST', url: '/api/ad-check', payload: { text: 'b'.repeat(70_000) } });
    expect(huge.statusCode).toBe(413);
  });

  it('never says whether something was reported before: the answer is the same after a tip names it', async () => {
    const ad = 'Kerja di Kamboja, hub WA 0812-3456-7890';
    const before = (await adCheck(ad)).json();
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('report');
    await chat.choose('someone_else');
    await chat.choose('job_abroad');
    await chat.choose('sambas');
    await chat.say('Kamboja');
    await chat.say('WA 0812-3456-7890');
    await chat.say('Dia menawari kerja di Kamboja lewat WA 0812-3456-7890');
    await chat.choose('skip');
    for (const c of ['no', 'home_area', 'one', 'days', 'no', 'no', 'no', 'confirm']) await chat.choose(c);
    const after = (await adCheck(ad)).json();
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toMatch(/report|lapor|tip/i);
  });

  it('is rate limited per client address like the chat', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await adCheck(`iklan ${i}`)).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
    expect(codes[30]).toBe(429);
    const other = await t.app.inject({ method: 'POST', url: '/api/ad-check', payload: { text: 'iklan' }, remoteAddress: '10.9.8.7' });
    expect(other.statusCode).toBe(200);
  });

  it('keeps identifiers only as keyed hashes with counts, nothing about who checked', async () => {
    await adCheck(SCAM);
    await adCheck(SCAM);
    const rows = await rawSql(t.app).all<{ hash: string; count: number }>('select * from adcheck_sightings');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.count === 2 && Object.keys(r).sort().join() === 'count,hash')).toBe(true);
    const sqlite = t.app.storage.sqlite;
    if (!sqlite) return; // The bytes on disk below are SQLite's file and WAL.
    sqlite.$client.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(t.config.DATABASE_PATH);
    for (const needle of ['6281234567890', '0812-3456-7890', '012301012345501', 'Kamboja']) expect(file.includes(needle)).toBe(false);
  });
});
