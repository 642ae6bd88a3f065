import { DisconnectReason } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { type WhatsAppAdapterDeps, WhatsAppAdapter, type WhatsAppAlert } from '../../../src/channels/whatsapp/whatsapp-adapter.js';
import type { Inbound } from '../../../src/messages.js';
import { type Db, openDb } from '../../../src/storage/db.js';
import { runMigrations } from '../../../src/storage/migrate.js';
import { sqliteStorage } from '../../../src/storage/storage.js';
import { fakeEvidence, fakeSocketFactory, recordingLogger, text, waMessage } from '../../helpers/fake-baileys.js';
import { scriptedRuntime } from '../../helpers/scripted-runtime.js';

const PN = '6281234567890@s.whatsapp.net';
const PN2 = '6289876543210@s.whatsapp.net';
const LID = '128394857261234@lid';
const TASKFORCE = '120363040000000001@g.us';
const NO_PACING = { perChatMs: 0, globalMs: 0, jitterMs: 0, typingMsPerChar: 0 };

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.$client.close();
});

function setup(over: Partial<WhatsAppAdapterDeps> & { configOver?: Partial<WhatsAppAdapterDeps['config']> } = {}) {
  const db = openDb(':memory:');
  runMigrations(db);
  dbs.push(db);
  const factory = fakeSocketFactory();
  const scripted = scriptedRuntime();
  const evidence = fakeEvidence({ maxBytes: 1000 });
  const { logger, lines } = recordingLogger();
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const sleeps: number[] = [];
  const qrs: string[] = [];
  const alerts: WhatsAppAlert[] = [];
  const downloads: string[] = [];
  const { configOver, ...rest } = over;
  const adapter = new WhatsAppAdapter({
    config: { WHATSAPP_ENABLED: true, DEFAULT_LOCALE: 'id', PSEUDONYM_SECRET: 'x'.repeat(64), TASKFORCE_WHATSAPP_JID: TASKFORCE, WHATSAPP_PAIRING_NUMBER: undefined, ...configOver },
    storage: sqliteStorage(db, { ownsDb: false }),
    runtime: scripted.runtime,
    evidence: evidence.store,
    logger,
    makeSocket: factory.makeSocket,
    downloadMedia: async (msg) => {
      downloads.push(msg.key.id ?? '');
      return Buffer.from('fake image bytes');
    },
    pacing: NO_PACING,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    setTimer: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
    printQr: (qr) => qrs.push(qr),
    onAlert: (a) => alerts.push(a),
    random: () => 0.5,
    now: () => 1_000_000,
    ...rest,
  });
  return { adapter, db, factory, scripted, evidence, lines, timers, sleeps, qrs, alerts, downloads };
}

async function connected(over: Parameters<typeof setup>[0] = {}) {
  const t = setup(over);
  await t.adapter.start();
  await t.adapter.idle();
  t.factory.last().open();
  return t;
}

const waAuthRows = (db: Db) => (db.$client.prepare('select count(*) as n from wa_auth').get() as { n: number }).n;

