/**
 * The emergency path, whole service: Telegram on the Bot API emulator (real grammY client, real
 * HTTP) for the reporter and the task-force group, the web chat over HTTP. Someone in danger now
 * gets 110 / SAPA 129 at once and the group gets ONE alert within seconds — from a web report left
 * unfinished right after "danger now: yes", and from `sos` typed in the middle of another flow.
 * A follow-up that makes a normal case urgent alerts once, saying what changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { webChat } from '../helpers/app.js';
import type { RecordedCall } from '../helpers/bot-api-emulator.js';
import { deliver, type EmulatorService, startEmulatorService, stopEmulatorService } from '../helpers/emulator-service.js';

const GROUP = -100555;
const RECEIPT = /(?:KODE TANDA TERIMA|RECEIPT CODE): ([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})/;

type Service = EmulatorService;
let s: Service | undefined;

function start(): Promise<Service> {
  return startEmulatorService({ dirPrefix: 'waspada-sos-', env: { TASKFORCE_TELEGRAM_CHAT_ID: String(GROUP), TASKFORCE_OFFICER_IDS: '7001', CONVERSATION_IDLE_MINUTES: '60' } });
}

afterEach(async () => {
  await stopEmulatorService(s);
  s = undefined;
});

const toGroup = (c: RecordedCall) => c.method === 'sendMessage' && String(c.params.chat_id) === String(GROUP);
const isAlert = (c: RecordedCall) => toGroup(c) && /MENDESAK/.test(String(c.params.text));
const groupAlerts = (svc: Service) => svc.emu.calls.filter((c) => c.status === 200 && isAlert(c));

/** Let the outbox finish everything due now, so "exactly one" is checked after all sends. */
async function drain(svc: Service): Promise<void> {
  for (let i = 0; i < 50 && (await svc.app.outboxWorker.counts()).pending > 0; i++) await svc.app.outboxWorker.tick();
  expect((await svc.app.outboxWorker.counts()).pending).toBe(0);
}

function repliesTo(svc: Service, chatId: number, since: number): string[] {
  return svc.emu.calls
    .filter((c) => c.seq >= since && c.method === 'sendMessage' && String(c.params.chat_id) === String(chatId))
    .map((c) => String(c.params.text));
}

/** A web report from Sambas about someone else, answered up to (and including) its story. */
async function reportUpToStory(svc: EmulatorService, destination: string, story: string) {
  const chat = webChat(svc.app);
  await chat.start();
  for (const step of ['report', 'someone_else', 'job_abroad']) await chat.choose(step);
  await chat.say('Sambas');
  await chat.say(destination);
  await chat.choose('skip');
  await chat.say(story);
  return chat;
}

