import { eq } from 'drizzle-orm';
import { Bot, type Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertsService } from '../../../src/alerts/alerts-service.js';
import { createOutboxWorker } from '../../../src/alerts/outbox.js';
import { createTaskforceComposer, TEXTS } from '../../../src/alerts/taskforce-composer.js';
import { type ChannelPort, createChannelRegistry } from '../../../src/channels/channel-registry.js';
import { createIdentity } from '../../../src/conversations/identity.js';
import { alertMessages, auditLog, outbox, tipMessages, tips } from '../../../src/storage/schema.js';
import { fakeClock, GROUP, insertContact, insertTip, OFFICER, SECRET, STRANGER, tempDb, testConfig } from '../../helpers/alerts-fixtures.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const botInfo: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: 'Waspada',
  username: 'waspada_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

type Call = { method: string; payload: Record<string, unknown> };

async function setup() {
  const t = tempDb();
  cleanups.push(t.cleanup);
  const clock = fakeClock(Date.UTC(2026, 2, 1, 3, 0));
  const config = testConfig();
  const identity = createIdentity(SECRET);
  const channels = createChannelRegistry();
  const calls: Call[] = [];
  let nextId = 500;
  const bot = new Bot<Context>(config.TELEGRAM_BOT_TOKEN!, { botInfo });
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    const p = payload as { chat_id?: number | string; text?: string };
    const result =
      method === 'sendMessage'
        ? { message_id: nextId++, date: 0, chat: { id: Number(p.chat_id), type: 'private' }, text: p.text }
        : true;
    return { ok: true, result } as never;
  });
  const alerts = createAlertsService({ db: t.db, config, clock, identity, channels, telegramApi: bot.api });
  bot.use(createTaskforceComposer({ db: t.db, config, clock, alerts }));
  const passedThrough: Update[] = [];
  bot.use((ctx) => {
    passedThrough.push(ctx.update);
  });
  const worker = createOutboxWorker({ db: t.db, clock, handlers: alerts.handlers });
  const relays: Array<{ address: string; text: string }> = [];
  const port: ChannelPort = {
    channel: 'telegram',
    status: () => 'up',
    async send(address, outputs) {
      for (const o of outputs) relays.push({ address, text: o.text });
      return ['r1'];
    },
  };
  channels.register(port);

  // An urgent tip whose alert is already in the group.
  insertTip(t.db, { id: 'T1', createdAt: clock(), pseudonym: 'p1' });
  insertContact(t.db, 'p1', 'telegram', identity.encryptAddress('777000'));
  alerts.onTipCommitted(t.db, { id: 'T1', urgency: 'urgent' }, clock());
  await worker.tick();
  const alertId = Number(t.db.select().from(alertMessages).get()!.messageId);
  calls.length = 0;

  let updateId = 1;
  const user = (id: number, first_name = `User${id}`) => ({ id, is_bot: false, first_name });
  const groupChat = { id: Number(GROUP), type: 'supergroup' as const, title: 'Satgas' };
  const press = (userId: number, data: string, first_name?: string) =>
    bot.handleUpdate({
      update_id: updateId++,
      callback_query: {
        id: `cq${updateId}`,
        from: user(userId, first_name),
        chat_instance: 'ci',
        data,
        message: { message_id: alertId, date: 0, chat: groupChat, text: 'alert' },
      },
    } as Update);
  const reply = (userId: number, chat: { id: number; type: string }, replyToId: number, text: string) =>
    bot.handleUpdate({
      update_id: updateId++,
      message: {
        message_id: 9000 + updateId,
        date: 0,
        chat,
        from: user(userId),
        text,
        reply_to_message: { message_id: replyToId, date: 0, chat, text: 'x' },
      },
    } as Update);
  const tip = () => t.db.select().from(tips).where(eq(tips.id, 'T1')).get()!;
  return { ...t, bot, calls, passedThrough, worker, press, reply, tip, alertId, groupChat, relays, clock };
}

