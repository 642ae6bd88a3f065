/**
 * The alerts service on both backends (the storage port): what is enqueued for a tip, what each
 * handler sends, escalations and the digest — and, with two instances on one database, each
 * escalation scheduled and sent once. The relay test needs the tips repository, still on the
 * synchronous SQLite handle in this room's branch (#18 area A moves it): SQLite only until then.
 */
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFlowSet } from '../../../flows/index.js';
import { createAlertsService, digestSlot, escalationNumber, type TaskforceApi } from '../../../src/alerts/alerts-service.js';
import { createOutboxWorker, enqueueJob } from '../../../src/alerts/outbox.js';
import { type ChannelPort, createChannelRegistry } from '../../../src/channels/channel-registry.js';
import { createIdentity } from '../../../src/conversations/identity.js';
import type { Outbound } from '../../../src/messages.js';
import { recordAudit } from '../../../src/storage/audit-log.js';
import type { Storage } from '../../../src/storage/storage.js';
import { addTip, fakeClock, GROUP, SECRET, type TipInput, tempStorage, testConfig, tipsRepositoryOn } from '../../helpers/alerts-fixtures.js';

const MIN = 60_000;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
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

type Backend = 'sqlite' | 'postgres';

async function setup(backend: Backend, env: Record<string, string> = {}, start = Date.UTC(2026, 2, 1, 3, 0), st?: Storage) {
  const t = st ? undefined : await tempStorage(backend);
  if (t) cleanups.push(t.cleanup);
  const storage = st ?? (t as NonNullable<typeof t>).s;
  const clock = fakeClock(start);
  const config = testConfig(env);
  const identity = createIdentity(SECRET);
  const channels = createChannelRegistry();
  const tg = fakeTelegram();
  const tips = tipsRepositoryOn(storage, channels);
  const alerts = createAlertsService({ storage, config, clock, identity, channels, tips, telegramApi: tg.api, reporterCatalogs: loadFlowSet().catalogs });
  const worker = createOutboxWorker({ storage, clock, handlers: alerts.handlers, random: () => 0 });
  const st2 = storage;
  return {
    st: st2,
    another: t?.another,
    clock,
    config,
    identity,
    channels,
    tg,
    tips,
    alerts,
    worker,
    tip: (x: TipInput) => addTip(st2, x),
    commit: (tip: Parameters<typeof alerts.onTipCommitted>[1], now: number) => st2.tx((q) => alerts.onTipCommitted(q, tip, now)),
    link: (kind: string, value: string, ...tipIds: string[]) =>
      st2.tx(async (q) => {
        for (const tipId of tipIds) await q.insert(st2.t.tipLinks).values({ tipId, kind, value });
      }),
    setStatus: (id: string, status: string, claimedBy: string | null = null) =>
      st2.run((q) => q.update(st2.t.tips).set({ status, claimedBy }).where(eq(st2.t.tips.id, id))),
    select: (_table: 'outbox') => st2.run((q) => q.select().from(st2.t.outbox)),
  };
}

const keys = async (s: Awaited<ReturnType<typeof setup>>) =>
  (await s.st.run((q) => q.select({ k: s.st.t.outbox.idempotencyKey }).from(s.st.t.outbox).orderBy(asc(s.st.t.outbox.id)))).map((r) => r.k);

