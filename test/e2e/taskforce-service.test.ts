/**
 * The whole service with Telegram on a Bot API emulator (real grammY client, real HTTP):
 * urgent tips reach the task-force group, only officers act on them, escalation fires on an
 * injected clock, and officer replies — in the group, or privately to the details message or a
 * forwarded follow-up — reach a reporter only if the reporter opted in and their channel can push.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { webChat } from '../helpers/app.js';
import type { RecordedCall, Update } from '../helpers/bot-api-emulator.js';
import { deliver, type EmulatorService, startEmulatorService, stopEmulatorService } from '../helpers/emulator-service.js';
import { rawSql } from '../helpers/raw-sql.js';

const GROUP = -100777;
const OFFICER = { id: 7001, is_bot: false, first_name: 'Bripka Sari' };
const STRANGER = { id: 9999, is_bot: false, first_name: 'Orang Lain' };
const ADMIN = 'admin-token-'.padEnd(32, 'k');
const RECEIPT = /KODE TANDA TERIMA: ([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})/;

type Service = EmulatorService;
let s: Service | undefined;

function start(): Promise<Service> {
  return startEmulatorService({ dirPrefix: 'waspada-tf-', env: { TASKFORCE_TELEGRAM_CHAT_ID: String(GROUP), TASKFORCE_OFFICER_IDS: String(OFFICER.id), ESCALATE_AFTER_MINUTES: '15', ADMIN_TOKEN: ADMIN } });
}

afterEach(async () => {
  await stopEmulatorService(s);
  s = undefined;
});

/** A reporter answering with buttons (ids in callback data) and text. */
async function urgentReport(svc: Service, chatId: number, mayContact: 'yes' | 'no'): Promise<string> {
  const press = (id: string) => deliver(svc, svc.emu.callbackQuery(chatId, `c:${id}`, 1));
  const say = (text: string) => deliver(svc, svc.emu.textMessage(chatId, text));
  const mark = svc.emu.mark();
  await say('/start');
  await press('report');
  await press('family_friend');
  await press('domestic_work');
  await press('sanggau');
  await say('Kuching');
  await say('Pak <Budi> & co, 0813-9999-0000');
  await say('Kakak saya dikurung di rumah agen, paspornya ditahan, besok mau dibawa lewat jalan tikus Entikong');
  await press('skip');
  await press('yes');
  await press('holding_house');
  await press('one');
  await press('now');
  await press('no');
  await press('yes');
  await press(mayContact);
  await press('confirm');
  const text = svc.emu.calls
    .filter((c) => c.seq >= mark && c.method === 'sendMessage' && String(c.params.chat_id) === String(chatId))
    .map((c) => String(c.params.text))
    .join('\n');
  const receipt = text.match(RECEIPT)?.[1];
  expect(receipt, text).toBeDefined();
  return receipt as string;
}

/** An officer's message that replies to one of the bot's messages (in the group or in private). */
function replyTo(svc: Service, chat: { id: number; type: 'private' | 'supergroup' }, messageId: number, text: string, from = OFFICER): Update {
  const update = svc.emu.textMessage(chat.id, text, { chatType: chat.type, from });
  (update.message as Record<string, unknown>).reply_to_message = {
    message_id: messageId,
    date: 0,
    chat: chat.type === 'private' ? { id: chat.id, type: 'private', first_name: from.first_name } : { id: chat.id, type: chat.type, title: 'Satgas TPPO' },
    from: { id: 123, is_bot: true, first_name: 'Waspada' },
    text: 'Waspada',
  };
  return update;
}

/** The first message the bot sent to `chatId` after `mark` that satisfies `pred`. */
const sentTo = (svc: Service, chatId: number | string, pred: (text: string) => boolean, since = 0) =>
  svc.emu.waitFor((c) => c.method === 'sendMessage' && c.status === 200 && String(c.params.chat_id) === String(chatId) && pred(String(c.params.text)), {
    since,
    timeoutMs: 10_000,
  });

