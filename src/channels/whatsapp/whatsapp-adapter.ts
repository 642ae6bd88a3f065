/**
 * The WhatsApp channel's shell: owns the one Baileys socket, pairs it (QR or pairing code),
 * keeps it connected, turns `messages.upsert` into `Inbound`s for the conversation runtime and
 * sends the rendered replies through a paced queue. All decisions live elsewhere: `toInbound`
 * and `render` translate, `decideConnection` chooses what a disconnect means, the runtime runs
 * the conversation (STYLE.md §10 rule 3).
 *
 * Ban hygiene (this is an unofficial client on a personal/business account): reply-only, never
 * a cold message from here; ~1 message per second with jitter; "typing…" before long replies;
 * no history sync; no "online" presence on connect.
 */
import {
  Browsers,
  downloadMediaMessage,
  fetchLatestBaileysVersion,
  makeWASocket,
  toNumber,
  type proto,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
  type WAPresence,
  type WAVersion,
  type BaileysEventMap,
} from '@whiskeysockets/baileys';
import { pino } from 'pino';
import qrcodeTerminal from 'qrcode-terminal';
import type { Config } from '../../config.js';
import type { ConversationRuntime } from '../../conversations/runtime-types.js';
import type { Inbound, InboundContent, Outbound } from '../../messages.js';
import type { Db } from '../../storage/db.js';
import type { EvidenceStore } from '../../tips/evidence-types.js';
import type { ChannelPort, ChannelStatus } from '../channel-registry.js';
import { type ConnectionUpdateLike, decideConnection } from './connection-policy.js';
import { render } from './render.js';
import { evidenceRefusal } from '../../conversations/media-gate.js';
import { lidNeedingLookup, type PendingMedia, type TaskforceMessage, toInbound } from './to-inbound.js';
import { type SqliteAuthState, useSqliteAuthState } from './wa-auth-store.js';

/** Baileys' logger interface (not exported by name). */
type ILogger = NonNullable<UserFacingSocketConfig['logger']>;

type WaEvents = Pick<BaileysEventMap, 'connection.update' | 'messages.upsert' | 'creds.update'>;

/**
 * The part of a Baileys socket the adapter uses; the seam for tests (a fake socket that emits
 * real Baileys shapes) and the shape `makeWASocket` returns.
 */
export type WaSocketLike = {
  ev: {
    on<K extends keyof WaEvents>(event: K, listener: (arg: WaEvents[K]) => void): unknown;
    off<K extends keyof WaEvents>(event: K, listener: (arg: WaEvents[K]) => void): unknown;
  };
  user?: { id: string } | undefined;
  sendMessage(jid: string, content: { text: string } | { delete: proto.IMessageKey }): Promise<WAMessage | undefined>;
  sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void>;
  requestPairingCode(phoneNumber: string): Promise<string>;
  end(error: Error | undefined): unknown;
  updateMediaMessage?: (message: WAMessage) => Promise<WAMessage>;
  signalRepository?: { lidMapping?: { getPNForLID(lid: string): Promise<string | null> } };
};

/** What the adapter logs through (pino / Fastify's `app.log` fit). */
export type AdapterLogger = {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
};

export type WhatsAppAlert =
  | { kind: 'logged_out' }
  | { kind: 'stopped'; reason: string; statusCode: number }
  | { kind: 'pairing_code'; code: string };

export type Pacing = {
  /** Minimum gap between two messages to the same chat. */
  perChatMs: number;
  /** Minimum gap between any two messages. */
  globalMs: number;
  /** Up to this much random extra on each gap. */
  jitterMs: number;
  /** "typing…" time per character of a long reply, capped at 2.5 s. */
  typingMsPerChar: number;
};

export const DEFAULT_PACING: Pacing = { perChatMs: 1000, globalMs: 1000, jitterMs: 600, typingMsPerChar: 8 };
/** Replies at least this long get a "typing…" presence first. */
const COMPOSING_MIN_CHARS = 160;
/** Sent messages remembered for Baileys' retry requests (`getMessage`). */
const SENT_CACHE_SIZE = 1000;