describe('WhatsApp adapter lifecycle', () => {
  it('stays off and opens no socket when WHATSAPP_ENABLED is false', async () => {
    const t = setup({ configOver: { WHATSAPP_ENABLED: false } });
    await t.adapter.start();
    await t.adapter.idle();
    expect(t.adapter.status()).toBe('off');
    expect(t.factory.sockets).toHaveLength(0);
    await expect(t.adapter.send(PN, [{ kind: 'text', text: 'x' }])).rejects.toThrow(/not running/);
  });

  it('pairs by QR: prints it, keeps it for the admin page, then goes up', async () => {
    const t = setup();
    await t.adapter.start();
    await t.adapter.idle();
    expect(t.adapter.status()).toBe('pairing');
    t.factory.last().qr('2@qr-one');
    expect(t.qrs).toEqual(['2@qr-one']);
    expect(t.adapter.currentQr()).toBe('2@qr-one');
    expect(t.lines.some((l) => l.level === 'warn' && /scan the QR/.test(l.msg ?? ''))).toBe(true);
    t.factory.last().open();
    expect(t.adapter.status()).toBe('up');
    expect(t.adapter.currentQr()).toBeNull();
  });

  it('pairs by code when WHATSAPP_PAIRING_NUMBER is set: asks once, logs the code at warn', async () => {
    const t = setup({ configOver: { WHATSAPP_PAIRING_NUMBER: '6285000000001' } });
    await t.adapter.start();
    await t.adapter.idle();
    t.factory.last().qr('2@a');
    t.factory.last().qr('2@b');
    await t.adapter.idle();
    await new Promise((r) => setImmediate(r));
    expect(t.factory.last().pairingRequests).toEqual(['6285000000001']);
    expect(t.qrs).toEqual([]);
    expect(t.alerts).toContainEqual({ kind: 'pairing_code', code: 'ABCD1234' });
    expect(t.lines.some((l) => l.level === 'warn' && l.msg?.includes('ABCD1234'))).toBe(true);
  });

  it('saves credentials on creds.update', async () => {
    const t = await connected();
    expect(waAuthRows(t.db)).toBe(0);
    t.factory.last().ev.emit('creds.update', { registered: true });
    await new Promise((r) => setImmediate(r));
    expect(waAuthRows(t.db)).toBe(1);
  });

  it('restarts at once on restartRequired, closing the old socket first and ignoring its events', async () => {
    const t = await connected();
    const first = t.factory.last();
    first.close(DisconnectReason.restartRequired);
    await t.adapter.idle();
    expect(t.factory.sockets).toHaveLength(2);
    expect(first.ended).toBe(true);
    expect(first.ev.count('messages.upsert')).toBe(0);
    first.open(); // a late event from the dead socket
    expect(t.adapter.status()).not.toBe('up');
    t.factory.last().open();
    expect(t.adapter.status()).toBe('up');
  });

  it('reconnects with growing, jittered backoff on transient closes and resets it once open', async () => {
    const t = await connected();
    t.factory.last().close(DisconnectReason.connectionLost);
    expect(t.adapter.status()).toBe('down');
    expect(t.factory.sockets).toHaveLength(1);
    expect(t.timers.map((x) => x.ms)).toEqual([750]); // attempt 1: 500..1000, random 0.5
    t.timers[0].fn();
    await t.adapter.idle();
    expect(t.factory.sockets).toHaveLength(2);
    t.factory.last().close(DisconnectReason.connectionClosed);
    expect(t.timers[1].ms).toBe(1500); // attempt 2: 1000..2000
    t.timers[1].fn();
    await t.adapter.idle();
    t.factory.last().open();
    t.factory.last().close(DisconnectReason.unavailableService);
    expect(t.timers[2].ms).toBe(750); // back to attempt 1
    expect(t.factory.sockets.slice(0, -1).every((s) => s.ended)).toBe(true);
  });

  it('stops (no reconnect) when another client replaced the session, and alerts', async () => {
    const t = await connected();
    t.factory.last().close(DisconnectReason.connectionReplaced);
    await t.adapter.idle();
    expect(t.timers).toHaveLength(0);
    expect(t.factory.sockets).toHaveLength(1);
    expect(t.adapter.status()).toBe('down');
    expect(t.alerts).toEqual([{ kind: 'stopped', reason: 'connection_replaced', statusCode: 440 }]);
  });

  it('on loggedOut: clears the stored session, alerts, and opens a fresh unpaired socket', async () => {
    const t = await connected();
    const first = t.factory.last();
    first.ev.emit('creds.update', {});
    await first.opts.auth.keys.set({ session: { a: new Uint8Array([1]) } });
    await new Promise((r) => setImmediate(r));
    expect(waAuthRows(t.db)).toBe(2);
    first.close(DisconnectReason.loggedOut);
    await t.adapter.idle();
    expect(waAuthRows(t.db)).toBe(0);
    expect(t.alerts).toEqual([{ kind: 'logged_out' }]);
    expect(t.adapter.status()).toBe('pairing');
    expect(t.lines.some((l) => l.level === 'warn' && /logged out/.test(l.msg ?? ''))).toBe(true);
    expect(t.factory.sockets).toHaveLength(2);
    const fresh = t.factory.last().opts.auth.creds;
    expect(fresh.registered).toBe(false);
    expect(Buffer.from(fresh.noiseKey.public).equals(Buffer.from(first.opts.auth.creds.noiseKey.public))).toBe(false);
    t.factory.last().qr('2@new');
    expect(t.adapter.currentQr()).toBe('2@new');
  });

  it('stop() ends the socket and cancels a pending reconnect', async () => {
    const t = await connected();
    t.factory.last().close(DisconnectReason.timedOut);
    await t.adapter.stop();
    expect(t.timers[0].cancelled).toBe(true);
    expect(t.factory.last().ended).toBe(true);
    expect(t.adapter.status()).toBe('down');
  });
});

