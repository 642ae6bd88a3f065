/**
 * WhatsApp allows one socket per session: with two instances on one database only the holder of
 * the `whatsapp` lease opens it. The other stays on standby (no socket, sends refused at once so
 * the outbox retries them) and takes over — with the session the holder stored — once the holder
 * stops renewing, or at once when it stops gracefully. Two adapters on two storages stand for two
 * instances; the clock and the renewal timers are driven by hand.
 */
import { DeferDeliveryError } from '../../../src/storage/outbox.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WhatsAppAdapter } from '../../../src/channels/whatsapp/whatsapp-adapter.js';
import type { Storage } from '../../../src/storage/storage.js';
import { fakeEvidence, fakeSocketFactory, recordingLogger } from '../../helpers/fake-baileys.js';
import { scriptedRuntime } from '../../helpers/scripted-runtime.js';
import { BACKENDS, openStorages } from '../../helpers/storages.js';

const NO_PACING = { perChatMs: 0, globalMs: 0, jitterMs: 0, typingMsPerChar: 0 };
const TTL = 30_000;
const RENEW = 10_000;
const PN = '6281234567890@s.whatsapp.net';

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/** One instance: an adapter on its own storage, its own fake Baileys, its renewal timers captured. */
function instance(storage: Storage, holder: string, clock: { now: number }) {
  const factory = fakeSocketFactory();
  const { logger, lines } = recordingLogger();
  const renewals: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const adapter = new WhatsAppAdapter({
    config: { WHATSAPP_ENABLED: true, DEFAULT_LOCALE: 'id', PSEUDONYM_SECRET: 'x'.repeat(64), TASKFORCE_WHATSAPP_JID: undefined, WHATSAPP_PAIRING_NUMBER: undefined },
    storage,
    lease: {
      ttlMs: TTL,
      renewEveryMs: RENEW,
      holder,
      setTimer: (fn, ms) => {
        const t = { fn, ms, cancelled: false };
        renewals.push(t);
        return () => {
          t.cancelled = true;
        };
      },
    },
    runtime: scriptedRuntime().runtime,
    evidence: fakeEvidence().store,
    logger,
    makeSocket: factory.makeSocket,
    pacing: NO_PACING,
    sleep: async () => undefined,
    setTimer: () => () => undefined,
    printQr: () => undefined,
    random: () => 0.5,
    now: () => clock.now,
  });
  closers.push(() => adapter.stop());
  /** Run the pending lease renewal (or takeover attempt) and wait for its outcome. */
  const tick = async () => {
    const pending = renewals.filter((r) => !r.cancelled);
    const next = pending[pending.length - 1];
    expect(next?.ms).toBe(RENEW);
    next.cancelled = true;
    next.fn();
    await adapter.idle();
  };
  return { adapter, factory, lines, tick };
}

describe.each(BACKENDS)('the WhatsApp socket lease on %s', (backend) => {
  it('opens the socket on one instance only; the other takes over when the holder stops renewing', async () => {
    const [sa, sb] = await openStorages(backend, 2, closers, { sqliteConnections: true });
    const clock = { now: 1_000_000 };
    const a = instance(sa, 'instance-a', clock);
    const b = instance(sb, 'instance-b', clock);

    await a.adapter.start();
    await a.adapter.idle();
    expect(a.factory.sockets).toHaveLength(1);
    a.factory.last().open();
    // Baileys reports the paired credentials; the holder stores them for whoever holds the session next.
    a.factory.last().ev.emit('creds.update', {});
    await a.adapter.idle();
    expect(a.adapter.status()).toBe('up');

    await b.adapter.start();
    await b.adapter.idle();
    expect(b.factory.sockets).toHaveLength(0);
    expect(b.adapter.status()).toBe('down');
    expect(b.lines.some((l) => l.msg?.includes('standby'))).toBe(true);
    // A send on the standby instance is handed back at once (the outbox leaves the row for the holder, no attempt counted).
    await expect(b.adapter.send(PN, [{ kind: 'text', text: 'halo' }])).rejects.toThrow(DeferDeliveryError);

    // The holder renews within the time-to-live: the standby instance stays standby.
    clock.now += RENEW;
    await a.tick();
    await b.tick();
    clock.now += RENEW;
    await b.tick();
    expect(b.factory.sockets).toHaveLength(0);
    expect(a.factory.last().ended).toBe(false);

    // The holder stops renewing (hung or cut off); once its lease lapses the other takes over,
    // with the session the holder stored.
    clock.now += TTL - RENEW + 1;
    await b.tick();
    expect(b.factory.sockets).toHaveLength(1);
    expect(b.factory.last().opts.auth.creds.me?.id).toBe('6285000000001:7@s.whatsapp.net');
    expect(b.adapter.status()).toBe('down');
    b.factory.last().open();
    expect(b.adapter.status()).toBe('up');

    // The old holder wakes up: its renewal fails, so it closes its socket rather than fight for the session.
    await a.tick();
    expect(a.factory.last().ended).toBe(true);
    expect(a.adapter.status()).toBe('down');
    expect(a.factory.sockets).toHaveLength(1);
    expect(a.lines.some((l) => l.msg?.includes('lost the socket lease'))).toBe(true);

    // A graceful stop hands the session over at the other's next try, without waiting for the lease to lapse.
    await b.adapter.stop();
    expect(b.factory.last().ended).toBe(true);
    clock.now += 1;
    await a.tick();
    expect(a.factory.sockets).toHaveLength(2);
  });
});
