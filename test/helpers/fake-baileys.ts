/**
 * A fake Baileys socket for tests: an `ev` emitter, a `sendMessage` recorder, pairing and
 * presence stubs. It emits REAL Baileys shapes: `WAMessage`s built with
 * `proto.WebMessageInfo.fromObject`, with the `remoteJidAlt`/`participantAlt` key fields Baileys 7
 * sets beside the protobuf ones, and `connection.update`s whose `lastDisconnect.error` is a Boom-
 * like error carrying `output.statusCode`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type BaileysEventMap, proto, type SignalDataSet, type UserFacingSocketConfig, type WAMessage, type WAPresence } from '@whiskeysockets/baileys';
import type { WaSocketLike } from '../../src/channels/whatsapp/whatsapp-adapter.js';
import type { MediaRef } from '../../src/messages.js';
import type { EvidenceStore } from '../../src/tips/evidence-types.js';

type Listener = (arg: never) => void;

export class FakeEmitter {
  private readonly listeners = new Map<string, Set<Listener>>();
  on(event: string, listener: Listener): void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(listener);
  }
  off(event: string, listener: Listener): void {
    this.listeners.get(event)?.delete(listener);
  }
  emit<K extends keyof BaileysEventMap>(event: K, arg: BaileysEventMap[K]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) (l as (a: unknown) => void)(arg);
  }
  count(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}

export type SentRecord = { jid: string; text: string; id: string };

/** A JID's user part (`6281234567890` of `6281234567890:3@s.whatsapp.net`). */
const userOf = (jid: string) => jid.split('@')[0].split(':')[0];
/** Baileys' Signal address of a JID's device 0 (LID users carry their domain type, `_1`). */
const signalAddress = (jid: string) => `${userOf(jid)}${jid.endsWith('@lid') ? '_1' : ''}.0`;

export class FakeSocket {
  readonly ev = new FakeEmitter();
  readonly sent: SentRecord[] = [];
  readonly presence: Array<{ type: WAPresence; jid?: string }> = [];
  readonly pairingRequests: string[] = [];
  user: { id: string } | undefined = { id: '6285000000001:7@s.whatsapp.net' };
  ended = false;
  /** LID → PN mappings Baileys would have in its LID store. */
  readonly lidMap = new Map<string, string>();
  readonly signalRepository = {
    lidMapping: { getPNForLID: async (lid: string) => this.lidMap.get(lid) ?? null },
  };
  private counter = 0;

  constructor(
    readonly opts: UserFacingSocketConfig,
    readonly index: number,
  ) {}

  get authState() {
    return this.opts.auth;
  }

  /** Message ids we deleted for everyone (`{ delete: key }` sends). */
  readonly deleted: Array<{ jid: string; id: string }> = [];

  async sendMessage(jid: string, content: { text: string } | { delete: proto.IMessageKey }): Promise<WAMessage> {
    const id = `3EB0BOT${this.index}${String(++this.counter).padStart(4, '0')}`;
    if ('delete' in content) {
      this.deleted.push({ jid, id: content.delete.id ?? '' });
      return proto.WebMessageInfo.fromObject({ key: { remoteJid: jid, fromMe: true, id }, messageTimestamp: 1_760_000_000 }) as WAMessage;
    }
    // Like Baileys: encrypting for the recipient keeps their session and device list.
    if (!jid.endsWith('@g.us')) this.storeKeys({ session: { [signalAddress(jid)]: randomBytes(48) }, 'device-list': { [userOf(jid)]: ['0'] } });
    this.sent.push({ jid, text: content.text, id });
    const msg = proto.WebMessageInfo.fromObject({
      key: { remoteJid: jid, fromMe: true, id },
      message: { extendedTextMessage: { text: content.text } },
      messageTimestamp: 1_760_000_000,
    }) as WAMessage;
    // Baileys echoes our own sends as an `append` upsert.
    this.ev.emit('messages.upsert', { messages: [msg], type: 'append' });
    return msg;
  }

  async sendPresenceUpdate(type: WAPresence, jid?: string): Promise<void> {
    this.presence.push({ type, jid });
  }

  async requestPairingCode(phone: string): Promise<string> {
    this.pairingRequests.push(phone);
    return 'ABCD1234';
  }

  end(_err: Error | undefined): void {
    this.ended = true;
  }

