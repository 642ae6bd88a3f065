import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFlowSet } from '../../../flows/index.js';
import { createAlertsService, digestSlot, escalationNumber, type TaskforceApi } from '../../../src/alerts/alerts-service.js';
import { createOutboxWorker, enqueue } from '../../../src/alerts/outbox.js';
import { type ChannelPort, createChannelRegistry } from '../../../src/channels/channel-registry.js';
import { createIdentity } from '../../../src/conversations/identity.js';
import type { Outbound } from '../../../src/messages.js';
import { audit } from '../../../src/officers/audit.js';
import { tx } from '../../../src/storage/db.js';
import { alertMessages, outbox, tipMessages, tips } from '../../../src/storage/schema.js';
import { fakeClock, GROUP, insertContact, insertTip, linkTips, SECRET, tempDb, testConfig, tipsRepositoryFor } from '../../helpers/alerts-fixtures.js';

const MIN = 60_000;
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

type Sent = { method: string; chatId: string; text: string; other: Record<string, unknown> };

function fakeTelegram() {
  const sent: Sent[] = [];
  let next = 100;
  const api = {
    async sendMessage(chatId: string | number, text: string, other: Record<string, unknown> = {}) {
      sent.push({ method: 'sendMessage', chatId: String(chatId), text, other });
      return { message_id: next++ };
    },
    async editMessageText(chatId: string | number, messageId: number, text: string, other: Record<string, unknown> = {}) {
      sent.push({ method: 'editMessageText', chatId: String(chatId), text, other: { ...other, messageId } });
      return true;
    },
  };
  return { api: api as unknown as TaskforceApi, sent };
}

function fakePort(channel: ChannelPort['channel']) {
  const sends: Array<{ address: string; outputs: Outbound[] }> = [];
  const port: ChannelPort = {
    channel,
    status: () => 'up',
    async send(address, outputs) {
      sends.push({ address, outputs });
      return [`${channel}-${sends.length}`];
    },
  };
  return { port, sends };
}

function setup(env: Record<string, string> = {}, start = Date.UTC(2026, 2, 1, 3, 0)) {
  const t = tempDb();
  cleanups.push(t.cleanup);
  const clock = fakeClock(start);
  const config = testConfig(env);
  const identity = createIdentity(SECRET);
  const channels = createChannelRegistry();
  const tg = fakeTelegram();
  const tips = tipsRepositoryFor(t.db, channels);
  const alerts = createAlertsService({ db: t.db, config, clock, identity, channels, tips, telegramApi: tg.api, reporterCatalogs: loadFlowSet().catalogs });
  const worker = createOutboxWorker({ db: t.db, clock, handlers: alerts.handlers, random: () => 0 });
  return { ...t, clock, config, identity, channels, tg, tips, alerts, worker };
}

const keys = (s: ReturnType<typeof setup>) => s.db.select({ k: outbox.idempotencyKey }).from(outbox).all().map((r) => r.k);

describe('onTipCommitted', () => {
  it('enqueues one alert per urgent tip, nothing for normal tips', () => {
    const s = setup();
    insertTip(s.db, { id: 'U1', complete: false, createdAt: s.clock() });
    insertTip(s.db, { id: 'N1', urgency: 'normal', createdAt: s.clock() });
    tx(s.db, () => s.alerts.onTipCommitted(s.db, { id: 'U1', urgency: 'urgent', complete: false }, s.clock()));
    tx(s.db, () => s.alerts.onTipCommitted(s.db, { id: 'U1', urgency: 'urgent', complete: false }, s.clock()));
    tx(s.db, () => s.alerts.onTipCommitted(s.db, { id: 'N1', urgency: 'normal' }, s.clock()));
    expect(keys(s)).toEqual(['alert:U1']);
    // The report completes after the early alert: the alert is updated, not sent again.
    tx(s.db, () => s.alerts.onTipCommitted(s.db, { id: 'U1', urgency: 'urgent', complete: true }, s.clock()));
    expect(keys(s)).toEqual(['alert:U1', 'alert_update:U1:submitted']);
  });

  it('also alerts the WhatsApp group when configured, and nothing when no chat is configured', () => {
    const s = setup({ TASKFORCE_WHATSAPP_JID: '120363000000000000@g.us' });
    insertTip(s.db, { id: 'U1' });
    s.alerts.onTipCommitted(s.db, { id: 'U1', urgency: 'urgent' }, 0);
    expect(keys(s)).toEqual(['alert:U1', 'alert_wa:U1']);

    const bare = setup({ TASKFORCE_TELEGRAM_CHAT_ID: '' });
    insertTip(bare.db, { id: 'U1' });
    bare.alerts.onTipCommitted(bare.db, { id: 'U1', urgency: 'urgent' }, 0);
    expect(keys(bare)).toEqual([]);
  });
});

