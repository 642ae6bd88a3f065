/**
 * Erasure through the whole service: Telegram on the Bot API emulator (real grammY client),
 * SQLite in WAL mode on real files, the officer API over HTTP inject. A case with distinctive
 * words in its description, a follow-up, an officer reply and an evidence file is erased by an
 * admin; right after the API answers, none of the words is left in the database, its WAL or the
 * evidence directory, and the task force's Telegram messages about it are deleted. Retention
 * does the same for old closed cases, editing messages too old to delete.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ERASED_NOTICE } from '../../src/tips/erasure.js';
import type { RecordedCall } from '../helpers/bot-api-emulator.js';
import { wordsOnDisk } from '../helpers/disk-scan.js';
import { deliver, type EmulatorService, startEmulatorService, stopEmulatorService } from '../helpers/emulator-service.js';

const GROUP = -100777;
const OFFICER = { id: 7001, is_bot: false, first_name: 'Bripka Sari' };
const ADMIN = 'admin-token-'.padEnd(32, 'k');
const RECEIPT = /KODE TANDA TERIMA: ([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})/;
const DAY = 86_400_000;

type Service = EmulatorService;
let s: Service | undefined;

function start(): Promise<Service> {
  return startEmulatorService({ dirPrefix: 'waspada-erase-', emulatorOnClock: true, alerts: { worker: { pollMs: 30, random: () => 0 } }, env: { TASKFORCE_TELEGRAM_CHAT_ID: String(GROUP), TASKFORCE_OFFICER_IDS: String(OFFICER.id), ADMIN_TOKEN: ADMIN, RETENTION_DAYS: '365' } });
}

afterEach(async () => {
  await stopEmulatorService(s);
  s = undefined;
});

/** A tiny uncompressed PDF whose page says `word` (the bytes on disk contain it). */
function pdfSaying(word: string): Buffer {
  const content = `BT /F1 12 Tf 10 100 Td (${word}) Tj ET`;
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n` +
      `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >> endobj\n` +
      `4 0 obj << /Length ${content.length} >> stream\n${content}\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** An urgent report with a PDF as evidence; the reporter agrees to be messaged. Returns the receipt. */
async function urgentReport(svc: Service, chatId: number, words: { description: string; pdf: string }): Promise<string> {
  const press = (id: string) => deliver(svc, svc.emu.callbackQuery(chatId, `c:${id}`, 1));
  const say = (text: string) => deliver(svc, svc.emu.textMessage(chatId, text));
  const mark = svc.emu.mark();
  await say('/start');
  await press('report');
  await press('family_friend');
  await press('domestic_work');
  await press('sanggau');
  await say('Kuching');
  await say('Pak Budi, 0813-9999-0000');
  await say(`Kakak saya dikurung di rumah agen ${words.description}, paspornya ditahan, besok mau dibawa lewat jalan tikus`);
  const pdf = pdfSaying(words.pdf);
  const fileId = `PDF-${chatId}`;
  svc.emu.addFile(fileId, pdf);
  await deliver(svc, svc.emu.documentMessage(chatId, fileId, pdf.length, 'application/pdf', 'bukti.pdf'));
  await press('done');
  await press('yes');
  await press('holding_house');
  await press('one');
  await press('now');
  await press('no');
  await press('yes');
  await press('yes');
  await press('confirm');
  const text = svc.emu.calls
    .filter((c) => c.seq >= mark && c.method === 'sendMessage' && String(c.params.chat_id) === String(chatId))
    .map((c) => String(c.params.text))
    .join('\n');
  const receipt = text.match(RECEIPT)?.[1];
  expect(receipt, text).toBeDefined();
  return receipt as string;
}

const sentTo = (chat: number | string, includes: string) => (c: RecordedCall) =>
  c.method === 'sendMessage' && c.status === 200 && String(c.params.chat_id) === String(chat) && String(c.params.text).includes(includes);
const idOf = (c: RecordedCall) => (c.result as { message_id: number }).message_id;

/** Report, alert, claim (details in private), a follow-up (forwarded), an officer reply (relayed). */
async function caseWithEverything(svc: Service, chatId: number, w: { description: string; pdf: string; followup: string; reply: string }) {
  const receipt = await urgentReport(svc, chatId, w);
  const tipId = (svc.app.db.$client.prepare('select id from tips order by created_at desc, rowid desc').get() as { id: string }).id;
  const alert = await svc.emu.waitFor(sentTo(GROUP, tipId), 10_000);
  await deliver(svc, svc.emu.callbackQuery(GROUP, `a:claim:${tipId}`, idOf(alert), { chatType: 'supergroup', from: OFFICER }));
  const details = await svc.emu.waitFor(sentTo(OFFICER.id, w.description), 10_000);
  // The reporter adds information with the receipt; it is forwarded to the claiming officer.
  await deliver(svc, svc.emu.textMessage(chatId, `status ${receipt}`));
  await deliver(svc, svc.emu.callbackQuery(chatId, 'c:add_info', 1));
  await deliver(svc, svc.emu.textMessage(chatId, `Agennya bernama ${w.followup}`));
  const forwarded = await svc.emu.waitFor(sentTo(OFFICER.id, w.followup), 10_000);
  const reply = await svc.app.inject({
    method: 'POST',
    url: `/api/tips/${tipId}/replies`,
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: { text: `Kami sudah ke lokasi ${w.reply}` },
  });
  expect(reply.json()).toMatchObject({ delivered: 'queued' });
  await svc.emu.waitFor(sentTo(chatId, w.reply), 10_000);
  return { tipId, receipt, messages: [idOf(alert), idOf(details), idOf(forwarded)] as const };
}

describe('erasure, whole service', () => {
  it('an admin erase leaves none of the words in the db, the WAL or the evidence files, and deletes the Telegram messages', async () => {
    s = await start();
    const svc = s;
    const w = { description: 'ZEBRAKUNING', pdf: 'KURAKURAEMAS', followup: 'KELINCIUNGU', reply: 'MERPATIHIJAU' };
    const other = { description: 'BADAKPUTIH', pdf: 'GAJAHMERAH', followup: 'RUSABIRU', reply: 'ELANGHITAM' };
    const { tipId, receipt, messages } = await caseWithEverything(svc, 555301, w);
    await caseWithEverything(svc, 555302, other); // another case, untouched by the erase
    const words = Object.values(w);
    // The test can fail: before the erase every word is on disk somewhere.
    expect(Object.keys(wordsOnDisk(svc.dir, words)).sort()).toEqual([...words].sort());

    const res = await svc.app.inject({ method: 'DELETE', url: `/api/tips/${tipId}`, headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.json()).toEqual({ erased: tipId });
    // Right after the call returns: nothing of the case on disk, while the other case is intact.
    expect(wordsOnDisk(svc.dir, words)).toEqual({});
    expect(Object.keys(wordsOnDisk(svc.dir, Object.values(other))).sort()).toEqual(Object.values(other).sort());

    const db = svc.app.db.$client;
    const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;
    expect(count('select count(*) as n from tips')).toBe(1);
    expect(count('select count(*) as n from media')).toBe(1);
    expect(count('select count(*) as n from contacts')).toBe(1); // the other reporter's
    expect(count("select count(*) as n from conversations where state like ?", `%${tipId}%`)).toBe(0);
    expect(count('select count(*) as n from receipt_attempts where ok = 1')).toBe(1); // the other reporter's look-up

    // The receipt opens nothing any more.
    await deliver(svc, svc.emu.textMessage(555301, `status ${receipt}`));
    await svc.emu.waitFor(sentTo(555301, 'tidak ditemukan'), 10_000);

    // The group alert, the officer's details and the forwarded follow-up are deleted on Telegram.
    await svc.emu.waitForCount((c) => c.method === 'deleteMessage', 3);
    expect(svc.emu.message(GROUP, messages[0])?.deleted).toBe(true);
    expect(svc.emu.message(OFFICER.id, messages[1])?.deleted).toBe(true);
    expect(svc.emu.message(OFFICER.id, messages[2])?.deleted).toBe(true);
    // The outbox rows that did it carry no content either.
    expect(wordsOnDisk(svc.dir, words)).toEqual({});
  });

  it('retention redacts an old closed case the same way and edits Telegram messages too old to delete', async () => {
    s = await start();
    const svc = s;
    const w = { description: 'KOMODOBIRU', pdf: 'CENDRAWASIHUNGU', followup: 'ORANGUTANKUNING', reply: 'PESUTMERAH' };
    const { tipId, receipt, messages } = await caseWithEverything(svc, 555401, w);
    const close = await svc.app.inject({ method: 'PATCH', url: `/api/tips/${tipId}`, headers: { authorization: `Bearer ${ADMIN}` }, payload: { status: 'closed' } });
    expect(close.statusCode).toBe(200);
    await svc.emu.waitFor((c) => c.method === 'editMessageText' && String(c.params.text).includes('Ditutup'), 10_000);
    const words = Object.values(w);
    expect(Object.keys(wordsOnDisk(svc.dir, words)).sort()).toEqual([...words].sort());

    // One day short of the period: nothing happens.
    svc.clock.now += 365 * DAY - 60_000;
    expect((await svc.app.retention.runOnce()).redacted).toEqual([]);
    svc.clock.now += DAY;
    const run = await svc.app.retention.runOnce();
    expect(run).toMatchObject({ redacted: [tipId], filesRemoved: 1, checkpointed: true });
    expect(wordsOnDisk(svc.dir, words)).toEqual({});

    // Statistics keep the case; officers see it redacted; the receipt no longer opens it.
    const tip = await svc.app.inject({ url: `/api/tips/${tipId}`, headers: { authorization: `Bearer ${ADMIN}` } });
    expect(tip.json()).toMatchObject({ id: tipId, status: 'closed', urgency: 'urgent', regency: 'sanggau', description: null, messages: [], media: { count: 0 } });
    expect(tip.json().redactedAt).not.toBeNull();
    await deliver(svc, svc.emu.textMessage(555401, `status ${receipt}`));
    await svc.emu.waitFor(sentTo(555401, 'tidak ditemukan'), 10_000);

    // A year later Telegram refuses deletes: the messages become a content-free notice instead.
    await svc.emu.waitForCount((c) => c.method === 'editMessageText' && c.params.text === ERASED_NOTICE, 3);
    for (const [chat, id] of [[GROUP, messages[0]], [OFFICER.id, messages[1]], [OFFICER.id, messages[2]]] as const) {
      expect(svc.emu.message(chat, id)).toMatchObject({ deleted: false, text: ERASED_NOTICE });
    }
    expect(svc.emu.calls.filter((c) => c.method === 'deleteMessage')).toEqual([]);
  });
});