describe.each(['sqlite', 'postgres'] as const)('alerts on %s', (backend) => {
describe('onTipCommitted', () => {
  it('enqueues one alert per urgent tip, nothing for normal tips', async () => {
    const s = await setup(backend);
    await s.tip({ id: 'U1', complete: false, createdAt: s.clock() });
    await s.tip({ id: 'N1', urgency: 'normal', createdAt: s.clock() });
    await s.commit({ id: 'U1', urgency: 'urgent', complete: false }, s.clock());
    await s.commit({ id: 'U1', urgency: 'urgent', complete: false }, s.clock());
    await s.commit({ id: 'N1', urgency: 'normal' }, s.clock());
    expect(await keys(s)).toEqual(['alert:U1']);
    // The report completes after the early alert: the alert is updated, not sent again.
    await s.commit({ id: 'U1', urgency: 'urgent', complete: true }, s.clock());
    expect(await keys(s)).toEqual(['alert:U1', 'alert_update:U1:submitted']);
  });

  it('also alerts the WhatsApp group when configured, and nothing when no chat is configured', async () => {
    const s = await setup(backend, { TASKFORCE_WHATSAPP_JID: '120363000000000000@g.us' });
    await s.tip({ id: 'U1' });
    await s.commit({ id: 'U1', urgency: 'urgent' }, 0);
    expect(await keys(s)).toEqual(['alert:U1', 'alert_wa:U1']);

    const bare = await setup(backend, { TASKFORCE_TELEGRAM_CHAT_ID: '' });
    await bare.tip({ id: 'U1' });
    await bare.commit({ id: 'U1', urgency: 'urgent' }, 0);
    expect(await keys(bare)).toEqual([]);
  });
});

describe('delivery handlers', () => {
  it('sends the alert to the task-force group in HTML with buttons and remembers the message', async () => {
    const s = await setup(backend);
    await s.tip({ id: 'U1', recruiter: '<Agen> & co' });
    await s.tip({ id: 'U0', urgency: 'normal' });
    await s.link('phone', '62812', 'U0', 'U1');
    await s.commit({ id: 'U1', urgency: 'urgent' }, s.clock());
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
    expect(await s.st.run((q) => q.select().from(s.st.t.alertMessages))).toMatchObject([{ chatId: GROUP, messageId: '100', tipId: 'U1', kind: 'alert' }]);
    expect((await s.select('outbox'))[0]).toMatchObject({ status: 'delivered', platformMessageId: '100' });

    // Report completed later: the same message is edited.
    await s.commit({ id: 'U1', urgency: 'urgent', complete: true }, s.clock());
    await s.worker.tick();
    expect(s.tg.sent.map((x) => x.method)).toEqual(['sendMessage', 'editMessageText']);
    expect(s.tg.sent[1].other.messageId).toBe(100);
  });

  it('sends the WhatsApp alert through the channel port', async () => {
    const s = await setup(backend, { TASKFORCE_WHATSAPP_JID: '120363000000000000@g.us' });
    const wa = fakePort('whatsapp');
    s.channels.register(wa.port);
    await s.tip({ id: 'U1' });
    await s.commit({ id: 'U1', urgency: 'urgent' }, s.clock());
    await s.worker.tick();
    expect(wa.sends).toHaveLength(1);
    expect(wa.sends[0].address).toBe('120363000000000000@g.us');
    expect((wa.sends[0].outputs[0] as { text: string }).text).toContain('MENDESAK');
  });

  it('relays an officer reply to the reporter only when they allowed contact', async () => {
    const s = await setup(backend);
    const tgPort = fakePort('telegram');
    s.channels.register(tgPort.port);
    await s.tip({ id: 'YES', mayContact: true, pseudonym: 'p-yes' });
    await s.tip({ id: 'NO', mayContact: false, pseudonym: 'p-no' });
    for (const [pseudonym, address] of [['p-yes', '55501'], ['p-no', '55502']]) {
      const addressEnc = s.identity.encryptAddress(address);
      await s.st.run((q) => q.insert(s.st.t.contacts).values({ pseudonym, channel: 'telegram', addressEnc, createdAt: 0, updatedAt: 0 }));
    }

    const yes = await s.tips.reply('YES', { author: 'Sari', actor: 'telegram:111', text: 'Kami segera ke lokasi.' }, s.clock());
    const no = await s.tips.reply('NO', { author: 'Sari', actor: 'telegram:111', text: 'Mohon info alamat.' }, s.clock());
    expect(yes?.delivered).toBe('queued');
    expect(no?.delivered).toBe('waiting_for_reporter');
    await s.worker.tick();

    expect(tgPort.sends).toEqual([
      { address: '55501', outputs: [{ kind: 'text', text: 'Pesan untuk laporan Anda:\n\nKami segera ke lokasi.' }] },
    ]);
    const tm = s.st.t.tipMessages;
    const delivered = await s.st.run((q) => q.select({ tipId: tm.tipId, delivered: tm.delivered, author: tm.author }).from(tm).orderBy(asc(tm.id)));
    expect(delivered).toEqual([
      { tipId: 'YES', delivered: true, author: 'Sari' },
      { tipId: 'NO', delivered: false, author: 'Sari' },
    ]);
    expect(s.tg.sent).toEqual([]); // nothing about a relay reaches the group

    // Even a queued relay is held back if the reporter has not allowed contact (never contact first).
    await s.st.tx((q) => enqueueJob(s.st, q, { kind: 'relay_reply', payload: { tipMessageId: no!.tipMessageId }, idempotencyKey: 'relay:manual', now: s.clock() }));
    await s.worker.tick();
    expect(tgPort.sends).toHaveLength(1);
  });

  it('forwards a reporter follow-up to the holder privately, or to the group without text when unclaimed', async () => {
    const s = await setup(backend);
    await s.tip({ id: 'C1', status: 'claimed', claimedBy: 'Sari' });
    await s.tip({ id: 'U1' });
    await s.st.tx((q) => recordAudit(s.st, q, { now: 0, actor: 'telegram:111', action: 'tip.claim', tipId: 'C1' }));
    await s.commit({ id: 'U1', urgency: 'urgent' }, s.clock());
    await s.worker.tick(); // the U1 alert, message 100
    const tm = s.st.t.tipMessages;
    const followUp = (tipId: string, text: string) =>
      s.st.tx(async (q) => {
        const [m] = await q.insert(tm).values({ tipId, direction: 'in', text, createdAt: s.clock() }).returning({ id: tm.id });
        await s.alerts.onFollowUpCommitted(q, { tipId, tipMessageId: m.id }, s.clock());
      });
    await followUp('C1', 'Mereka pindah ke <Serian>');
    await followUp('U1', 'rahasia');
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
  it('escalationNumber doubles the interval', async () => {
    const e = 15 * MIN;
    expect([0, 14, 15, 29, 30, 59, 60, 120].map((m) => escalationNumber(m * MIN, e))).toEqual([0, 0, 1, 1, 2, 2, 3, 4]);
  });

  it('no escalation before N minutes, one at N, the next at 2N, none once claimed', async () => {
    const s = await setup(backend, { ESCALATE_AFTER_MINUTES: '15' });
    const t0 = s.clock();
    await s.tip({ id: 'U1', createdAt: t0 });
    await s.commit({ id: 'U1', urgency: 'urgent' }, t0);
    const escalations = () => s.tg.sent.filter((m) => m.text.includes('ESKALASI'));
    const step = async (toMinute: number) => {
      s.clock.set(t0 + toMinute * MIN);
      await s.alerts.scheduleEscalations(s.clock());
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
    expect(await s.st.run((q) => q.select().from(s.st.t.alertMessages).where(eq(s.st.t.alertMessages.kind, 'escalation')))).toHaveLength(2);

    await s.setStatus('U1', 'claimed', 'Sari');
    await step(60);
    await step(600);
    expect(escalations()).toHaveLength(2);
  });

  it('an escalation scheduled just before a claim is not sent', async () => {
    const s = await setup(backend);
    const t0 = s.clock();
    await s.tip({ id: 'U1', createdAt: t0 });
    s.clock.set(t0 + 20 * MIN);
    await s.alerts.scheduleEscalations(s.clock());
    await s.setStatus('U1', 'claimed');
    await s.worker.tick();
    expect(s.tg.sent).toEqual([]);
  });
});

describe('digest', () => {
  it('digestSlot uses Asia/Pontianak (UTC+7)', async () => {
    expect(digestSlot(Date.UTC(2026, 2, 1, 0, 59), 8)).toBeUndefined();
    expect(digestSlot(Date.UTC(2026, 2, 1, 1, 0), 8)).toEqual({ at: Date.UTC(2026, 2, 1, 1, 0), date: '2026-03-01' });
    // 18:00 UTC on 1 March is 01:00 on 2 March in Pontianak: before 08:00 there, so no new slot…
    expect(digestSlot(Date.UTC(2026, 2, 1, 18, 0), 8)).toBeUndefined();
    // …but DIGEST_HOUR=0 falls at 17:00 UTC of the previous UTC day.
    expect(digestSlot(Date.UTC(2026, 2, 1, 17, 0), 0)).toEqual({ at: Date.UTC(2026, 2, 1, 17, 0), date: '2026-03-02' });
  });

  it('sends one digest per local day at DIGEST_HOUR listing normal tips since the last one', async () => {
    const s = await setup(backend, { DIGEST_HOUR: '8' }, Date.UTC(2026, 2, 1, 0, 30)); // 07:30 WIB
    await s.tip({ id: 'N1', urgency: 'normal', regency: 'Sintang', createdAt: Date.UTC(2026, 1, 28, 12, 0) });
    await s.tip({ id: 'U1', urgency: 'urgent', createdAt: Date.UTC(2026, 1, 28, 13, 0) });
    await s.tip({ id: 'S1', urgency: 'normal', status: 'spam', createdAt: Date.UTC(2026, 1, 28, 14, 0) });

    expect(await s.alerts.scheduleDigest(s.clock())).toBe(false);
    s.clock.set(Date.UTC(2026, 2, 1, 1, 0)); // 08:00 WIB
    expect(await s.alerts.scheduleDigest(s.clock())).toBe(true);
    expect(await s.alerts.scheduleDigest(s.clock() + 5 * MIN)).toBe(false);
    await s.tip({ id: 'N2', urgency: 'normal', createdAt: Date.UTC(2026, 2, 1, 2, 0) }); // after the cut-off
    await s.worker.tick();
    expect(await keys(s)).toEqual(['digest:2026-03-01']);
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
    expect(await s.alerts.scheduleDigest(s.clock())).toBe(true);
    await s.worker.tick();
    const second = s.tg.sent[1].text;
    expect(second).toContain('Ringkasan harian 2026-03-02');
    expect(second).toContain('#N2');
    expect(second).not.toContain('#N1');

    // A day without normal tips: the day is marked done, but the group gets no empty message.
    s.clock.set(Date.UTC(2026, 2, 3, 1, 0));
    expect(await s.alerts.scheduleDigest(s.clock())).toBe(true);
    await s.worker.tick();
    expect(s.tg.sent).toHaveLength(2);
    expect(await keys(s)).toContain('digest:2026-03-03');
  });
});

  describe('two instances on one database', () => {
    it('schedule escalations and the digest once per period between them, and send each once', async () => {
      const a = await setup(backend, { ESCALATE_AFTER_MINUTES: '15', DIGEST_HOUR: '8' }, Date.UTC(2026, 2, 1, 1, 0)); // 08:00 WIB
      // PostgreSQL: a second handle, as a second instance holds. SQLite is one service per file
      // (its port serialises one process's transactions; two handles in one process would block
      // each other), so there the two services share the one handle.
      const b = await setup(backend, { ESCALATE_AFTER_MINUTES: '15', DIGEST_HOUR: '8' }, a.clock(), backend === 'postgres' ? a.another!() : a.st);
      const t0 = a.clock();
      await a.tip({ id: 'U1', createdAt: t0 - 20 * MIN });
      await a.tip({ id: 'U2', createdAt: t0 - 14 * MIN });
      await a.tip({ id: 'N1', urgency: 'normal', createdAt: t0 - 60 * MIN });
      // Both instances start at once: one of them takes this minute's pass.
      await Promise.all([a.alerts.start(MIN), b.alerts.start(MIN)]);
      a.alerts.stop();
      b.alerts.stop();
      expect((await keys(a)).sort()).toEqual(['digest:2026-03-01', 'escalation:U1:1']);

      // U2 turns 15 minutes old a minute later, but the period is taken: no instance escalates it yet.
      a.clock.set(t0 + 30_000);
      b.clock.set(t0 + 30_000);
      await b.alerts.start(MIN);
      b.alerts.stop();
      expect(await keys(a)).not.toContain('escalation:U2:1');
      // The next period: whichever instance runs first escalates U2, once.
      a.clock.set(t0 + MIN);
      b.clock.set(t0 + MIN);
      await Promise.all([b.alerts.start(MIN), a.alerts.start(MIN)]);
      a.alerts.stop();
      b.alerts.stop();
      expect((await keys(a)).filter((k) => k.startsWith('escalation:'))).toEqual(['escalation:U1:1', 'escalation:U2:1']);

      // Both workers deliver: every message reaches the group once.
      for (let i = 0; i < 3; i++) await Promise.all([a.worker.tick(), b.worker.tick()]);
      const texts = [...a.tg.sent, ...b.tg.sent].map((m) => m.text); // one Telegram group
      expect(texts.filter((t) => t.includes('ESKALASI') && t.includes('#U1'))).toHaveLength(1);
      expect(texts.filter((t) => t.includes('ESKALASI') && t.includes('#U2'))).toHaveLength(1);
      expect(texts.filter((t) => t.includes('Ringkasan harian 2026-03-01'))).toHaveLength(1);
    });
  });
});