describe('delivery handlers', () => {
  it('sends the alert to the task-force group in HTML with buttons and remembers the message', async () => {
    const s = setup();
    insertTip(s.db, { id: 'U1', recruiter: '<Agen> & co' });
    insertTip(s.db, { id: 'U0', urgency: 'normal' });
    linkTips(s.db, 'phone', '62812', 'U0', 'U1');
    s.alerts.onTipCommitted(s.db, { id: 'U1', urgency: 'urgent' }, s.clock());
    await s.worker.tick();
    expect(s.tg.sent).toHaveLength(1);
    const [m] = s.tg.sent;
    expect(m.chatId).toBe(GROUP);
    expect(m.other.parse_mode).toBe('HTML');
    expect(m.text).toContain('&lt;Agen&gt; &amp; co');
    expect(m.text).toContain('Laporan terkait</b>: 1');
    expect(m.text).not.toContain('hash-U1');
    expect(m.text).not.toContain('pseudo-U1');
    expect(JSON.stringify(m.other.reply_markup)).toContain('a:claim:U1');
    expect(s.db.select().from(alertMessages).all()).toMatchObject([{ chatId: GROUP, messageId: '100', tipId: 'U1', kind: 'alert' }]);
    expect(s.db.select().from(outbox).get()).toMatchObject({ status: 'delivered', platformMessageId: '100' });

    // Report completed later: the same message is edited.
    s.alerts.onTipCommitted(s.db, { id: 'U1', urgency: 'urgent', complete: true }, s.clock());
    await s.worker.tick();
    expect(s.tg.sent.map((x) => x.method)).toEqual(['sendMessage', 'editMessageText']);
    expect(s.tg.sent[1].other.messageId).toBe(100);
  });

  it('sends the WhatsApp alert through the channel port', async () => {
    const s = setup({ TASKFORCE_WHATSAPP_JID: '120363000000000000@g.us' });
    const wa = fakePort('whatsapp');
    s.channels.register(wa.port);
    insertTip(s.db, { id: 'U1' });
    s.alerts.onTipCommitted(s.db, { id: 'U1', urgency: 'urgent' }, s.clock());
    await s.worker.tick();
    expect(wa.sends).toHaveLength(1);
    expect(wa.sends[0].address).toBe('120363000000000000@g.us');
    expect((wa.sends[0].outputs[0] as { text: string }).text).toContain('MENDESAK');
  });

  it('relays an officer reply to the reporter only when they allowed contact', async () => {
    const s = setup();
    const tgPort = fakePort('telegram');
    s.channels.register(tgPort.port);
    insertTip(s.db, { id: 'YES', mayContact: true, pseudonym: 'p-yes' });
    insertTip(s.db, { id: 'NO', mayContact: false, pseudonym: 'p-no' });
    insertContact(s.db, 'p-yes', 'telegram', s.identity.encryptAddress('55501'));
    insertContact(s.db, 'p-no', 'telegram', s.identity.encryptAddress('55502'));

    const yes = await s.tips.reply('YES', { author: 'Sari', actor: 'telegram:111', text: 'Kami segera ke lokasi.' }, s.clock());
    const no = await s.tips.reply('NO', { author: 'Sari', actor: 'telegram:111', text: 'Mohon info alamat.' }, s.clock());
    expect(yes?.delivered).toBe('queued');
    expect(no?.delivered).toBe('waiting_for_reporter');
    await s.worker.tick();

    expect(tgPort.sends).toEqual([
      { address: '55501', outputs: [{ kind: 'text', text: 'Pesan untuk laporan Anda:\n\nKami segera ke lokasi.' }] },
    ]);
    const delivered = s.db.select({ tipId: tipMessages.tipId, delivered: tipMessages.delivered, author: tipMessages.author }).from(tipMessages).all();
    expect(delivered).toEqual([
      { tipId: 'YES', delivered: true, author: 'Sari' },
      { tipId: 'NO', delivered: false, author: 'Sari' },
    ]);
    expect(s.tg.sent).toEqual([]); // nothing about a relay reaches the group

    // Even a queued relay is held back if the reporter has not allowed contact (never contact first).
    enqueue(s.db, { kind: 'relay_reply', payload: { tipMessageId: no!.tipMessageId }, idempotencyKey: 'relay:manual', now: s.clock() });
    await s.worker.tick();
    expect(tgPort.sends).toHaveLength(1);
  });

  it('forwards a reporter follow-up to the holder privately, or to the group without text when unclaimed', async () => {
    const s = setup();
    insertTip(s.db, { id: 'C1', status: 'claimed', claimedBy: 'Sari' });
    insertTip(s.db, { id: 'U1' });
    audit(s.db, { now: 0, actor: 'telegram:111', action: 'tip.claim', tipId: 'C1' });
    s.alerts.onTipCommitted(s.db, { id: 'U1', urgency: 'urgent' }, s.clock());
    await s.worker.tick(); // the U1 alert, message 100
    const add = (tipId: string, text: string) =>
      s.db.insert(tipMessages).values({ tipId, direction: 'in', text, createdAt: s.clock() }).returning({ id: tipMessages.id }).get().id;
    s.alerts.onFollowUpCommitted(s.db, { tipId: 'C1', tipMessageId: add('C1', 'Mereka pindah ke <Serian>') }, s.clock());
    s.alerts.onFollowUpCommitted(s.db, { tipId: 'U1', tipMessageId: add('U1', 'rahasia') }, s.clock());
    await s.worker.tick();
    const [toHolder, toGroup] = s.tg.sent.slice(1);
    expect(toHolder.chatId).toBe('111');
    expect(toHolder.text).toContain('Mereka pindah ke &lt;Serian&gt;');
    expect(toGroup.chatId).toBe(GROUP);
    expect(toGroup.text).not.toContain('rahasia');
    expect(toGroup.other.reply_parameters).toMatchObject({ message_id: 100 });
  });
});

