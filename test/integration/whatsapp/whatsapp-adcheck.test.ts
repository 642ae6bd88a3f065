/**
 * The job-ad checker on WhatsApp: the adapter driving the real runtime (buildApp) through a fake
 * Baileys socket emitting Baileys' real message shapes — a forwarded advert
 * (`extendedTextMessage` with `contextInfo.isForwarded`) and a screenshot (`imageMessage`),
 * answered with numbers as WhatsApp shows choices.
 */
import type { WAMessage } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../src/app.js';
import { renderAdvert, SCAM_ADVERT_LINES, tesseractInstalled } from '../../helpers/advert-image.js';
import type { TestApp } from '../../helpers/app.js';
import { text, waMessage } from '../../helpers/fake-baileys.js';
import { startWhatsAppService } from '../../helpers/whatsapp-service.js';
import { rawSql } from '../../helpers/raw-sql.js';

const PN = '6289876543210@s.whatsapp.net';
const installed = tesseractInstalled();
if (!installed) console.warn('NOTICE: tesseract is not installed: the WhatsApp screenshot-OCR test is SKIPPED (the text-only answer is still tested).');

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup(deps: Partial<AppDeps> = {}) {
  const wa = await startWhatsAppService({}, deps);
  t = wa.t;
  const { sock, media } = wa;
  let n = 0;
  let seen = 0;
  let replies: string[] = [];
  const deliver = async (msg: WAMessage) => {
    sock.deliver([msg]);
    await t!.app.whatsapp.idle();
    const mine = sock.sent.filter((s) => s.jid === PN);
    replies = mine.slice(seen).map((s) => s.text.replaceAll('\u200B', ''));
    seen = mine.length;
    return replies.join('\n');
  };
  const id = () => `3AADCHECK${String(++n).padStart(10, '0')}`;
  const ts = () => Math.floor((t?.clock.now ?? 0) / 1000);
  return {
    app: t.app,
    media,
    say: (body: string) => deliver(waMessage({ from: PN, id: id(), message: text(body), ts: ts() })),
    forward: (body: string) =>
      deliver(waMessage({ from: PN, id: id(), message: { extendedTextMessage: { text: body, contextInfo: { isForwarded: true, forwardingScore: 1 } } }, ts: ts() })),
    async image(bytes: Buffer, caption?: string) {
      const mid = id();
      media.set(mid, bytes);
      return deliver(waMessage({ from: PN, id: mid, message: { imageMessage: { mimetype: 'image/jpeg', fileLength: bytes.length, ...(caption ? { caption } : {}) } }, ts: ts() }));
    },
    /** Answer the last numbered list with the number of the option labelled `label`. */
    pick(label: string) {
      const line = replies.join('\n').split('\n').find((l) => /^\d+\. /.test(l) && l.replace(/^\d+\. /, '') === label);
      if (!line) throw new Error(`no option "${label}" in:\n${replies.join('\n---\n')}`);
      return this.say(line.split('.')[0]);
    },
  };
}

describe('job-ad check on WhatsApp (fake Baileys socket, real runtime)', () => {
  it('reads a forwarded advert and answers with flags and numbered choices', async () => {
    const wa = await setup({ ocr: false });
    await wa.say('halo');
    const menu = await wa.say('menu');
    expect(menu).toContain('Cek iklan lowongan kerja');
    await wa.pick('Cek iklan lowongan kerja');
    const answer = await wa.forward(
      'Kerja kebun sawit di Sarawak, gaji RM 2500, lewat jalan tikus Entikong, tidak perlu paspor. Kerja kosongan dulu, permit menyusul. Hubungi Pak Tono 0821 5566 7788',
    );
    expect(answer).toContain('jalan tikus');
    expect(answer).toContain('izin kerja ("kosongan")');
    expect(answer).toContain('+6282155667788');
    expect(answer).not.toMatch(/\b(aman|safe)\b/i);
    expect(answer).toMatch(/1\. Laporkan iklan ini\n2\. Cek iklan lain\n3\. /);
    const again = await wa.pick('Cek iklan lain');
    expect(again).toContain('Tempel (paste)');
  });

  it('asks for the text when it cannot read pictures', async () => {
    const wa = await setup({ ocr: false });
    await wa.say('halo');
    await wa.say('menu');
    await wa.pick('Cek iklan lowongan kerja');
    const r = await wa.image(await renderAdvert(SCAM_ADVERT_LINES, 'jpeg'));
    expect(r).toContain('hanya bisa membaca teks');
  });

  it.skipIf(!installed)('reads a screenshot with the local tesseract', async () => {
    const wa = await setup();
    await wa.say('halo');
    await wa.say('menu');
    await wa.pick('Cek iklan lowongan kerja');
    const r = await wa.image(await renderAdvert(SCAM_ADVERT_LINES, 'jpeg'));
    expect(r).toContain('Tanda bahaya');
    expect(r).toContain('Gaji tinggi tanpa pengalaman');
    expect(r).toContain('+6281234567890');
    const rows = (await rawSql(wa.app).all('select count from adcheck_sightings'));
    expect(rows).toEqual([{ count: 1 }]);
  });
});
