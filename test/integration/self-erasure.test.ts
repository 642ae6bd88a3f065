/**
 * A reporter erases their own report with the receipt, on the web chat, through the whole
 * service (`buildApp`, SQLite files in WAL mode, injected clock): the receipt stops opening the
 * case at once and the contact goes; the content follows after the documented delay — not while
 * officers hold the case — and then nothing of it is left in the db, the WAL or the evidence.
 */
import { readdirSync } from 'node:fs';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { SELF_ERASE_DELAY_DAYS } from '../../src/tips/erasure.js';
import { buildTestApp, type TestApp, webChat } from '../helpers/app.js';
import { wordsOnDisk } from '../helpers/disk-scan.js';
import { rawSql } from '../helpers/raw-sql.js';

const ADMIN = 'admin-token-'.padEnd(32, 'q');
const RECEIPT = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;
const DAY = 86_400_000;
const WORDS = ['TAPIRLOREK', 'BEKANTANJINGGA', 'SEMUTRAKSASA'];

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function upload(app: TestApp['app'], conversation: string): Promise<void> {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3c3' } }).jpeg().toBuffer();
  const boundary = '----waspada';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="conversation"\r\n\r\n${conversation}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    jpeg,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({ method: 'POST', url: '/api/chat/media', payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  expect(res.statusCode).toBe(200);
}

describe('a reporter erases their own report (web chat)', () => {
  it('cuts the receipt and contact at once, keeps the content while held, erases it after the delay', async () => {
    t = await buildTestApp({ ADMIN_TOKEN: ADMIN });
    const { app } = t;
    const officer = (method: 'GET' | 'PATCH', url: string, payload?: object) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${ADMIN}` }, ...(payload ? { payload } : {}) });
    const chat = webChat(app);
    await chat.start();
    await chat.choose('report');
    await chat.choose('someone_else');
    await chat.choose('job_abroad');
    await chat.say('Kabupaten Pontianak');
    await chat.say('Malaysia');
    await chat.say(`Pak Anton ${WORDS[0]} 0812-1111-2222`);
    await chat.say(`Ditawari kerja di kebun sawit ${WORDS[1]}, diminta bayar 2 juta`);
    await chat.choose('skip'); // the evidence comes with the follow-up below
    for (const c of ['no', 'unsure', 'skip', 'weeks', 'no', 'no', 'yes', 'confirm']) await chat.choose(c);
    const receipt = chat.text().match(RECEIPT)?.[0] as string;
    expect(receipt).toBeDefined();
    const tipId = ((await rawSql(app).get('select id from tips')) as { id: string }).id;
    expect((await rawSql(app).get('select count(*) as n from contacts'))).toEqual({ n: 1 });

    // Later, more information and a photo with the receipt.
    await chat.say(`status ${receipt}`);
    await chat.choose('add_info');
    await chat.say(`Sekarang dia pakai nama ${WORDS[2]}`);
    await chat.choose('add_evidence');
    await upload(app, chat.conversation as string);
    await chat.choose('done');
    expect(readdirSync(t.config.mediaDir, { recursive: true }).length).toBeGreaterThan(0);

    // The erase: asked, confirmed.
    await chat.choose('erase');
    expect(chat.text()).toMatch(/Yakin/);
    const done = await chat.choose('yes');
    expect(chat.text()).toMatch(/7 hari/);
    expect(done.prompt).toMatchObject({ flow: 'menu', step: 'main' });
    expect(SELF_ERASE_DELAY_DAYS).toBe(7);

    // At once: the receipt opens nothing, the contact is gone, the case forgets its sender.
    await chat.say(`status ${receipt}`);
    expect(chat.text()).toMatch(/tidak ditemukan/);
    const row = (await rawSql(app).get('select pseudonym, may_contact, erasure_requested_at from tips where id = ?', tipId));
    expect(row).toEqual({ pseudonym: null, may_contact: 0, erasure_requested_at: t.clock.now });
    expect((await rawSql(app).get('select count(*) as n from contacts'))).toEqual({ n: 0 });
    expect((await rawSql(app).get('select count(*) as n from receipt_attempts where ok = true'))).toEqual({ n: 0 });

    // Officers see the request and when the content goes; the evidence is still there.
    const seen = (await officer('GET', `/api/tips/${tipId}`)).json();
    expect(seen).toMatchObject({ erasureRequestedAt: new Date(t.clock.now).toISOString(), hold: false });
    expect(seen.erasureDueAt).toBe(new Date(t.clock.now + 7 * DAY).toISOString());
    expect(seen.description).toContain(WORDS[1]);

    // Six days later: nothing erased yet.
    t.clock.now += 6 * DAY;
    expect((await app.retention.runOnce()).erasedOnRequest).toEqual([]);
    expect((await officer('GET', `/api/tips/${tipId}`)).statusCode).toBe(200);

    // An officer holds the case (an active investigation): past the delay, it stays.
    const held = await officer('PATCH', `/api/tips/${tipId}`, { hold: true });
    expect(held.json()).toMatchObject({ hold: true, erasureDueAt: null });
    t.clock.now += 10 * DAY;
    expect((await app.retention.runOnce()).erasedOnRequest).toEqual([]);
    const still = (await officer('GET', `/api/tips/${tipId}`)).json();
    expect(still.messages.map((m: { text: string }) => m.text).join(' ')).toContain(WORDS[2]);
    expect(still.media.count).toBe(1);
    if (t.app.storage.sqlite) expect(Object.keys(wordsOnDisk(t.dir, WORDS)).length).toBeGreaterThan(0);

    // Released: the next run erases everything, and the disk holds none of it.
    await officer('PATCH', `/api/tips/${tipId}`, { hold: false });
    expect(await app.retention.runOnce()).toMatchObject({ erasedOnRequest: [tipId], filesRemoved: 1, checkpointed: true });
    expect((await officer('GET', `/api/tips/${tipId}`)).statusCode).toBe(404);
    expect(wordsOnDisk(t.dir, WORDS)).toEqual({});
    expect(readdirSync(t.config.mediaDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())).toEqual([]);
    const audit = (await rawSql(app).all('select action from audit_log where tip_id = ? order by id', tipId)).map((r) => (r as { action: string }).action);
    expect(audit).toEqual(expect.arrayContaining(['tip.erase_requested', 'tip.hold', 'tip.release', 'tip.erase_requested_due']));
  });

  it("keeps the contact while the same reporter's other case still allows replies, and leaves that case alone", async () => {
    t = await buildTestApp({ ADMIN_TOKEN: ADMIN, RATE_LIMIT_PER_MINUTE: '1000' });
    const chat = webChat(t.app);
    const report = async (description: string) => {
      await chat.choose('report');
      await chat.choose('someone_else');
      await chat.choose('job_abroad');
      await chat.say('Kabupaten Pontianak');
      await chat.say('Malaysia');
      await chat.say('Pak Anton 0812-1111-2222');
      await chat.say(description);
      await chat.choose('skip');
      for (const c of ['no', 'unsure', 'skip', 'weeks', 'no', 'no', 'yes', 'confirm']) await chat.choose(c);
      return chat.text().match(RECEIPT)?.[0] as string;
    };
    await chat.start();
    const first = await report(`Laporan pertama ${WORDS[0]}`);
    const second = await report(`Laporan kedua ${WORDS[1]}`);
    expect(first).not.toBe(second);
    await chat.say(`status ${first}`);
    await chat.choose('erase');
    await chat.choose('yes');
    // The second case still allows replies to this reporter: the contact stays.
    expect((await rawSql(t.app).get('select count(*) as n from contacts'))).toEqual({ n: 1 });
    await chat.say(`status ${first}`);
    expect(chat.text()).toMatch(/tidak ditemukan/);
    await chat.say(`status ${second}`);
    expect(chat.last.prompt).toMatchObject({ flow: 'status', step: 'next_action' });
    t.clock.now += 8 * DAY;
    expect((await t.app.retention.runOnce()).erasedOnRequest).toHaveLength(1);
    // On SQLite the words are in files under DATA_DIR: only the kept case's remain.
    if (t.app.storage.sqlite) expect(wordsOnDisk(t.dir, WORDS)).toEqual({ [WORDS[1]]: expect.any(Array) });
    expect(await rawSql(t.app).get('select count(*) as n from tips')).toEqual({ n: 1 });
  });
});