describe('emergency path, whole service', () => {
  it('a web report left right after "danger now: yes" alerts the group once, at once; 110 and 129 come next', async () => {
    s = await start();
    const svc = s;
    const chat = await reportUpToStory(svc, 'Kuching', 'Ditawari kerja di kedai makan, sekarang tidak ada kabar');
    await chat.choose('skip');
    const danger = await chat.choose('yes');
    // The very next reply names the police and SAPA 129, before the report goes on.
    expect(danger.replies[0].text).toMatch(/110[\s\S]*SAPA 129/);
    expect(danger.prompt.step).toBe('where_now');

    // The reporter stops here. The group gets the alert within seconds, without waiting for anything.
    const alert = await svc.emu.waitFor(isAlert, 5000);
    const tip = svc.app.db.$client.prepare('select id, urgency, complete from tips').get() as { id: string; urgency: string; complete: number };
    expect(tip).toMatchObject({ urgency: 'urgent', complete: 0 });
    expect(String(alert.params.text)).toContain(tip.id);
    expect(String(alert.params.text)).toContain('ada yang dalam bahaya sekarang');
    expect(String(alert.params.text)).not.toContain('danger_now');

    // An hour later the abandoned report is kept as an incomplete tip: the alert is edited, not re-sent.
    svc.clock.now += 61 * 60_000;
    await svc.app.conversations.expireIdle();
    await drain(svc);
    expect(groupAlerts(svc)).toHaveLength(1);
    expect(svc.app.db.$client.prepare('select count(*) as n from tips').get()).toEqual({ n: 1 });
  });

  it('sos typed in the middle of another flow: numbers first, one alert at once, three questions, a receipt', async () => {
    s = await start();
    const svc = s;
    const me = 424242;
    const say = (text: string) => deliver(svc, svc.emu.textMessage(me, text));
    const press = (id: string) => deliver(svc, svc.emu.callbackQuery(me, `c:${id}`, 1));
    await say('/start');
    await press('check_agency');
    const before = svc.emu.mark();
    await say('SOS');
    const first = repliesTo(svc, me, before);
    expect(first[0]).toMatch(/110/);
    expect(first[0]).toMatch(/SAPA 129[\s\S]*08111-129-129/);

    // The alert does not wait for the questions.
    const alert = await svc.emu.waitFor(isAlert, 5000);
    expect(String(alert.params.text)).toContain('darurat');
    await press('holding_house');
    await press('more_than_five');
    const end = svc.emu.mark();
    await press('no');
    expect(repliesTo(svc, me, end).join('\n')).toMatch(RECEIPT);

    await drain(svc);
    expect(groupAlerts(svc)).toHaveLength(1);
    const tip = svc.app.db.$client.prepare('select urgency, answers from tips').get() as { urgency: string; answers: string };
    expect(tip.urgency).toBe('urgent');
    expect(JSON.parse(tip.answers)).toMatchObject({ where_now: 'holding_house', people_count: 'more_than_five', may_contact: 'no' });
    // The alert said "incomplete" at first; once the three answers are in it is edited, not re-sent.
    expect(String(alert.params.text)).toContain('belum lengkap');
    const edits = svc.emu.callsTo('editMessageText').filter((c) => String(c.params.chat_id) === String(GROUP));
    expect(edits.length).toBeGreaterThan(0);
    expect(String(edits.at(-1)?.params.text)).not.toContain('belum lengkap');
    // Officers see where and how many, in words (summary fields only: nothing about the reporter).
    expect(String(edits.at(-1)?.params.text)).toContain('Di mana sekarang</b>: Di penampungan / rumah agen');
    expect(String(edits.at(-1)?.params.text)).toContain('Jumlah orang</b>: Lebih dari 5 orang');
    // /sos is offered in the Telegram command menu.
    expect(JSON.stringify(svc.emu.commands())).toContain('"sos"');
  });

  it('a follow-up that makes a normal case urgent alerts exactly once and says what changed', async () => {
    s = await start();
    const svc = s;
    const chat = await reportUpToStory(svc, 'Malaysia', 'Ditawari kerja di kebun sawit di Malaysia oleh calo, katanya lewat jalan tikus, diminta bayar 2 juta');
    await chat.choose('skip');
    for (const c of ['no', 'home_area', 'one', 'unknown', 'no', 'no', 'no']) await chat.choose(c);
    const done = await chat.choose('confirm');
    const receipt = done.replies.map((r) => r.text).join('\n').match(RECEIPT)?.[1];
    expect(receipt).toBeDefined();
    await drain(svc);
    expect((svc.app.db.$client.prepare('select urgency from tips').get() as { urgency: string }).urgency).toBe('normal');
    expect(groupAlerts(svc)).toHaveLength(0);

    // Alone, "berangkat besok malam" is mild; with the case (an irregular route) it is urgent.
    await chat.say(`status ${receipt}`);
    await chat.choose('add_info');
    await chat.say('Dia berangkat besok malam');
    const alert = await svc.emu.waitFor(isAlert, 5000);
    expect(String(alert.params.text)).toMatch(/Naik menjadi mendesak setelah informasi tambahan dari pelapor: [^\n]*segera (?:di)?berangkat/);
    expect((svc.app.db.$client.prepare('select urgency from tips').get() as { urgency: string }).urgency).toBe('urgent');

    // More information later never alerts again.
    await chat.choose('add_info');
    await chat.say('Sekarang dia dikurung di rumah agen, paspornya ditahan');
    await drain(svc);
    expect(groupAlerts(svc)).toHaveLength(1);
  });
});
