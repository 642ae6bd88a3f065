/**
 * Regency task forces, end to end: the whole service (buildApp, polling Telegram with the real grammY
 * client against the Bot API emulator), two routed regencies and the province. Reporters use the
 * web chat; alerts, button presses and escalations go through Telegram.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webChat } from '../../helpers/app.js';
import type { RecordedCall } from '../../helpers/bot-api-emulator.js';
import { deliver, type EmulatorService, startEmulatorService, stopEmulatorService } from '../../helpers/emulator-service.js';

const PROVINCE = -100777;
const SAMBAS = -100111;
const BENGKAYANG = -100222;
const PROVINCE_OFFICER = { id: 7001, is_bot: false, first_name: 'Kompol Rina' };
const SAMBAS_OFFICER = { id: 8101, is_bot: false, first_name: 'Bripka Sari' };
const BENGKAYANG_OFFICER = { id: 8201, is_bot: false, first_name: 'Aipda Joko' };
const STRANGER = { id: 9999, is_bot: false, first_name: 'Orang Lain' };

type Service = EmulatorService;
let s: Service | undefined;

afterEach(async () => {
  await stopEmulatorService(s);
  s = undefined;
});

function start(env: Record<string, string> = {}): Promise<Service> {
  return startEmulatorService({
    dirPrefix: 'waspada-routing-',
    // The test drives the outbox itself (drain) so "nothing else was sent" is a fact, not a race.
    alerts: { worker: { pollMs: 3_600_000, random: () => 0 }, scheduleEveryMs: 3_600_000 },
    env: (dir) => {
      const routesFile = join(dir, 'routes.json');
      writeFileSync(
        routesFile,
        JSON.stringify({
          sambas: { telegramChatId: String(SAMBAS), officerIds: [String(SAMBAS_OFFICER.id)] },
          bengkayang: { telegramChatId: String(BENGKAYANG), officerIds: [String(BENGKAYANG_OFFICER.id)] },
        }),
      );
      return {
        TASKFORCE_TELEGRAM_CHAT_ID: String(PROVINCE),
        TASKFORCE_OFFICER_IDS: String(PROVINCE_OFFICER.id),
        TASKFORCE_ROUTES_FILE: routesFile,
        ESCALATE_AFTER_MINUTES: '15',
        RATE_LIMIT_PER_MINUTE: '1000',
        ...env,
      };
    },
  });
}

/** Deliver every due outbox row (all sends finished when this returns). */
async function drain(svc: Service): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await svc.app.outboxWorker.tick();
    const due = svc.app.db.$client
      .prepare("select count(*) as n from outbox where status = 'pending' and next_attempt_at <= ?")
      .get(svc.clock.now) as { n: number };
    if (due.n === 0) return;
  }
  throw new Error('outbox did not drain');
}

/** An urgent report on the web chat from `regency`; returns the tip id. */
async function urgentReport(svc: Service, regency: string): Promise<string> {
  const chat = webChat(svc.app);
  await chat.start();
  await chat.choose('report');
  await chat.choose('someone_else');
  await chat.choose('job_abroad');
  await chat.choose(regency);
  await chat.say('Kuching');
  await chat.say('Pak Anton 0812-1111-2222');
  await chat.say('Adik saya dikurung di penampungan, paspornya ditahan agen, besok dibawa lewat jalan tikus');
  await chat.choose('skip');
  await chat.choose('yes');
  await chat.choose('holding_house');
  await chat.choose('skip');
  await chat.choose('now');
  await chat.choose('no');
  await chat.choose('yes');
  await chat.choose('no');
  await chat.choose('confirm');
  expect(chat.last.prompt.flow).not.toBe('report');
  const row = svc.app.db.$client.prepare('select id, urgency from tips where regency = ? order by created_at desc').get(regency) as {
    id: string;
    urgency: string;
  };
  expect(row.urgency).toBe('urgent');
  return row.id;
}

const sentTo = (svc: Service, chat: number): RecordedCall[] =>
  svc.emu.callsTo('sendMessage').filter((c) => String(c.params.chat_id) === String(chat));
const textsTo = (svc: Service, chat: number) => sentTo(svc, chat).map((c) => String(c.params.text));
const statusOf = (svc: Service, id: string) => (svc.app.db.$client.prepare('select status from tips where id = ?').get(id) as { status: string }).status;