export type WhatsAppAdapterDeps = {
  config: Pick<Config, 'WHATSAPP_ENABLED' | 'WHATSAPP_PAIRING_NUMBER' | 'TASKFORCE_WHATSAPP_JID' | 'DEFAULT_LOCALE' | 'PSEUDONYM_SECRET'>;
  db: Db;
  runtime: ConversationRuntime;
  evidence: EvidenceStore;
  logger: AdapterLogger;
  /** Defaults to Baileys' `makeWASocket`. */
  makeSocket?: (opts: UserFacingSocketConfig) => WaSocketLike;
  /** Fetch the file of a media message (defaults to Baileys' `downloadMediaMessage`). */
  downloadMedia?: (msg: WAMessage, sock: WaSocketLike) => Promise<Buffer>;
  /**
   * WhatsApp Web version to announce. Defaults to `fetchLatestBaileysVersion()` (network) with
   * the bundled version as fallback — but only when `makeSocket` is not injected.
   */
  fetchVersion?: () => Promise<WAVersion | undefined>;
  /** Messages in `TASKFORCE_WHATSAPP_JID` (e.g. officers replying to alerts). */
  onTaskforceMessage?: (msg: TaskforceMessage) => void | Promise<void>;
  /** Things an admin must know about (logged out, stopped, a pairing code). */
  onAlert?: (alert: WhatsAppAlert) => void;
  /** Show a QR to the operator; defaults to printing it in the terminal. */
  printQr?: (qr: string) => void;
  pacing?: Pacing;
  /** Waits between sends (tests: resolve at once). */
  sleep?: (ms: number) => Promise<void>;
  /** Schedules a reconnect; returns a cancel function (tests capture the delay and run it). */
  setTimer?: (fn: () => void, ms: number) => () => void;
  now?: () => number;
  random?: () => number;
  /**
   * Baileys delivers messages that arrived while we were offline as `append`, like history.
   * Messages younger than this (and not from us) are handled anyway; 0 (default) = only `notify`.
   */
  offlineWindowMs?: number;
  /** Baileys' own (very chatty) logger; defaults to a pino at `error` with JIDs redacted. */
  baileysLogger?: ILogger;
};

const BAILEYS_REDACT = [
  'key',
  '*.key',
  'jid',
  '*.jid',
  'remoteJid',
  '*.remoteJid',
  'participant',
  '*.participant',
  'msg',
  '*.msg',
  'message',
  '*.message',
  'attrs',
  '*.attrs',
  'node',
  '*.node',
];

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());
const realSetTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

/**
 * The WhatsApp channel. Start it in the app's `onReady`, stop it in `onClose`.
 *
 * ```ts
 * const wa = new WhatsAppAdapter({ config, db, runtime, evidence, logger: app.log });
 * app.channels.register(wa);
 * app.addHook('onReady', () => wa.start());
 * app.addHook('onClose', () => wa.stop());
 * ```
 */
export class WhatsAppAdapter implements ChannelPort {
  readonly channel = 'whatsapp' as const;

  private readonly deps: WhatsAppAdapterDeps;
  private readonly pacing: Pacing;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly makeSocket: (opts: UserFacingSocketConfig) => WaSocketLike;

  private state: ChannelStatus = 'off';
  private auth: SqliteAuthState | undefined;
  private sock: WaSocketLike | undefined;
  private detach: (() => void) | undefined;
  /** Bumped for every socket; events from an older socket are ignored. */
  private generation = 0;
  private connecting = false;
  private stopped = true;
  private attempt = 0;
  private cancelReconnect: (() => void) | undefined;
  private readonly setTimer: (fn: () => void, ms: number) => () => void;
  /** Messages are classified one at a time, in arrival order, before the per-chat queues. */
  private intake: Promise<void> = Promise.resolve();
  /** Reconnects and logout resets in flight (awaited by `idle()`). */
  private readonly background = new Set<Promise<void>>();
  private latestQr: string | null = null;
  private pairingRequested = false;
  private version: WAVersion | undefined;
  private versionResolved = false;
  private baileysLogger: ILogger | undefined;

  private readonly chatQueues = new Map<string, Promise<void>>();
  private sendChain: Promise<unknown> = Promise.resolve();
  private nextGlobalAt = 0;
  private readonly nextChatAt = new Map<string, number>();
  private readonly sent = new Map<string, proto.IMessage>();
  private openWaiters: Array<() => void> = [];

  constructor(deps: WhatsAppAdapterDeps) {
    this.deps = deps;
    this.pacing = deps.pacing ?? DEFAULT_PACING;
    this.sleep = deps.sleep ?? realSleep;
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.setTimer = deps.setTimer ?? realSetTimer;
    this.makeSocket = deps.makeSocket ?? ((opts) => makeWASocket(opts));
  }

  /** `/health` status: `off` (disabled), `pairing`, `up`, or `down` (closed/reconnecting/stopped). */
  status(): ChannelStatus {
    return this.state;
  }