describe('task-force composer', () => {
  it("a non-officer's press changes nothing and gets a polite refusal", async () => {
    const s = await setup();
    for (const action of ['claim', 'close', 'spam']) await s.press(STRANGER, `a:${action}:T1`);
    expect(s.tip()).toMatchObject({ status: 'new', claimedBy: null });
    expect(s.calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'answerCallbackQuery', 'answerCallbackQuery']);
    expect(s.calls[0].payload).toMatchObject({ text: TEXTS.notOfficer, show_alert: true });
    expect(s.db.select().from(auditLog).all()).toEqual([]);
    expect(s.db.select().from(outbox).all()).toHaveLength(1); // only the original alert
  });

  it('claim sets the holder, edits the alert, audits, and sends details privately', async () => {
    const s = await setup();
    await s.press(OFFICER, 'a:claim:T1', 'Sari');
    expect(s.tip()).toMatchObject({ status: 'claimed', claimedBy: 'Sari' });
    const edit = s.calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload).toMatchObject({ chat_id: GROUP, message_id: s.alertId, parse_mode: 'HTML' });
    expect(edit.payload.text).toContain('Ditangani oleh: Sari');
    expect(JSON.stringify(edit.payload.reply_markup)).not.toContain('a:claim');
    expect(s.db.select().from(auditLog).all()).toMatchObject([{ actor: `telegram:${OFFICER}`, action: 'tip.claim', tipId: 'T1' }]);

    s.calls.length = 0;
    await s.worker.tick();
    const details = s.calls.filter((c) => c.method === 'sendMessage');
    expect(details).toHaveLength(1);
    expect(details[0].payload.chat_id).toBe(String(OFFICER));
    expect(details[0].payload.text).toContain('Paspor adik saya ditahan agen'); // the description, privately
    expect(details[0].payload.text).not.toContain('hash-T1');
    expect(details[0].payload.text).not.toContain('p1');
    expect(s.db.select().from(alertMessages).where(eq(alertMessages.kind, 'details')).all()).toHaveLength(1);

    // A second officer cannot take it over.
    s.calls.length = 0;
    await s.press(222, 'a:claim:T1', 'Budi');
    expect(s.tip().claimedBy).toBe('Sari');
    expect(s.calls[0].payload.text).toBe(TEXTS.alreadyClaimed('Sari'));
  });

  it('close and spam update the status and drop the buttons', async () => {
    const s = await setup();
    await s.press(OFFICER, 'a:spam:T1');
    expect(s.tip().status).toBe('spam');
    const edit = s.calls.find((c) => c.method === 'editMessageText')!;
    expect(edit.payload.text).toContain('Ditandai spam');
    expect(edit.payload.reply_markup).toEqual({ inline_keyboard: [] });
    expect(s.db.select().from(auditLog).all()).toMatchObject([{ action: 'tip.spam' }]);
  });

  it("an officer's reply in the group is relayed when the reporter allowed contact", async () => {
    const s = await setup();
    s.db.update(tips).set({ mayContact: true }).where(eq(tips.id, 'T1')).run();
    await s.reply(OFFICER, s.groupChat, s.alertId, 'Tim kami menuju lokasi.');
    expect(s.calls.at(-1)?.payload.text).toBe(TEXTS.relayed);
    await s.worker.tick();
    expect(s.relays).toEqual([{ address: '777000', text: 'Pesan untuk laporan Anda:\n\nTim kami menuju lokasi.' }]);
    expect(s.db.select().from(tipMessages).all()).toMatchObject([{ direction: 'out', author: `User${OFFICER}`, delivered: true }]);
  });

  it("an officer's reply waits for the status check when the reporter did not allow contact", async () => {
    const s = await setup();
    await s.reply(OFFICER, s.groupChat, s.alertId, 'Mohon kirim lokasi.');
    expect(s.calls.at(-1)?.payload.text).toBe(TEXTS.waiting);
    await s.worker.tick();
    expect(s.relays).toEqual([]);
    expect(s.db.select().from(tipMessages).all()).toMatchObject([{ direction: 'out', text: 'Mohon kirim lokasi.', delivered: false }]);
  });

  it('replies to the private details message are relayed too', async () => {
    const s = await setup();
    s.db.update(tips).set({ mayContact: true }).where(eq(tips.id, 'T1')).run();
    await s.press(OFFICER, 'a:claim:T1', 'Sari');
    await s.worker.tick();
    const details = s.db.select().from(alertMessages).where(eq(alertMessages.kind, 'details')).get()!;
    await s.reply(OFFICER, { id: OFFICER, type: 'private' }, Number(details.messageId), 'Kami sudah di jalan.');
    await s.worker.tick();
    expect(s.relays.map((r) => r.text)).toEqual(['Pesan untuk laporan Anda:\n\nKami sudah di jalan.']);
  });

  it("non-officers' replies are ignored; group chatter never reaches the reporter flow; private chats pass through", async () => {
    const s = await setup();
    s.db.update(tips).set({ mayContact: true }).where(eq(tips.id, 'T1')).run();
    await s.reply(STRANGER, s.groupChat, s.alertId, 'halo');
    await s.bot.handleUpdate({
      update_id: 999,
      message: { message_id: 1, date: 0, chat: s.groupChat, from: { id: OFFICER, is_bot: false, first_name: 'S' }, text: 'pagi' },
    } as Update);
    expect(s.calls).toEqual([]);
    expect(s.db.select().from(tipMessages).all()).toEqual([]);
    await s.bot.handleUpdate({
      update_id: 1000,
      message: { message_id: 2, date: 0, chat: { id: 5, type: 'private', first_name: 'R' }, from: { id: 5, is_bot: false, first_name: 'R' }, text: 'menu' },
    } as Update);
    expect(s.calls).toEqual([]);
    expect(s.passedThrough.map((u) => u.update_id)).toEqual([1000]);
  });
});
