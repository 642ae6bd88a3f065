/**
 * The WhatsApp adapter driving the REAL conversation runtime, flows and evidence store (built by
 * `buildApp`), through a fake Baileys socket that emits real Baileys shapes. Replies are read the
 * way a reporter reads them: as numbered lists, answered with a number.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WAMessage } from '@whiskeysockets/baileys';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { WhatsAppChannel } from '../../../src/app.js';
import type { TestApp } from '../../helpers/app.js';
import { type FakeSocket, type KeyExtras, text, waMessage } from '../../helpers/fake-baileys.js';
import { startWhatsAppService } from '../../helpers/whatsapp-service.js';
import { rawSql } from '../../helpers/raw-sql.js';

const PN = '6281234567890@s.whatsapp.net';
const LID = '128394857261234@lid';
const RECEIPT = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup() {
  const wa = await startWhatsAppService();
  t = wa.t;
  return { app: t.app, whatsapp: t.app.whatsapp, sock: wa.sock, media: wa.media };
}

/** A reporter on WhatsApp: sends messages, reads numbered replies, answers with numbers. */
function reporter(whatsapp: WhatsAppChannel, sock: FakeSocket, jid: string, extras: KeyExtras = {}, replyTo = jid) {
  let seen = 0;
  let n = 0;
  let replies: string[] = [];
  const read = () => {
    const mine = sock.sent.filter((s) => s.jid === replyTo);
    replies = mine.slice(seen).map((s) => s.text.replaceAll('\u200B', ''));
    seen = mine.length;
    return replies;
  };
  const deliver = async (msg: WAMessage) => {
    sock.deliver([msg]);
    await whatsapp.idle();
    return read();
  };
  const nextId = () => `3A${jid.slice(0, 6)}${String(++n).padStart(12, '0')}`;
  return {
    say: (body: string) => deliver(waMessage({ from: jid, id: nextId(), message: text(body), ts: Math.floor((t?.clock.now ?? 0) / 1000) }, extras)),
    sendMessage: (msg: WAMessage) => deliver(msg),
    nextId,
    /** Answer the last numbered list with the number of the option labelled exactly `label`. */
    pick(label: string) {
      const list = replies.join('\n').split('\n');
      const line = list.find((l) => l.replace(/^\d+\. /, '') === label && /^\d+\. /.test(l));
      if (!line) throw new Error(`no option "${label}" in:\n${replies.join('\n---\n')}`);
      return this.say(line.split('.')[0]);
    },
    get replies() {
      return replies;
    },
  };
}