/** The officer claims the tip from the group alert; resolves with the private details message. */
async function claim(svc: Service, tipId: string, alertId: number): Promise<RecordedCall> {
  await deliver(svc, svc.emu.callbackQuery(GROUP, `a:claim:${tipId}`, alertId, { chatType: 'supergroup', from: OFFICER }));
  const details = await sentTo(svc, OFFICER.id, (t) => t.includes(tipId));
  // The details message is remembered in the delivery's commit, just after Telegram answered: an
  // officer replies seconds later, the test at once, so it waits for that commit (PostgreSQL).
  for (let i = 0; i < 100; i++) {
    const row = await rawSql(svc.app).get("select count(*) as n from alert_messages where kind = 'details' and tip_id = ?", tipId);
    if (row?.n) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return details;
}

const messageIdOf = (c: RecordedCall) => (c.result as { message_id: number }).message_id;

const toGroup = (c: RecordedCall) => c.method === 'sendMessage' && c.status === 200 && String(c.params.chat_id) === String(GROUP);

describe('task-force alerts, whole service', () => {
  it('alerts the group once, refuses a stranger, lets an officer claim, and relays a reply to an opted-in reporter', async () => {
    s = await start();
    const svc = s;
    await urgentReport(svc, 555101, 'yes');
    const alert = await svc.emu.waitFor(toGroup, 10_000);
    const tip = (await rawSql(svc.app).get('select id, status, urgency from tips')) as { id: string; status: string; urgency: string };
    expect(tip.urgency).toBe('urgent');
    expect(String(alert.params.text)).toContain(tip.id);
    // Escaped user text, and nothing that identifies the reporter.
    expect(String(alert.params.text)).not.toContain('<Budi>');
    expect(String(alert.params.text)).not.toContain('555101');
    const alertId = (alert.result as { message_id: number }).message_id;

    // A stranger's press changes nothing.
    await deliver(svc, svc.emu.callbackQuery(GROUP, `a:claim:${tip.id}`, alertId, { chatType: 'supergroup', from: STRANGER }));
    const refusal = svc.emu.callsTo('answerCallbackQuery').at(-1);
    expect(String(refusal?.params.text ?? '')).not.toBe('');
    expect(((await rawSql(svc.app).get('select status from tips')) as { status: string }).status).toBe('new');

    // The officer claims: the alert shows the holder and the details go to the officer privately.
    await deliver(svc, svc.emu.callbackQuery(GROUP, `a:claim:${tip.id}`, alertId, { chatType: 'supergroup', from: OFFICER }));
    expect(((await rawSql(svc.app).get('select status, claimed_by from tips')) as Record<string, string>)).toEqual({ status: 'claimed', claimed_by: 'Bripka Sari' });
    await svc.emu.waitFor((c) => c.method === 'editMessageText' && String(c.params.text).includes('Bripka Sari'), 10_000);
    const details = await svc.emu.waitFor((c) => c.method === 'sendMessage' && c.status === 200 && String(c.params.chat_id) === String(OFFICER.id), 10_000);
    expect(String(details.params.text)).toContain('dikurung');
    const audit = (await rawSql(svc.app).all("select actor, action from audit_log where tip_id = ?", tip.id));
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ actor: `telegram:${OFFICER.id}` })]));

    // The officer answers by replying to the alert: the opted-in reporter receives it.
    const reply = svc.emu.textMessage(GROUP, 'Kami sudah menghubungi polsek Entikong. Tetap aman.', { chatType: 'supergroup', from: OFFICER });
    (reply.message as Record<string, unknown>).reply_to_message = {
      message_id: alertId,
      date: 0,
      chat: { id: GROUP, type: 'supergroup', title: 'Satgas TPPO' },
      from: { id: 123, is_bot: true, first_name: 'Waspada' },
      text: 'alert',
    };
    await deliver(svc, reply);
    const relayed = await svc.emu.waitFor(
      (c) => c.method === 'sendMessage' && c.status === 200 && String(c.params.chat_id) === '555101' && String(c.params.text).includes('polsek Entikong'),
      10_000,
    );
    expect(relayed).toBeDefined();
    // Closing the case in the officer API updates the group's alert too (no buttons left).
    const patch = await svc.app.inject({ method: 'PATCH', url: `/api/tips/${tip.id}`, headers: { authorization: `Bearer ${ADMIN}` }, payload: { status: 'closed' } });
    expect(patch.statusCode).toBe(200);
    const edited = await svc.emu.waitFor((c) => c.method === 'editMessageText' && c.status === 200 && String(c.params.text).includes('Ditutup'), 10_000);
    expect(Number(edited.params.message_id)).toBe(alertId);
    // Exactly one alert for this tip in the group.
    expect(svc.emu.calls.filter((c) => toGroup(c) && String(c.params.text).includes(tip.id) && !String(c.params.text).includes('ESKALASI'))).toHaveLength(1);
  });

  it('escalates an unclaimed urgent tip on the injected clock, and keeps a reply for a reporter who did not opt in', async () => {
    s = await start();
    const svc = s;
    const receipt = await urgentReport(svc, 555202, 'no');
    await svc.emu.waitFor(toGroup, 10_000);
    const tip = (await rawSql(svc.app).get('select id from tips')) as { id: string };
    expect(await svc.app.alerts.scheduleEscalations(svc.clock.now)).toBe(0);
    svc.clock.now += 16 * 60_000;
    expect(await svc.app.alerts.scheduleEscalations(svc.clock.now)).toBe(1);
    const esc = await svc.emu.waitFor((c) => toGroup(c) && String(c.params.text).includes('ESKALASI'), 10_000);
    expect(String(esc.params.text)).toContain(tip.id);

    // A reply through the alerts service waits: the reporter said "do not message me".
    const r = await svc.app.tipsRepository.reply(tip.id, { author: 'Bripka Sari', actor: 'officer:1:Bripka Sari', text: 'Mohon kirim alamat rumah agen.' }, svc.clock.now);
    expect(r?.delivered).toBe('waiting_for_reporter');
    const mark = svc.emu.mark();
    // The reporter checks the case with the receipt and reads the reply there.
    const press = (id: string) => deliver(svc, svc.emu.callbackQuery(555202, `c:${id}`, 1));
    await press('status');
    await deliver(svc, svc.emu.textMessage(555202, receipt));
    const seen = svc.emu.calls.filter((c) => c.seq >= mark && c.method === 'sendMessage' && String(c.params.chat_id) === '555202').map((c) => String(c.params.text)).join('\n');
    expect(seen, seen).toContain('Mohon kirim alamat rumah agen.');
    // …and it was never pushed before that.
    const pushedBefore = svc.emu.calls.filter((c) => c.seq < mark && String(c.params.chat_id) === '555202' && String(c.params.text).includes('alamat rumah agen'));
    expect(pushedBefore).toHaveLength(0);
  });

  it("relays an officer's private replies to the details message and to a forwarded follow-up", async () => {
    s = await start();
    const svc = s;
    const receipt = await urgentReport(svc, 555303, 'yes');
    const alertId = messageIdOf(await svc.emu.waitFor(toGroup, 10_000));
    const tip = (await rawSql(svc.app).get('select id from tips')) as { id: string };
    const details = await claim(svc, tip.id, alertId);
    const officerChat = { id: OFFICER.id, type: 'private' as const };

    // In the private chat with the bot, the officer replies to the details message.
    let mark = svc.emu.mark();
    await deliver(svc, replyTo(svc, officerChat, messageIdOf(details), 'Kami sudah menghubungi polsek Entikong.'));
    const first = await sentTo(svc, 555303, (t) => t.includes('polsek Entikong'), mark);
    expect(String(first.params.text)).toMatch(/^Pesan untuk laporan Anda:/);
    // The officer is told it went out, and gets no reporter menu.
    const ack = await sentTo(svc, OFFICER.id, (t) => t.includes('Terkirim'), mark);
    expect(ack.params.reply_parameters).toMatchObject({ message_id: expect.any(Number) });
    const toOfficer = svc.emu.calls.filter((c) => c.seq >= mark && c.method === 'sendMessage' && String(c.params.chat_id) === String(OFFICER.id));
    expect(toOfficer.map((c) => String(c.params.text))).toEqual([String(ack.params.text)]);

    // The reporter adds information with the receipt: it is forwarded to the officer holding the case…
    const press = (id: string) => deliver(svc, svc.emu.callbackQuery(555303, `c:${id}`, 1));
    await press('status');
    await deliver(svc, svc.emu.textMessage(555303, receipt));
    await press('add_info');
    mark = svc.emu.mark();
    await deliver(svc, svc.emu.textMessage(555303, 'Agennya sekarang minta uang tebusan 5 juta.'));
    const forwarded = await sentTo(svc, OFFICER.id, (t) => t.includes('tebusan'), mark);

    // …and the officer's private reply to that forwarded follow-up reaches the reporter too.
    mark = svc.emu.mark();
    await deliver(svc, replyTo(svc, officerChat, messageIdOf(forwarded), 'Jangan bayar. Kami datang besok pagi.'));
    await sentTo(svc, 555303, (t) => t.includes('Jangan bayar'), mark);
    await sentTo(svc, OFFICER.id, (t) => t.includes('Terkirim'), mark);
    const thread = (await rawSql(svc.app).all("select text from tip_messages where direction = 'out' order by id"));
    expect(thread).toEqual([{ text: 'Kami sudah menghubungi polsek Entikong.' }, { text: 'Jangan bayar. Kami datang besok pagi.' }]);
  });

  it('keeps a reply for a web reporter who opted in (the web cannot push) until their status check', async () => {
    s = await start();
    const svc = s;
    const chat = webChat(svc.app);
    await chat.start();
    for (const step of ['report', 'family_friend', 'domestic_work', 'sanggau']) await chat.choose(step);
    await chat.say('Kuching');
    await chat.say('Pak Budi, 0813-9999-0000');
    await chat.say('Kakak saya dikurung di rumah agen, paspornya ditahan, besok mau dibawa lewat jalan tikus Entikong');
    for (const step of ['skip', 'yes', 'holding_house', 'one', 'now', 'no', 'yes', 'yes']) await chat.choose(step);
    await chat.choose('confirm');
    const receipt = chat.text().match(/[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/)?.[0];
    expect(receipt, chat.text()).toBeDefined();
    const tip = (await rawSql(svc.app).get('select id, may_contact as "mayContact", channel from tips')) as { id: string; mayContact: number; channel: string };
    expect(tip).toMatchObject({ mayContact: 1, channel: 'web' });
    const alertId = messageIdOf(await svc.emu.waitFor(toGroup, 10_000));
    const details = await claim(svc, tip.id, alertId);

    // A private reply on Telegram: stored, and the officer is told it waits for the reporter.
    const mark = svc.emu.mark();
    await deliver(svc, replyTo(svc, { id: OFFICER.id, type: 'private' }, messageIdOf(details), 'Mohon kirim alamat rumah agen.'));
    await sentTo(svc, OFFICER.id, (t) => t.includes('Menunggu pelapor'), mark);
    // The officer API says the same.
    const api = await svc.app.inject({ method: 'POST', url: `/api/tips/${tip.id}/replies`, headers: { authorization: `Bearer ${ADMIN}` }, payload: { text: 'Kami juga bisa dihubungi lewat SAPA 129.' } });
    expect(api.statusCode).toBe(201);
    expect(api.json()).toMatchObject({ delivered: 'waiting_for_reporter' });
    // Nothing was queued that could never be delivered.
    expect((await rawSql(svc.app).get("select count(*) as n from outbox where kind = 'relay_reply'"))).toEqual({ n: 0 });

    // The reporter checks the case on the web and reads both replies there.
    await chat.choose('status');
    await chat.say(receipt as string);
    expect(chat.text()).toContain('Mohon kirim alamat rumah agen.');
    expect(chat.text()).toContain('SAPA 129');
  });

  it('spam and a second claim change nothing for others; group chatter and strangers never reach the reporter flow', async () => {
    s = await start();
    const svc = s;
    await urgentReport(svc, 555404, 'yes');
    const alertId = messageIdOf(await svc.emu.waitFor(toGroup, 10_000));
    const tip = (await rawSql(svc.app).get('select id from tips')) as { id: string };
    await claim(svc, tip.id, alertId);
    const status = async () => (await rawSql(svc.app).get('select status, claimed_by as "claimedBy" from tips'));

    // A second officer cannot take the case over (they are not on the list, so they are refused).
    let mark = svc.emu.mark();
    await deliver(svc, svc.emu.callbackQuery(GROUP, `a:claim:${tip.id}`, alertId, { chatType: 'supergroup', from: STRANGER }));
    expect(await status()).toEqual({ status: 'claimed', claimedBy: 'Bripka Sari' });

    // A stranger's reply to the alert and chatter in the group: no relay, no reporter menu.
    await deliver(svc, replyTo(svc, { id: GROUP, type: 'supergroup' }, alertId, 'halo', STRANGER));
    await deliver(svc, svc.emu.textMessage(GROUP, 'pagi semua', { chatType: 'supergroup', from: OFFICER }));
    const sent = svc.emu.calls.filter((c) => c.seq >= mark && c.method === 'sendMessage');
    expect(sent).toEqual([]);
    expect((await rawSql(svc.app).get("select count(*) as n from tip_messages where direction = 'out'"))).toEqual({ n: 0 });

    // The officer marks it spam: the alert loses its buttons and says so.
    mark = svc.emu.mark();
    await deliver(svc, svc.emu.callbackQuery(GROUP, `a:spam:${tip.id}`, alertId, { chatType: 'supergroup', from: OFFICER }));
    expect(await status()).toMatchObject({ status: 'spam' });
    const edit = await svc.emu.waitFor((c) => c.method === 'editMessageText' && c.status === 200 && String(c.params.text).includes('spam'), { since: mark, timeoutMs: 10_000 });
    expect(edit.params.reply_markup).toEqual({ inline_keyboard: [] });

    // A reporter's private chat still gets the reporter flow.
    mark = svc.emu.mark();
    await deliver(svc, svc.emu.textMessage(555404, 'menu'));
    await sentTo(svc, 555404, (t) => t.length > 0, mark);
  });
});