  /** The latest QR string while pairing by QR (for an admin-only page), else null. */
  currentQr(): string | null {
    return this.state === 'pairing' ? this.latestQr : null;
  }

  /**
   * Connect in the background (or do nothing if `WHATSAPP_ENABLED` is false). Never blocks the
   * app's start-up on the network: the status says `pairing`/`down` until the socket opens.
   */
  async start(): Promise<void> {
    if (!this.deps.config.WHATSAPP_ENABLED) {
      this.state = 'off';
      return;
    }
    if (!this.stopped) return;
    this.stopped = false;
    this.auth = this.openAuth();
    this.state = this.isPaired() ? 'down' : 'pairing';
    this.scheduleReconnect(0);
  }

  /** Close the socket, cancel reconnects and let in-flight conversations finish. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelReconnect?.();
    this.cancelReconnect = undefined;
    for (const wake of this.openWaiters.splice(0)) wake();
    await this.intake;
    await Promise.allSettled([...this.chatQueues.values()]);
    await this.sendChain.catch(() => undefined);
    await Promise.allSettled([...this.background]);
    this.closeSocket();
    this.state = 'down';
  }

  /**
   * Send outputs to a WhatsApp address (a relay or an alert). The caller is responsible for
   * only messaging people who wrote first and agreed; this adapter never cold-messages.
   */
  async send(address: string, outputs: Outbound[]): Promise<string[]> {
    if (this.stopped) throw new Error('WhatsApp channel is not running (WHATSAPP_ENABLED=false or stopped)');
    const texts = render(outputs, { locale: this.deps.config.DEFAULT_LOCALE });
    return this.sendTexts(address, texts);
  }

  /**
   * Delete one of our own messages for everyone (an alert about an erased case). WhatsApp allows
   * this for about two days; after that the platform ignores it and nothing more can be done.
   */
  async deleteMessage(jid: string, messageId: string): Promise<void> {
    const sock = this.sock;
    if (this.stopped || !sock || this.state !== 'up') throw new Error('WhatsApp channel is not connected');
    await sock.sendMessage(jid, { delete: { remoteJid: jid, fromMe: true, id: messageId } });
  }

  /** The encrypted session store (keys derived from PSEUDONYM_SECRET). */
  private openAuth(): SqliteAuthState {
    return useSqliteAuthState(this.deps.db, { secret: this.deps.config.PSEUDONYM_SECRET, now: this.now });
  }