describe('regency task forces (Bot API emulator, whole service)', () => {
  it('sends each urgent tip only to its own team, an unrouted one to the province; only the right officers may claim; escalation reaches the province once', async () => {
    s = await start();
    const svc = s;
    const sambasTip = await urgentReport(svc, 'sambas');
    const bengkayangTip = await urgentReport(svc, 'bengkayang');
    const pontianakTip = await urgentReport(svc, 'kota_pontianak');
    await drain(svc);

    const mentions = (chat: number) =>
      [sambasTip, bengkayangTip, pontianakTip].filter((id) => textsTo(svc, chat).some((t) => t.includes(id)));
    expect(mentions(SAMBAS)).toEqual([sambasTip]);
    expect(mentions(BENGKAYANG)).toEqual([bengkayangTip]);
    expect(mentions(PROVINCE)).toEqual([pontianakTip]);
    // One alert per team and tip, with its claim button.
    expect(sentTo(svc, SAMBAS)).toHaveLength(1);
    expect(JSON.stringify(sentTo(svc, SAMBAS)[0].params.reply_markup)).toContain(`a:claim:${sambasTip}`);

    // Bengkayang's officer presses Klaim on Sambas' alert: a polite refusal, nothing changes.
    const sambasAlert = (sentTo(svc, SAMBAS)[0].result as { message_id: number }).message_id;
    const press = (chat: number, tip: string, messageId: number, from: typeof STRANGER) =>
      deliver(svc, svc.emu.callbackQuery(chat, `a:claim:${tip}`, messageId, { chatType: 'supergroup', from }));
    await press(SAMBAS, sambasTip, sambasAlert, BENGKAYANG_OFFICER);
    const refusal = svc.emu.callsTo('answerCallbackQuery').at(-1)!;
    expect(refusal.params.show_alert).toBe(true);
    expect(String(refusal.params.text)).toContain('tim kabupaten/kota lain');
    expect(statusOf(svc, sambasTip)).toBe('new');
    await press(SAMBAS, sambasTip, sambasAlert, STRANGER);
    expect(String(svc.emu.callsTo('answerCallbackQuery').at(-1)!.params.text)).toContain('hanya untuk petugas');
    expect(statusOf(svc, sambasTip)).toBe('new');
    // …while Bengkayang's officer can claim Bengkayang's tip.
    const bengkayangAlert = (sentTo(svc, BENGKAYANG)[0].result as { message_id: number }).message_id;
    await press(BENGKAYANG, bengkayangTip, bengkayangAlert, BENGKAYANG_OFFICER);
    expect(statusOf(svc, bengkayangTip)).toBe('claimed');

    // Nobody claims Sambas' tip: after ESCALATE_AFTER_MINUTES it is escalated to the province, once.
    svc.clock.now += 14 * 60_000;
    await svc.app.alerts.scheduleEscalations(svc.clock.now);
    await drain(svc);
    expect(textsTo(svc, PROVINCE).filter((t) => t.includes('ESKALASI'))).toHaveLength(0);
    svc.clock.now += 2 * 60_000;
    await svc.app.alerts.scheduleEscalations(svc.clock.now);
    await svc.app.alerts.scheduleEscalations(svc.clock.now);
    await drain(svc);
    svc.clock.now += 60_000;
    await svc.app.alerts.scheduleEscalations(svc.clock.now);
    await drain(svc);
    const escalations = sentTo(svc, PROVINCE).filter((c) => String(c.params.text).includes('ESKALASI') && String(c.params.text).includes(sambasTip));
    expect(escalations).toHaveLength(1);
    expect(String(escalations[0].params.text)).toContain('Dari tim Sambas');
    // Claimed tips are not escalated, and regency teams get no escalation messages.
    expect(textsTo(svc, PROVINCE).some((t) => t.includes('ESKALASI') && t.includes(bengkayangTip))).toBe(false);
    expect(textsTo(svc, SAMBAS).some((t) => t.includes('ESKALASI'))).toBe(false);

    // The province claims it from the escalation message.
    const escId = (escalations[0].result as { message_id: number }).message_id;
    await press(PROVINCE, sambasTip, escId, PROVINCE_OFFICER);
    expect(statusOf(svc, sambasTip)).toBe('claimed');
    const audit = svc.app.db.$client.prepare("select actor from audit_log where tip_id = ? and action = 'tip.claim'").all(sambasTip);
    expect(audit).toEqual([{ actor: `telegram:${PROVINCE_OFFICER.id}` }]);
  });

  it('with TASKFORCE_PROVINCE_SEES_ALL the province gets a copy of every routed urgent alert, once', async () => {
    s = await start({ TASKFORCE_PROVINCE_SEES_ALL: 'true' });
    const svc = s;
    const sambasTip = await urgentReport(svc, 'sambas');
    await drain(svc);
    await svc.app.alerts.scheduleEscalations(svc.clock.now);
    await drain(svc);
    expect(textsTo(svc, SAMBAS).filter((t) => t.includes(sambasTip))).toHaveLength(1);
    expect(textsTo(svc, PROVINCE).filter((t) => t.includes(sambasTip))).toHaveLength(1);
    expect(textsTo(svc, BENGKAYANG)).toHaveLength(0);
    // The Sambas officer claims in the Sambas group: the province's copy shows the holder too.
    const alertId = (sentTo(svc, SAMBAS)[0].result as { message_id: number }).message_id;
    await deliver(svc, svc.emu.callbackQuery(SAMBAS, `a:claim:${sambasTip}`, alertId, { chatType: 'supergroup', from: SAMBAS_OFFICER }));
    expect(statusOf(svc, sambasTip)).toBe('claimed');
    await drain(svc);
    const copyId = (sentTo(svc, PROVINCE)[0].result as { message_id: number }).message_id;
    await svc.emu.waitFor(
      (c) => c.method === 'editMessageText' && String(c.params.chat_id) === String(PROVINCE) && c.params.message_id === copyId && String(c.params.text).includes('Bripka Sari'),
      5_000,
    );
  });
});
