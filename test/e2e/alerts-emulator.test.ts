/**
 * End to end with the real grammY client over HTTP against the Bot API emulator, through
 * `buildApp`: an urgent tip produces one task-force alert even when the Bot API fails (500s past
 * the client's own retries, then a 429 with retry_after) and the service restarts in the middle —
 * delivered exactly once. The shipped client retries a 5xx 4 times (5 calls) and waits out a 429
 * itself; the outbox retries what the client gave up on, across the restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GROUP, insertTip } from '../helpers/alerts-fixtures.js';
import { type EmulatorService, startEmulatorService, stopEmulatorService } from '../helpers/emulator-service.js';

let s: EmulatorService | undefined;
afterEach(async () => {
  await stopEmulatorService(s);
  s = undefined;
});

/** The test drives the outbox (tick) on the injected clock; backoff 1 s doubling, no jitter spread. */
const options = {
  env: { TASKFORCE_TELEGRAM_CHAT_ID: GROUP },
  alerts: { worker: { pollMs: 3_600_000, baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 }, scheduleEveryMs: 3_600_000 },
};

describe('task-force alert through the Bot API emulator', () => {
  it('arrives exactly once despite 500s, a 429 and a restart', async () => {
    const first = await startEmulatorService(options);
    s = first;
    const { emu, clock } = first;
    const sendAttempts = () => emu.calls.filter((c) => c.method === 'sendMessage').length;
    emu.failNext('sendMessage', { status: 500 }, 10);
    emu.failNext('sendMessage', { status: 429, retry_after: 1 }, 1);

    // First life: the tip is stored and its alert enqueued; two outbox attempts fail (5 calls each).
    insertTip(first.app.storage.sqlite!, { id: 'TIP-URG1', createdAt: clock.now, recruiter: 'Calo <Anton> & Co' });
    await first.app.storage.tx((q) => first.app.alerts.onTipCommitted(q, { id: 'TIP-URG1', urgency: 'urgent', complete: true }, clock.now));
    await first.app.outboxWorker.tick();
    clock.now += 10_000;
    await first.app.outboxWorker.tick();
    expect(sendAttempts()).toBe(10);
    expect(emu.callsTo('sendMessage')).toHaveLength(0);
    await first.app.close(); // restart

    // Second life on the same SQLite file: the 429 is waited out, then the alert is delivered once.
    clock.now += 10_000;
    const second = await startEmulatorService({ ...options, restartOf: first });
    s = second;
    await second.app.outboxWorker.tick();
    expect(sendAttempts()).toBe(12); // the 429, then the send
    for (let i = 0; i < 5; i++) {
      clock.now += 3_600_000;
      await second.app.storage.tx((q) => second.app.alerts.onTipCommitted(q, { id: 'TIP-URG1', urgency: 'urgent', complete: true }, clock.now));
      await second.app.outboxWorker.tick();
    }

    const delivered = emu.callsTo('sendMessage');
    expect(delivered).toHaveLength(1);
    expect(String(delivered[0].params.chat_id)).toBe(GROUP);
    expect(delivered[0].params.parse_mode).toBe('HTML');
    expect(String(delivered[0].params.text)).toContain('Calo &lt;Anton&gt; &amp; Co');
    expect(JSON.stringify(delivered[0].params.reply_markup)).toContain('a:claim:TIP-URG1');
    const messageId = String((delivered[0].result as { message_id: number }).message_id);
    const db = second.app.storage.sqlite!.$client;
    expect(db.prepare("select status, attempts, platform_message_id as platformMessageId from outbox where idempotency_key = 'alert:TIP-URG1'").get()).toEqual({
      status: 'delivered',
      attempts: 3,
      platformMessageId: messageId,
    });
    expect(db.prepare('select chat_id as chatId, message_id as messageId, tip_id as tipId, kind from alert_messages').all()).toMatchObject([
      { chatId: GROUP, messageId, tipId: 'TIP-URG1', kind: 'alert' },
    ]);
  });
});
