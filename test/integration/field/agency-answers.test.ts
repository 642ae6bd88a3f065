/**
 * Agency answers people can read on a cheap phone: status, licence, validity as a WIB date in
 * words (respecting the automatic yearly extension), the long warnings once or on request, and
 * no ISO timestamps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, webChat } from '../../helpers/app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ISO = /\d{4}-\d{2}-\d{2}/;

describe('check_agency answers', () => {
  it('are short, in WIB dates, with the warnings once per session and on request', async () => {
    t = await buildTestApp();
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('check_agency');
    await chat.say('PT Contoh Maju Jaya (FIKTIF)');
    const first = chat.text();
    expect(first).toContain('DITEMUKAN dan berizin AKTIF');
    expect(first).toContain('Berlaku: 30 November 2026 menurut daftar');
    expect(first).toContain('diperpanjang otomatis');
    // The demo was loaded at 03:00 UTC on 28 November = 10:00 WIB the same day.
    expect(first).toContain('Data daftar diperbarui: 28 November 2026.');
    expect(first).toContain('Ingat: terdaftar BUKAN jaminan aman');
    expect(first).toContain('DATA CONTOH fiktif');
    expect(first).not.toMatch(ISO);

    await chat.choose('check_another');
    await chat.say('DEMO-KEP 004/2025'); // suspended
    const second = chat.text();
    expect(second).toContain('TIDAK AKTIF menurut daftar');
    expect(second).toContain('TIDAK boleh merekrut');
    expect(second).not.toContain('Ingat: terdaftar BUKAN jaminan aman');
    expect(second).toContain('DATA CONTOH fiktif'); // the demo label is never dropped
    expect(second.length).toBeLessThan(first.length);

    await chat.choose('warnings');
    expect(chat.text()).toContain('Ingat: terdaftar BUKAN jaminan aman');

    await chat.choose('check_another');
    await chat.say('PT Contoh Karya Nusantara Indo (FIKTIF)'); // expired in the list
    const expired = chat.text();
    expect(expired).toContain('Tanggal berlaku di daftar (31 Maret 2025) sudah lewat');
    expect(expired).toContain('diperpanjang otomatis selama perusahaan patuh');
    expect(expired).not.toContain('TIDAK boleh merekrut');
    expect(expired).not.toMatch(ISO);
  });

  it('speaks English dates in English', async () => {
    t = await buildTestApp({ DEFAULT_LOCALE: 'en' });
    const chat = webChat(t.app);
    await chat.start();
    await chat.choose('check_agency');
    await chat.say('DEMO-KEP 003/2025');
    expect(chat.text()).toContain('Valid: 30 November 2026 according to the list');
    expect(chat.text()).toContain('List last updated: 28 November 2026.');
  });
});