describe('escalation', () => {
  it('escalationNumber doubles the interval', () => {
    const e = 15 * MIN;
    expect([0, 14, 15, 29, 30, 59, 60, 120].map((m) => escalationNumber(m * MIN, e))).toEqual([0, 0, 1, 1, 2, 2, 3, 4]);
  });

  it('no escalation before N minutes, one at N, the next at 2N, none once claimed', async () => {
    const s = setup({ ESCALATE_AFTER_MINUTES: '15' });
    const t0 = s.clock();
    insertTip(s.db, { id: 'U1', createdAt: t0 });
    s.alerts.onTipCommitted(s.db, { id: 'U1', urgency: 'urgent' }, t0);
    const escalations = () => s.tg.sent.filter((m) => m.text.includes('ESKALASI'));
    const step = async (toMinute: number) => {
      s.clock.set(t0 + toMinute * MIN);
      s.alerts.scheduleEscalations(s.clock());
      await s.worker.tick();
    };
    await step(14);
    expect(s.tg.sent).toHaveLength(1); // the alert itself
    expect(escalations()).toHaveLength(0);
    await step(15);
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0].text).toContain('ESKALASI #1</b> — belum diklaim selama 15 menit');
    await step(16);
    await step(29);
    expect(escalations()).toHaveLength(1);
    await step(30);
    expect(escalations()).toHaveLength(2);
    expect(escalations()[1].text).toContain('ESKALASI #2');
    expect(s.db.select().from(alertMessages).where(eq(alertMessages.kind, 'escalation')).all()).toHaveLength(2);

    s.db.update(tips).set({ status: 'claimed', claimedBy: 'Sari' }).where(eq(tips.id, 'U1')).run();
    await step(60);
    await step(600);
    expect(escalations()).toHaveLength(2);
  });

  it('an escalation scheduled just before a claim is not sent', async () => {
    const s = setup();
    const t0 = s.clock();
    insertTip(s.db, { id: 'U1', createdAt: t0 });
    s.clock.set(t0 + 20 * MIN);
    s.alerts.scheduleEscalations(s.clock());
    s.db.update(tips).set({ status: 'claimed' }).where(eq(tips.id, 'U1')).run();
    await s.worker.tick();
    expect(s.tg.sent).toEqual([]);
  });
});