describe('WhatsApp adapter messages', () => {
  it('answers a text with a numbered menu, to the sender only', async () => {
    const t = await connected();
    t.factory.last().deliver([waMessage({ from: PN, id: 'M1', message: text('halo') })]);
    await t.adapter.idle();
    expect(t.scripted.handled).toEqual([
      { channel: 'whatsapp', address: PN, platformMessageId: 'M1', receivedAt: 1_760_000_000_000, content: { kind: 'text', text: 'halo' } },
    ]);
    expect(t.factory.last().sent).toEqual([
      {
        jid: PN,
        id: expect.any(String),
        text: 'Halo. Pilih:\n\n1. Laporkan perekrutan mencurigakan\n2. Cek agen penyalur\n3. Kenali tanda bahaya\n\nBalas dengan angka.',
      },
    ]);
  });

  it('ignores our own messages and echoes, history (append), status and other groups', async () => {
    const t = await connected();
    const sock = t.factory.last();
    sock.deliver([waMessage({ from: PN, fromMe: true, message: text('from the phone') })]);
    sock.deliver([waMessage({ from: PN2, message: text('old history') })], 'append');
    sock.deliver([waMessage({ from: '120363999@g.us', participant: PN2, message: text('group chatter') })]);
    sock.deliver([waMessage({ from: 'status@broadcast', participant: PN2, message: text('story') })]);
    await t.adapter.idle();
    expect(t.scripted.handled).toHaveLength(0);
    expect(sock.sent).toHaveLength(0);
  });

  it('handles a duplicate delivery once', async () => {
    const t = await connected();
    const m = waMessage({ from: PN, id: 'DUP1', message: text('halo') });
    t.factory.last().deliver([m]);
    t.factory.last().deliver([m]);
    await t.adapter.idle();
    expect(t.factory.last().sent).toHaveLength(1);
  });

  it('treats a LID sender as the same person as their phone number', async () => {
    const t = await connected();
    const sock = t.factory.last();
    sock.deliver([waMessage({ from: LID, message: text('a') }, { remoteJidAlt: PN, addressingMode: 'lid' })]);
    sock.lidMap.set('555000111@lid', PN2);
    sock.deliver([waMessage({ from: '555000111@lid', message: text('b') })]);
    sock.deliver([waMessage({ from: '777000222@lid', message: text('c') })]);
    await t.adapter.idle();
    expect(t.scripted.handled.map((i) => i.address)).toEqual([PN, PN2, '777000222@lid']);
    expect(sock.sent.map((s) => s.jid)).toEqual([PN, PN2, '777000222@lid']);
  });

  it('downloads an accepted photo, stores it, and passes the media with its caption', async () => {
    const t = await connected();
    t.factory.last().deliver([
      waMessage({ from: PN, id: 'IMG1', message: { imageMessage: { mimetype: 'image/jpeg', fileLength: 16, caption: 'paspor saya' } } }),
    ]);
    await t.adapter.idle();
    expect(t.downloads).toEqual(['IMG1']);
    expect(t.evidence.stored).toHaveLength(1);
    expect(t.scripted.handled[0].content).toMatchObject({ kind: 'media', caption: 'paspor saya', media: { kind: 'photo', mime: 'image/jpeg', size: 16 } });
  });

  it('refuses too-large files before downloading, wrong types, and failed downloads visibly', async () => {
    let fail = false;
    const t = await connected({
      downloadMedia: async () => {
        if (fail) throw new Error('media expired');
        return Buffer.alloc(10);
      },
    });
    const sock = t.factory.last();
    sock.deliver([waMessage({ from: PN, message: { documentMessage: { mimetype: 'application/pdf', fileLength: 5_000_000 } } })]);
    sock.deliver([waMessage({ from: PN, message: { documentMessage: { mimetype: 'application/x-msdownload', fileLength: 10 } } })]);
    await t.adapter.idle();
    fail = true;
    sock.deliver([waMessage({ from: PN, message: { audioMessage: { mimetype: 'audio/ogg; codecs=opus', ptt: true, fileLength: 10 } } })]);
    await t.adapter.idle();
    expect(t.scripted.handled.map((i) => i.content)).toEqual([
      { kind: 'media_rejected', reason: 'too_large' },
      { kind: 'media_rejected', reason: 'bad_type' },
      { kind: 'media_rejected', reason: 'failed' },
    ]);
    expect(t.evidence.stored).toHaveLength(0);
  });

  it("handles one person's messages strictly in order, others in parallel", async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const t = await connected({
      runtime: {
        mediaGate: async () => 'ok',
        async handle(inbound: Inbound) {
          const label = inbound.content.kind === 'text' ? inbound.content.text : '?';
          order.push(`start ${label}`);
          if (label === 'a1') await gate;
          order.push(`end ${label}`);
          return { outputs: [], prompt: { flow: 'menu', step: 'main', kind: 'none' }, locale: 'id' };
        },
      },
    });
    const sock = t.factory.last();
    sock.deliver([waMessage({ from: PN, message: text('a1') }), waMessage({ from: PN, message: text('a2') })]);
    sock.deliver([waMessage({ from: PN2, message: text('b1') })]);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['start a1', 'start b1', 'end b1']);
    release();
    await t.adapter.idle();
    expect(order).toEqual(['start a1', 'start b1', 'end b1', 'end a1', 'start a2', 'end a2']);
  });

  it('passes task-force group messages to the hook, not to a conversation', async () => {
    const got: unknown[] = [];
    const t = await connected({ onTaskforceMessage: (m) => void got.push(m) });
    t.factory.last().deliver([
      waMessage({ from: TASKFORCE, id: 'G1', participant: PN2, message: { extendedTextMessage: { text: 'saya ambil', contextInfo: { stanzaId: 'ALERT9' } } } }),
    ]);
    await t.adapter.idle();
    expect(got).toEqual([expect.objectContaining({ senderJid: PN2, text: 'saya ambil', quotedMessageId: 'ALERT9' })]);
    expect(t.scripted.handled).toHaveLength(0);
  });

  it('paces sends per chat and overall, and shows typing before long replies', async () => {
    let clock = 1_000_000;
    const t = await connected({
      pacing: { perChatMs: 1000, globalMs: 400, jitterMs: 0, typingMsPerChar: 10 },
      now: () => clock,
      sleep: async (ms) => {
        t.sleeps.push(ms);
        clock += ms;
      },
    });
    const ids = await t.adapter.send(PN, [{ kind: 'text', text: 'satu' }, { kind: 'text', text: 'x '.repeat(100) }]);
    await t.adapter.send(PN2, [{ kind: 'text', text: 'tiga' }]);
    expect(ids).toHaveLength(2);
    // 2nd message to PN waits the per-chat gap, then types (200 chars × 10 ms, capped 2.5 s);
    // the message to PN2 only waits the global gap.
    expect(t.sleeps).toEqual([1000, 2000, 400]);
    expect(t.factory.last().presence).toEqual([{ type: 'composing', jid: PN }]);
  });

  it('remembers sent messages for Baileys retries (getMessage)', async () => {
    const t = await connected();
    const [id] = await t.adapter.send(PN, [{ kind: 'text', text: 'balasan petugas' }]);
    const getMessage = t.factory.last().opts.getMessage;
    expect(await getMessage?.({ remoteJid: PN, id, fromMe: true })).toMatchObject({ extendedTextMessage: { text: 'balasan petugas' } });
    expect(await getMessage?.({ remoteJid: PN, id: 'unknown', fromMe: true })).toBeUndefined();
  });

  it('never logs message text or a reporter address', async () => {
    const t = await connected();
    t.factory.last().deliver([waMessage({ from: PN, message: text('rahasia sekali') })]);
    t.factory.last().deliver([waMessage({ from: '120363999@g.us', participant: PN2, message: text('rahasia grup') })]);
    await t.adapter.idle();
    const logged = JSON.stringify(t.lines);
    expect(logged).not.toContain('rahasia');
    expect(logged).not.toContain('6281234567890');
    expect(logged).not.toContain('6289876543210');
  });
});

describe('messages that arrived while offline', () => {
  it('are ignored by default, and handled within offlineWindowMs when configured', async () => {
    const off = await connected();
    off.factory.last().deliver([waMessage({ from: PN, message: text('while down'), ts: 999 })], 'append');
    await off.adapter.idle();
    expect(off.scripted.handled).toHaveLength(0);

    const on = await connected({ offlineWindowMs: 10 * 60_000, now: () => 1_000_000_000 });
    on.factory.last().deliver(
      [
        waMessage({ from: PN, id: 'RECENT', message: text('while down'), ts: 1_000_000 - 60 }),
        waMessage({ from: PN2, id: 'OLD', message: text('last week'), ts: 1_000_000 - 7 * 86_400 }),
        waMessage({ from: PN, id: 'MINE', fromMe: true, message: text('from phone'), ts: 1_000_000 - 60 }),
      ],
      'append',
    );
    await on.adapter.idle();
    expect(on.scripted.handled.map((i) => i.platformMessageId)).toEqual(['RECENT']);
  });
});