  /** Wait until every queued inbound message has been handled and every reply sent (tests, shutdown). */
  async idle(): Promise<void> {
    await this.intake;
    while (this.chatQueues.size > 0) await Promise.allSettled([...this.chatQueues.values()]);
    await this.sendChain.catch(() => undefined);
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  // ─── connection ──────────────────────────────────────────────────────────────────────────

  /** Linked to a phone: Baileys sets `creds.me` on pair-success (`registered` only for pairing codes). */
  private isPaired(): boolean {
    const creds = this.auth?.state.creds;
    return !!creds && (creds.registered || !!creds.me?.id);
  }

  private async resolveVersion(): Promise<WAVersion | undefined> {
    if (this.versionResolved) return this.version;
    this.versionResolved = true;
    const fetchVersion =
      this.deps.fetchVersion ??
      (this.deps.makeSocket
        ? async () => undefined
        : async () => {
            const r = await fetchLatestBaileysVersion({ signal: AbortSignal.timeout(5000) });
            return r.isLatest || !r.error ? r.version : undefined;
          });
    try {
      this.version = await fetchVersion();
    } catch {
      this.version = undefined;
    }
    return this.version;
  }

  private baileys(): ILogger {
    this.baileysLogger ??=
      this.deps.baileysLogger ??
      (pino({ level: 'error', base: { module: 'baileys' }, redact: { paths: BAILEYS_REDACT, censor: '[redacted]' } }) as unknown as ILogger);
    return this.baileysLogger;
  }

  private closeSocket(): void {
    this.detach?.();
    this.detach = undefined;
    const old = this.sock;
    this.sock = undefined;
    if (old) {
      try {
        const r = old.end(undefined);
        if (r instanceof Promise) r.catch(() => undefined);
      } catch {
        // already closed
      }
    }
  }

  /** Open a new socket, closing any previous one first. Never two sockets for one session. */
  private async connect(): Promise<void> {
    if (this.stopped || this.connecting) return;
    this.connecting = true;
    try {
      this.closeSocket();
      const version = await this.resolveVersion();
      if (this.stopped) return;
      const auth = this.auth ?? this.openAuth();
      this.auth = auth;
      const gen = ++this.generation;
      this.pairingRequested = false;
      const sock = this.makeSocket({
        auth: auth.state,
        ...(version ? { version } : {}),
        logger: this.baileys(),
        browser: Browsers.ubuntu('Chrome'),
        markOnlineOnConnect: false,
        syncFullHistory: false,
        shouldSyncHistoryMessage: () => false,
        generateHighQualityLinkPreview: false,
        getMessage: async (key: WAMessageKey) => this.getMessage(key),
      });
      this.sock = sock;

      const onCreds = () => {
        if (gen !== this.generation) return;
        auth.saveCreds().catch((err) => this.deps.logger.error({ err }, 'whatsapp: saving credentials failed'));
      };
      const onConnection = (update: WaEvents['connection.update']) => {
        if (gen !== this.generation) return;
        this.onConnectionUpdate(update as ConnectionUpdateLike, sock);
      };
      const onUpsert = (upsert: WaEvents['messages.upsert']) => {
        if (gen !== this.generation) return;
        this.onUpsert(upsert, sock);
      };
      sock.ev.on('creds.update', onCreds);
      sock.ev.on('connection.update', onConnection);
      sock.ev.on('messages.upsert', onUpsert);
      this.detach = () => {
        sock.ev.off('creds.update', onCreds);
        sock.ev.off('connection.update', onConnection);
        sock.ev.off('messages.upsert', onUpsert);
      };
    } finally {
      this.connecting = false;
    }
  }

  private track(p: Promise<void>): void {
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }

  private scheduleReconnect(delayMs: number): void {
    if (this.stopped) return;
    this.cancelReconnect?.();
    this.cancelReconnect = undefined;
    const run = () => {
      this.cancelReconnect = undefined;
      this.track(
        this.connect().catch((err) => {
          this.deps.logger.error({ err }, 'whatsapp: reconnect failed');
          this.attempt += 1;
          this.scheduleReconnect(Math.min(60_000, 1000 * 2 ** Math.min(this.attempt, 6)));
        }),
      );
    };
    if (delayMs <= 0) run();
    else this.cancelReconnect = this.setTimer(run, delayMs);
  }

  private onConnectionUpdate(update: ConnectionUpdateLike, sock: WaSocketLike): void {
    const { action, status } = decideConnection(update, {
      attempt: this.attempt + 1,
      random: this.random,
      registered: this.isPaired(),
      current: this.state,
    });
    this.state = status;
    const log = this.deps.logger;
    switch (action.kind) {
      case 'none':
        return;
      case 'qr':
        this.latestQr = action.qr;
        this.onQr(action.qr, sock);
        return;
      case 'open':
        this.attempt = 0;
        this.latestQr = null;
        log.info({ channel: 'whatsapp' }, 'whatsapp: connected');
        for (const wake of this.openWaiters.splice(0)) wake();
        return;
      case 'reconnect':
        this.attempt += 1;
        log.warn(
          { channel: 'whatsapp', statusCode: action.statusCode, attempt: this.attempt, delayMs: action.delayMs },
          'whatsapp: connection closed, reconnecting',
        );
        this.scheduleReconnect(action.delayMs);
        return;
      case 'restart_now':
        log.info({ channel: 'whatsapp' }, 'whatsapp: restart requested by WhatsApp, reconnecting now');
        this.scheduleReconnect(0);
        return;
      case 'stop':
        log.error(
          { channel: 'whatsapp', reason: action.reason, statusCode: action.statusCode },
          action.reason === 'connection_replaced'
            ? 'whatsapp: another client took over this session; not reconnecting (restart the service to take it back)'
            : 'whatsapp: WhatsApp refused this session; not reconnecting',
        );
        this.closeSocket();
        this.deps.onAlert?.({ kind: 'stopped', reason: action.reason, statusCode: action.statusCode });
        return;
      case 'logout':
        log.warn(
          { channel: 'whatsapp' },
          'whatsapp: logged out from the phone; session cleared, pair again (a new QR or pairing code follows)',
        );
        this.deps.onAlert?.({ kind: 'logged_out' });
        this.closeSocket();
        this.track(this.resetAfterLogout());
        return;
      default: {
        const unreachable: never = action;
        throw new Error(`unknown connection action ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private async resetAfterLogout(): Promise<void> {
    try {
      await this.auth?.clear();
    } catch (err) {
      this.deps.logger.error({ err }, 'whatsapp: clearing the session failed');
    }
    this.auth = this.openAuth();
    this.attempt = 0;
    this.latestQr = null;
    this.state = 'pairing';
    this.scheduleReconnect(0);
  }

  private onQr(qr: string, sock: WaSocketLike): void {
    const number = this.deps.config.WHATSAPP_PAIRING_NUMBER;
    const log = this.deps.logger;
    if (number && !this.isPaired()) {
      if (this.pairingRequested) return;
      this.pairingRequested = true;
      sock
        .requestPairingCode(number)
        .then((code) => {
          log.warn(
            { channel: 'whatsapp', pairingCode: code },
            `whatsapp: pairing code ${code} — on the phone: WhatsApp → Linked devices → Link a device → Link with phone number instead`,
          );
          this.deps.onAlert?.({ kind: 'pairing_code', code });
        })
        .catch((err) => {
          this.pairingRequested = false;
          log.error({ err }, 'whatsapp: requesting a pairing code failed');
        });
      return;
    }
    log.warn(
      { channel: 'whatsapp' },
      'whatsapp: not paired — scan the QR below with WhatsApp → Linked devices → Link a device',
    );
    if (this.deps.printQr) this.deps.printQr(qr);
    else qrcodeTerminal.generate(qr, { small: true });
  }

  // ─── inbound ─────────────────────────────────────────────────────────────────────────────

  private onUpsert(upsert: WaEvents['messages.upsert'], sock: WaSocketLike): void {
    // `append` is history sync, our own sends, and messages that arrived while offline: only the
    // last kind may start a conversation, and only within `offlineWindowMs`.
    const window = this.deps.offlineWindowMs ?? 0;
    const fresh = (msg: WAMessage) => {
      const ts = toNumber(msg.messageTimestamp as Parameters<typeof toNumber>[0]) * 1000;
      return !msg.key?.fromMe && ts > 0 && this.now() - ts <= window;
    };
    const messages = upsert.type === 'notify' ? upsert.messages : window > 0 ? upsert.messages.filter(fresh) : [];
    for (const msg of messages) {
      this.intake = this.intake
        .then(() => this.classify(msg, sock))
        .catch((err) => this.deps.logger.error({ err, channel: 'whatsapp' }, 'whatsapp: reading a message failed'));
    }
  }

  private async classify(msg: WAMessage, sock: WaSocketLike): Promise<void> {
    let pn: string | undefined;
    const lid = lidNeedingLookup(msg);
    if (lid) {
      try {
        pn = (await sock.signalRepository?.lidMapping?.getPNForLID(lid)) ?? undefined;
      } catch {
        pn = undefined;
      }
    }
    const result = toInbound(msg, {
      taskforceJid: this.deps.config.TASKFORCE_WHATSAPP_JID,
      now: this.now,
      pnForLid: (l) => (l === lid ? pn : undefined),
    });
    switch (result.kind) {
      case 'ignored':
        this.deps.logger.debug({ channel: 'whatsapp', reason: result.reason }, 'whatsapp: message ignored');
        return;
      case 'taskforce':
        this.enqueueChat(result.message.chatJid, async () => {
          await this.deps.onTaskforceMessage?.(result.message);
        });
        return;
      case 'inbound':
        this.enqueueChat(result.inbound.address, () => this.handleInbound(result.inbound));
        return;
      case 'media':
        this.enqueueChat(result.envelope.address, async () => {
          const content = await this.fetchMedia(msg, result.envelope.address, result.media, sock);
          await this.handleInbound({ ...result.envelope, content });
        });
        return;
      default: {
        const unreachable: never = result;
        throw new Error(`unknown classification ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** One person's messages are handled strictly in order; different people in parallel. */
  private enqueueChat(key: string, task: () => Promise<void>): void {
    const prev = this.chatQueues.get(key) ?? Promise.resolve();
    const next = prev
      .then(task)
      .catch((err) => this.deps.logger.error({ err, channel: 'whatsapp' }, 'whatsapp: handling a message failed'));
    this.chatQueues.set(key, next);
    void next.finally(() => {
      if (this.chatQueues.get(key) === next) this.chatQueues.delete(key);
    });
  }

  /** Gate first (nothing is downloaded for a sender not waiting at an evidence step), then fetch and store. */
  private async fetchMedia(msg: WAMessage, address: string, media: PendingMedia, sock: WaSocketLike): Promise<InboundContent> {
    const { evidence } = this.deps;
    const refusal = evidenceRefusal(this.deps.runtime, evidence, 'whatsapp', address);
    if (refusal) return refusal;
    if (media.fileLength !== undefined && media.fileLength > evidence.maxBytes) {
      return { kind: 'media_rejected', reason: 'too_large' };
    }
    const mime = media.mime.split(';')[0].trim().toLowerCase();
    if (!evidence.accepts(mime)) return { kind: 'media_rejected', reason: 'bad_type' };
    let bytes: Buffer;
    try {
      bytes = await (this.deps.downloadMedia ?? defaultDownload(this.baileys()))(msg, sock);
    } catch (err) {
      this.deps.logger.warn({ err, channel: 'whatsapp' }, 'whatsapp: downloading media failed');
      return { kind: 'media_rejected', reason: 'failed' };
    }
    if (bytes.length > evidence.maxBytes) return { kind: 'media_rejected', reason: 'too_large' };
    const stored = await evidence.store(bytes, mime, media.kind);
    if (!stored.ok) return { kind: 'media_rejected', reason: stored.reason };
    return media.caption !== undefined
      ? { kind: 'media', media: stored.media, caption: media.caption }
      : { kind: 'media', media: stored.media };
  }

  private async handleInbound(inbound: Inbound): Promise<void> {
    const result = await this.deps.runtime.handle(inbound);
    if (!result) return; // duplicate delivery: already answered
    const texts = render(result.outputs, { locale: result.locale });
    if (texts.length === 0) return;
    await this.sendTexts(inbound.address, texts);
  }

  // ─── outbound ────────────────────────────────────────────────────────────────────────────

  private waitUntilOpen(timeoutMs: number): Promise<boolean> {
    if (this.state === 'up' && this.sock) return Promise.resolve(true);
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      let done = false;
      const finish = (v: boolean) => {
        if (done) return;
        done = true;
        resolve(v);
      };
      this.openWaiters.push(() => finish(this.state === 'up' && !!this.sock));
      void this.sleep(timeoutMs).then(() => finish(this.state === 'up' && !!this.sock));
    });
  }

  private gap(base: number): number {
    return base + Math.round(this.random() * this.pacing.jitterMs);
  }

  /** Send texts in order through the global paced queue; resolves with WhatsApp message ids. */
  private sendTexts(jid: string, texts: string[]): Promise<string[]> {
    const job = this.sendChain.then(async () => {
      const ids: string[] = [];
      for (const text of texts) {
        if (!(await this.waitUntilOpen(60_000))) throw new Error('WhatsApp is not connected');
        const now = this.now();
        const wait = Math.max(0, this.nextGlobalAt - now, (this.nextChatAt.get(jid) ?? 0) - now);
        if (wait > 0) await this.sleep(wait);
        const sock = this.sock;
        if (!sock) throw new Error('WhatsApp is not connected');
        if (text.length >= COMPOSING_MIN_CHARS) {
          await sock.sendPresenceUpdate('composing', jid).catch(() => undefined);
          const typing = Math.min(2500, text.length * this.pacing.typingMsPerChar);
          if (typing > 0) await this.sleep(typing);
        }
        const sent = await sock.sendMessage(jid, { text });
        const id = sent?.key?.id;
        if (id) {
          ids.push(id);
          this.remember(id, sent?.message ?? { conversation: text });
        }
        const t = this.now();
        this.nextGlobalAt = t + this.gap(this.pacing.globalMs);
        this.nextChatAt.set(jid, t + this.gap(this.pacing.perChatMs));
        if (this.nextChatAt.size > 5000) {
          for (const [k, at] of this.nextChatAt) if (at <= t) this.nextChatAt.delete(k);
        }
      }
      return ids;
    });
    this.sendChain = job.catch(() => undefined);
    return job;
  }

  private remember(id: string, message: proto.IMessage): void {
    this.sent.set(id, message);
    if (this.sent.size > SENT_CACHE_SIZE) {
      const oldest = this.sent.keys().next().value;
      if (oldest !== undefined) this.sent.delete(oldest);
    }
  }

  /** Baileys asks for a message it sent when the recipient's phone requests a retry. */
  async getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined> {
    return key.id ? this.sent.get(key.id) : undefined;
  }
}

function defaultDownload(logger: ILogger) {
  return async (msg: WAMessage, sock: WaSocketLike): Promise<Buffer> => {
    const reuploadRequest = sock.updateMediaMessage ?? (async (m: WAMessage) => m);
    return downloadMediaMessage(msg, 'buffer', {}, { logger, reuploadRequest });
  };
}