  // ── emitting real shapes ──
  open(): void {
    // Like Baileys on pair-success: the account is known from now on.
    this.opts.auth.creds.me ??= { id: '6285000000001:7@s.whatsapp.net', lid: '99887766:7@lid' };
    this.ev.emit('connection.update', { connection: 'open' });
  }
  qr(qr = '2@fakeQrRef,fakeNoiseKey,fakeIdentityKey,fakeAdv'): void {
    this.ev.emit('connection.update', { qr, connection: 'connecting' });
  }
  close(statusCode: number | undefined): void {
    const error = Object.assign(new Error(`Connection Failure ${statusCode}`), {
      isBoom: true,
      output: { statusCode, payload: { statusCode, error: 'x', message: 'x' }, headers: {} },
    });
    this.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date(0) } });
  }
  deliver(messages: WAMessage[], type: 'notify' | 'append' = 'notify'): void {
    for (const m of messages) this.learnSender(m);
    this.ev.emit('messages.upsert', { messages, type });
  }

  private storeKeys(data: SignalDataSet): void {
    const r = this.opts.auth.keys.set(data);
    if (r instanceof Promise) r.catch(() => undefined);
  }

  /**
   * What Baileys stores when it decrypts a private message: the sender's Signal session and
   * identity key, their device list, a privacy token, and the LID↔phone-number mapping when the
   * key carries both (`remoteJidAlt`). Key ids and values name the sender's number.
   */
  private learnSender(m: WAMessage): void {
    const key = m.key as proto.IMessageKey & KeyExtras;
    const jid = key.remoteJid ?? '';
    if (key.fromMe || !jid || jid.endsWith('@g.us') || jid.endsWith('@broadcast') || jid.endsWith('@newsletter')) return;
    const jids = [jid, key.remoteJidAlt].filter((j): j is string => !!j);
    const data: SignalDataSet = { session: {}, 'identity-key': {}, 'device-list': {}, tctoken: {}, 'lid-mapping': {} };
    for (const j of jids) {
      data.session![signalAddress(j)] = randomBytes(48);
      data['identity-key']![signalAddress(j)] = randomBytes(33);
      data['device-list']![userOf(j)] = ['0'];
      data.tctoken![j] = { token: randomBytes(16), timestamp: '1760000000' };
    }
    const pn = jids.find((j) => j.endsWith('@s.whatsapp.net'));
    const lid = jids.find((j) => j.endsWith('@lid'));
    if (pn && lid) {
      data['lid-mapping']![userOf(pn)] = userOf(lid);
      data['lid-mapping']![`${userOf(lid)}_reverse`] = userOf(pn);
    }
    this.storeKeys(data);
  }
}

/** `makeSocket` seam: records every socket created, in order. */
export function fakeSocketFactory() {
  const sockets: FakeSocket[] = [];
  const makeSocket = (opts: UserFacingSocketConfig): WaSocketLike => {
    const s = new FakeSocket(opts, sockets.length);
    sockets.push(s);
    return s;
  };
  return { sockets, makeSocket, last: () => sockets[sockets.length - 1] };
}

let seq = 0;
/** Extra key fields Baileys 7 adds beside the protobuf key. */
export type KeyExtras = { remoteJidAlt?: string; participantAlt?: string; addressingMode?: 'pn' | 'lid' };

/** A received message as Baileys hands it over. */
export function waMessage(
  init: { from: string; message: proto.IMessage; id?: string; fromMe?: boolean; participant?: string; ts?: number },
  extras: KeyExtras = {},
): WAMessage {
  const msg = proto.WebMessageInfo.fromObject({
    key: { remoteJid: init.from, fromMe: init.fromMe ?? false, id: init.id ?? `3A${String(++seq).padStart(18, '0')}`, participant: init.participant },
    message: init.message,
    messageTimestamp: init.ts ?? 1_760_000_000,
    pushName: 'Someone',
  }) as WAMessage;
  Object.assign(msg.key, extras);
  return msg;
}

export const text = (t: string): proto.IMessage => ({ conversation: t });

/** An in-memory evidence store that hashes like the real one. */
export function fakeEvidence(opts: { maxBytes?: number; accepts?: string[] } = {}) {
  const stored: Array<{ bytes: Buffer; mime: string; kind: MediaRef['kind'] }> = [];
  const accepted = new Set(opts.accepts ?? ['image/jpeg', 'image/png', 'application/pdf', 'audio/ogg']);
  const store: EvidenceStore = {
    maxBytes: opts.maxBytes ?? 1024 * 1024,
    accepts: (mime) => accepted.has(mime),
    admit: () => 'ok',
    usage: () => ({ usedBytes: 0, quotaBytes: null, full: false }),
    recount: async () => 0,
    sweep: async () => 0,
    async store(bytes, mime, kind) {
      if (bytes.length > (opts.maxBytes ?? 1024 * 1024)) return { ok: false, reason: 'too_large' };
      stored.push({ bytes, mime, kind });
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { ok: true, media: { id: `m${stored.length}`, sha256, mime, size: bytes.length, kind } };
    },
    pathOf: (sha) => `/tmp/${sha}`,
  };
  return { store, stored };
}

/** Logger that records (level, msg, obj) so tests can assert nothing sensitive is logged. */
export function recordingLogger() {
  const lines: Array<{ level: string; obj: object; msg?: string }> = [];
  const at = (level: string) => (obj: object, msg?: string) => {
    lines.push({ level, obj, msg });
  };
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}