describe('WhatsApp through the real runtime', () => {
  it('takes a complete report with a numbered menu and a photo, and gives a receipt', async () => {
    const { app, whatsapp, sock, media } = await setup();
    const me = reporter(whatsapp, sock, PN);
    const menu = await me.say('halo');
    expect(menu.join('\n')).toMatch(/^Halo/);
    expect(menu.at(-1)).toMatch(/1\. Laporkan tawaran kerja mencurigakan\n2\. .+\n[\s\S]*7\. Bahasa \/ Language\n\nBalas dengan angka\.$/);

    await me.pick('Laporkan tawaran kerja mencurigakan');
    await me.pick('Orang lain');
    await me.pick('Kerja di luar negeri');
    await me.say('Kabupaten Pontianak');
    await me.say('Malaysia');
    await me.say('Pak Anton 0812-1111-2222');
    await me.say('Ditawari kerja di kebun sawit, gaji 8 juta, diminta bayar 2 juta dulu');

    const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-owner' } })
      .toBuffer();
    const photoId = me.nextId();
    media.set(photoId, photo);
    const afterPhoto = await me.sendMessage(
      waMessage({ from: PN, id: photoId, message: { imageMessage: { mimetype: 'image/jpeg', fileLength: photo.length, caption: 'iklan lowongan' } } }),
    );
    expect(afterPhoto[0]).toBe('Bukti diterima (1 dari maks. 10).');
    expect(afterPhoto.at(-1)).toMatch(/1\. Selesai\n2\. Lewati\n\nBalas dengan angka\.$/);

    await me.pick('Selesai');
    await me.pick('Tidak'); // someone in danger now
    await me.pick('Tidak tahu'); // where now
    await me.pick('Lewati'); // how many people
    await me.pick('Lebih dari seminggu lagi');
    await me.pick('Tidak'); // minor
    await me.pick('Tidak'); // passport held
    const summary = await me.pick('Tidak, jangan kirim pesan');
    expect(summary.join('\n')).toContain('Mempawah');
    const done = await me.pick('Kirim laporan');
    expect(done.join('\n')).toMatch(RECEIPT);

    const tips = (await rawSql(app).all('select * from tips')) as Array<Record<string, unknown>>;
    expect(tips).toHaveLength(1);
    expect(tips[0]).toMatchObject({ channel: 'whatsapp', category: 'job_abroad', regency: 'mempawah', complete: 1 });
    const rows = (await rawSql(app).all('select * from media')) as Array<Record<string, unknown>>;
    expect(rows).toEqual([expect.objectContaining({ tip_id: tips[0].id, mime: 'image/jpeg', kind: 'photo' })]);
    const files = readdirSync(t?.config.mediaDir ?? '', { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    expect(files).toHaveLength(1);
    const stored = readFileSync(join(files[0].parentPath, files[0].name));
    expect(stored.includes(Buffer.from('secret-owner'))).toBe(false); // EXIF stripped

    // Nothing stored carries the reporter's number.
    const dump = JSON.stringify((await rawSql(app).all('select * from tips'))) + JSON.stringify((await rawSql(app).all('select * from conversations')));
    expect(dump).not.toContain('6281234567890');
  });

  it('ignores our own echo and groups, handles a duplicate once, and keeps one conversation across PN and LID addressing', async () => {
    const { app, whatsapp, sock } = await setup();
    const me = reporter(whatsapp, sock, PN);
    await me.say('halo');
    await me.pick('Laporkan tawaran kerja mencurigakan');
    await me.pick('Keluarga atau teman');

    // Our own message typed on the phone, an echo, and group chatter: no reply, no state change.
    const own = await me.sendMessage(waMessage({ from: PN, id: me.nextId(), fromMe: true, message: text('1') }));
    expect(own).toEqual([]);
    sock.deliver([waMessage({ from: '120363999000@g.us', participant: PN, message: text('2') })]);
    await whatsapp.idle();
    expect(sock.sent.filter((s) => s.jid.endsWith('@g.us'))).toEqual([]);

    // The same person, now LID-addressed (Baileys gives the phone number as remoteJidAlt).
    const viaLid = reporter(whatsapp, sock, LID, { remoteJidAlt: PN, addressingMode: 'lid' }, PN);
    const dupId = viaLid.nextId();
    const m = waMessage({ from: LID, id: dupId, message: text('1') }, { remoteJidAlt: PN, addressingMode: 'lid' });
    const first = await viaLid.sendMessage(m);
    expect(first.join('\n')).toContain('Di mana orang itu direkrut atau tinggal?'); // the next step
    const again = await viaLid.sendMessage(m);
    expect(again).toEqual([]); // duplicate delivery: handled once, nothing sent

    const convs = (await rawSql(app).all('select channel, state from conversations')) as Array<{ channel: string; state: string }>;
    expect(convs).toHaveLength(1);
    expect(JSON.parse(convs[0].state)).toMatchObject({ flowId: 'report', stepId: 'regency' });
  });

  it('takes a voice note as the story: stored as evidence, the description notes it, the questions say "Anda"', async () => {
    const { app, whatsapp, sock, media } = await setup();
    const me = reporter(whatsapp, sock, PN);
    await me.say('halo');
    await me.pick('Laporkan tawaran kerja mencurigakan');
    await me.pick('Saya sendiri (tawaran untuk saya)');
    await me.pick('Kerja di luar negeri');
    await me.say('Sintang');
    await me.say('Sarawak');
    const ask = await me.pick('Lewati');
    expect(ask.join('\n')).toContain('Boleh juga kirim pesan suara');
    // The first page of an Ogg/Opus voice note, as the evidence intake sniffs it.
    const voice = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(24), Buffer.from('OpusHead'), Buffer.alloc(64)]);
    const voiceId = me.nextId();
    media.set(voiceId, voice);
    const next = await me.sendMessage(
      waMessage({ from: PN, id: voiceId, message: { audioMessage: { mimetype: 'audio/ogg; codecs=opus', ptt: true, fileLength: voice.length } } }),
    );
    expect(next.join('\n')).toContain('Punya bukti?'); // the story step is answered
    await me.pick('Selesai');
    const where = await me.pick('Tidak'); // danger now
    expect(where.join('\n')).toContain('Di mana Anda sekarang?');
    await me.pick('Lewati'); // where now
    const q = await me.pick('Lewati'); // how many people
    expect(q.join('\n')).toContain('Kapan Anda akan berangkat?');
    await me.pick('Lebih dari seminggu lagi');
    await me.pick('Tidak');
    await me.pick('Tidak');
    const summary = await me.pick('Tidak, jangan kirim pesan');
    expect(summary.join('\n')).toContain('Cerita: (cerita dikirim sebagai pesan suara — lihat bukti)');
    expect(summary.join('\n')).toContain('Bukti: 1 file');
    expect((await me.pick('Kirim laporan')).join('\n')).toMatch(RECEIPT);
    const tip = (await rawSql(app).get('select id, description from tips')) as { id: string; description: string };
    expect(tip.description).toBe('(cerita dikirim sebagai pesan suara — lihat bukti)');
    const rows = (await rawSql(app).all('select tip_id, kind, mime from media'));
    expect(rows).toEqual([{ tip_id: tip.id, kind: 'voice', mime: 'audio/ogg' }]);
  });

  it('the word SOS in the middle of a report: numbers first, then numbered questions, and a receipt', async () => {
    const { app, whatsapp, sock } = await setup();
    const me = reporter(whatsapp, sock, PN);
    await me.say('halo');
    await me.pick('Laporkan tawaran kerja mencurigakan');
    await me.pick('Orang lain');
    await me.pick('Kerja di luar negeri');
    const sos = await me.say('SOS');
    expect(sos[0]).toMatch(/^DARURAT[\s\S]*110[\s\S]*SAPA 129[\s\S]*08111-129-129/);
    expect(sos.join('\n')).toMatch(/1\. Di rumah \/ kampung sendiri\n2\. Di perjalanan[\s\S]*Balas dengan angka\.$/);
    const tip = (await rawSql(app).get('select urgency, complete, category from tips'));
    expect(tip).toEqual({ urgency: 'urgent', complete: 0, category: 'job_abroad' });
    await me.pick('Sudah di luar negeri');
    await me.pick('2 sampai 5 orang');
    const done = await me.pick('Tidak, jangan kirim pesan');
    expect(done.join('\n')).toMatch(RECEIPT);
    expect((await rawSql(app).get('select count(*) as n from tips'))).toEqual({ n: 1 });
  });

  it('answers a LID-only sender at their LID', async () => {
    const { whatsapp, sock } = await setup();
    const lidOnly = reporter(whatsapp, sock, '777000222@lid');
    const replies = await lidOnly.say('halo');
    expect(replies.join('\n')).toMatch(/Balas dengan angka\.$/);
  });
});