describe('digest', () => {
  it('digestSlot uses Asia/Pontianak (UTC+7)', () => {
    expect(digestSlot(Date.UTC(2026, 2, 1, 0, 59), 8)).toBeUndefined();
    expect(digestSlot(Date.UTC(2026, 2, 1, 1, 0), 8)).toEqual({ at: Date.UTC(2026, 2, 1, 1, 0), date: '2026-03-01' });
    // 18:00 UTC on 1 March is 01:00 on 2 March in Pontianak: before 08:00 there, so no new slot…
    expect(digestSlot(Date.UTC(2026, 2, 1, 18, 0), 8)).toBeUndefined();
    // …but DIGEST_HOUR=0 falls at 17:00 UTC of the previous UTC day.
    expect(digestSlot(Date.UTC(2026, 2, 1, 17, 0), 0)).toEqual({ at: Date.UTC(2026, 2, 1, 17, 0), date: '2026-03-02' });
  });

  it('sends one digest per local day at DIGEST_HOUR listing normal tips since the last one', async () => {
    const s = setup({ DIGEST_HOUR: '8' }, Date.UTC(2026, 2, 1, 0, 30)); // 07:30 WIB
    insertTip(s.db, { id: 'N1', urgency: 'normal', regency: 'Sintang', createdAt: Date.UTC(2026, 1, 28, 12, 0) });
    insertTip(s.db, { id: 'U1', urgency: 'urgent', createdAt: Date.UTC(2026, 1, 28, 13, 0) });
    insertTip(s.db, { id: 'S1', urgency: 'normal', status: 'spam', createdAt: Date.UTC(2026, 1, 28, 14, 0) });

    expect(s.alerts.scheduleDigest(s.clock())).toBe(false);
    s.clock.set(Date.UTC(2026, 2, 1, 1, 0)); // 08:00 WIB
    expect(s.alerts.scheduleDigest(s.clock())).toBe(true);
    expect(s.alerts.scheduleDigest(s.clock() + 5 * MIN)).toBe(false);
    insertTip(s.db, { id: 'N2', urgency: 'normal', createdAt: Date.UTC(2026, 2, 1, 2, 0) }); // after the cut-off
    await s.worker.tick();
    expect(keys(s)).toEqual(['digest:2026-03-01']);
    expect(s.tg.sent).toHaveLength(1);
    const first = s.tg.sent[0].text;
    expect(first).toContain('Ringkasan harian 2026-03-01');
    expect(first).toContain('#N1');
    expect(first).toContain('Sintang');
    expect(first).not.toContain('#U1');
    expect(first).not.toContain('#S1');
    expect(first).not.toContain('#N2');

    // Next day: the window starts where yesterday's ended.
    s.clock.set(Date.UTC(2026, 2, 2, 1, 0));
    expect(s.alerts.scheduleDigest(s.clock())).toBe(true);
    await s.worker.tick();
    const second = s.tg.sent[1].text;
    expect(second).toContain('Ringkasan harian 2026-03-02');
    expect(second).toContain('#N2');
    expect(second).not.toContain('#N1');

    // A day without normal tips: the day is marked done, but the group gets no empty message.
    s.clock.set(Date.UTC(2026, 2, 3, 1, 0));
    expect(s.alerts.scheduleDigest(s.clock())).toBe(true);
    await s.worker.tick();
    expect(s.tg.sent).toHaveLength(2);
    expect(keys(s)).toContain('digest:2026-03-03');
  });
});
