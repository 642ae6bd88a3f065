/**
 * End to end with the real grammY client over HTTP against the Bot API emulator: an urgent tip
 * produces one task-force alert even when the Bot API fails (500, then 429 with retry_after)
 * and the process restarts in the middle — delivered exactly once.
 */
import { eq } from 'drizzle-orm';
import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertsService } from '../../src/alerts/alerts-service.js';
import { createOutboxWorker } from '../../src/alerts/outbox.js';
import { createChannelRegistry } from '../../src/channels/channel-registry.js';
import { createIdentity } from '../../src/conversations/identity.js';
import type { Db } from '../../src/storage/db.js';
import { alertMessages, outbox, } from '../../src/storage/schema.js';
import { fakeClock, GROUP, insertTip, SECRET, tempDb, testConfig, tipsRepositoryFor } from '../helpers/alerts-fixtures.js';
import { type BotApiEmulator, startBotApiEmulator } from '../helpers/bot-api-emulator.js';

let emu: BotApiEmulator | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  while (cleanups.length) cleanups.pop()?.();
  await emu?.close();
  emu = undefined;
});

describe('task-force alert through the Bot API emulator', () => {
  it('arrives exactly once despite 500s, a 429 and a restart', async () => {
    emu = await startBotApiEmulator();
    const t = tempDb();
    cleanups.push(t.cleanup);
    const clock = fakeClock(Date.UTC(2026, 2, 1, 3, 0));
    const config = testConfig({ TELEGRAM_BOT_TOKEN: emu.token, TELEGRAM_API_ROOT: emu.apiRoot });
    const boot = (db: Db) => {
      const api = new Api(emu!.token, { apiRoot: emu!.apiRoot });
      const channels = createChannelRegistry();
      const alerts = createAlertsService({ db, config, clock, identity: createIdentity(SECRET), channels, tips: tipsRepositoryFor(db, channels), telegramApi: api });
      const worker = createOutboxWorker({ db, clock, handlers: alerts.handlers, baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 });
      return { alerts, worker };
    };
    const sendAttempts = () => emu!.calls.filter((c) => c.method === 'sendMessage').length;

    emu.failNext('sendMessage', { status: 500 }, 2);
    emu.failNext('sendMessage', { status: 429, retry_after: 3 }, 1);

    // First life: the tip is stored and its alert enqueued in one transaction; delivery fails twice.
    const first = boot(t.db);
    insertTip(t.db, { id: 'TIP-URG1', createdAt: clock(), recruiter: 'Calo <Anton> & Co' });
    first.alerts.onTipCommitted(t.db, { id: 'TIP-URG1', urgency: 'urgent', complete: true }, clock());
    await first.worker.tick();
    clock.advance(10_000);
    await first.worker.tick();
    expect(sendAttempts()).toBe(2);
    expect(emu.callsTo('sendMessage')).toHaveLength(0);
    await first.worker.stop();
    t.db.$client.close(); // crash/restart

    // Second life on the same SQLite file: a 429 is honoured, then the alert is delivered once.
    const db2 = t.reopen();
    const second = boot(db2);
    clock.advance(10_000);
    await second.worker.tick();
    expect(sendAttempts()).toBe(3); // the 429
    clock.advance(2_999);
    await second.worker.tick();
    expect(sendAttempts()).toBe(3); // retry_after not yet over
    clock.advance(1);
    await second.worker.tick();
    for (let i = 0; i < 5; i++) {
      clock.advance(3_600_000);
      second.alerts.onTipCommitted(db2, { id: 'TIP-URG1', urgency: 'urgent', complete: true }, clock());
      await second.worker.tick();
    }

    const delivered = emu.callsTo('sendMessage');
    expect(delivered).toHaveLength(1);
    expect(String(delivered[0].params.chat_id)).toBe(GROUP);
    expect(delivered[0].params.parse_mode).toBe('HTML');
    expect(String(delivered[0].params.text)).toContain('Calo &lt;Anton&gt; &amp; Co');
    expect(JSON.stringify(delivered[0].params.reply_markup)).toContain('a:claim:TIP-URG1');
    const messageId = String((delivered[0].result as { message_id: number }).message_id);
    expect(db2.select().from(outbox).where(eq(outbox.idempotencyKey, 'alert:TIP-URG1')).get()).toMatchObject({
      status: 'delivered',
      attempts: 4,
      platformMessageId: messageId,
    });
    expect(db2.select().from(alertMessages).all()).toMatchObject([{ chatId: GROUP, messageId, tipId: 'TIP-URG1', kind: 'alert' }]);
  });

});
