/**
 * The WhatsApp channel's connection supervisor: owns the one Baileys socket, pairs it (QR or
 * pairing code), keeps it connected with backoff, and applies what `decideConnection` says a
 * disconnect means (reconnect, restart, stop, logout → fresh pairing). Events from an older socket
 * are ignored; never two sockets for one session. Inbound batches go to `onUpsert` (the intake).
 *
 * Several instances on one database: only the holder of the `whatsapp` lease (src/storage/leases.ts)
 * opens the socket, renewing it every `renewEveryMs`; the others stay on standby (status `down`,
 * sends refused at once so the outbox retries them) and try to take the lease at the same pace. A
 * holder that cannot renew for `ttlMs` closes its socket before another instance may open one; a
 * holder that stops releases the lease, so a standby instance takes over at its next try.
 */
import {
  Browsers,
  fetchLatestBaileysVersion,
  makeWASocket,
  type proto,
  type UserFacingSocketConfig,
  type WAMessageKey,
  type WAVersion,
} from '@whiskeysockets/baileys';
import { pino } from 'pino';
import qrcodeTerminal from 'qrcode-terminal';
import type { ChannelStatus } from '../channel-registry.js';
import { type ConnectionUpdateLike, decideConnection } from './connection-policy.js';
import { holdLease, INSTANCE_ID, releaseLease } from '../../storage/leases.js';
import { type StoredAuthState, useStoredAuthState } from './wa-auth-store.js';
import type { ILogger, WaEvents, WaSocketLike, WhatsAppAdapterDeps } from './whatsapp-types.js';

export type WhatsAppConnectionDeps = Pick<
  WhatsAppAdapterDeps,
  'config' | 'storage' | 'lease' | 'logger' | 'makeSocket' | 'fetchVersion' | 'onAlert' | 'printQr' | 'baileysLogger'
> & {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  setTimer: (fn: () => void, ms: number) => () => void;
  /** A batch of messages from the current socket (the intake). */
  onUpsert: (upsert: WaEvents['messages.upsert'], sock: WaSocketLike) => void;
  /** A message we sent, for Baileys' retry requests (the sender remembers them). */
  getMessage: (key: WAMessageKey) => proto.IMessage | undefined;
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


/**
 * ```ts
 * const connection = new WhatsAppConnection({ config, storage, lease: DEFAULT_LEASE, logger, sleep, random, setTimer, onUpsert, getMessage });
 * connection.start();            // pairs or reconnects in the background
 * await connection.waitUntilOpen(60_000);
 * ```
 */
export class WhatsAppConnection {
  private readonly makeSocket: (opts: UserFacingSocketConfig) => WaSocketLike;
  private state: ChannelStatus = 'off';
  private auth: StoredAuthState | undefined;
  private sock: WaSocketLike | undefined;
  private detach: (() => void) | undefined;
  /** Bumped for every socket; events from an older socket are ignored. */
  private generation = 0;
  private connecting = false;
  private stopped = true;
  private attempt = 0;
  private cancelReconnect: (() => void) | undefined;
  /** Reconnects and logout resets in flight (awaited by `idle()`). */
  private readonly background = new Set<Promise<void>>();
  private latestQr: string | null = null;
  private pairingRequested = false;
  private version: WAVersion | undefined;
  private versionResolved = false;
  private baileysLogger: ILogger | undefined;
  private openWaiters: Array<() => void> = [];
  /** Lease state (only with `deps.lease`): holding it, or on standby behind another instance. */
  private leaseHeld = false;
  private standby = false;
  private lastRenewAt = 0;
  private cancelRenew: (() => void) | undefined;

  constructor(private readonly deps: WhatsAppConnectionDeps) {
    this.makeSocket = deps.makeSocket ?? ((opts) => makeWASocket(opts));
  }

  /** The encrypted session store (keys derived from PSEUDONYM_SECRET), read afresh. */
  private openAuth(): Promise<StoredAuthState> {
    return useStoredAuthState(this.deps.storage, { secret: this.deps.config.PSEUDONYM_SECRET, now: this.deps.now });
  }

  /** `off` (disabled), `pairing`, `up`, or `down` (closed/reconnecting/stopped). */
  status(): ChannelStatus {
    return this.state;
  }

  /** Whether the channel is stopped (or was never started). */
  isStopped(): boolean {
    return this.stopped;
  }

  /** The open socket, if any. */
  socket(): WaSocketLike | undefined {
    return this.sock;
  }

  /** The latest QR string while pairing by QR, else null. */
  currentQr(): string | null {
    return this.state === 'pairing' ? this.latestQr : null;
  }

  /** Connect in the background (or stay `off` if WhatsApp is disabled). */
  start(): void {
    if (!this.deps.config.WHATSAPP_ENABLED) {
      this.state = 'off';
      return;
    }
    if (!this.stopped) return;
    this.stopped = false;
    this.state = 'down';
    this.track(this.deps.lease ? this.claim() : this.begin());
  }

  /** This instance may open the socket: read the session afresh and connect. */
  private async begin(): Promise<void> {
    this.auth = await this.openAuth();
    if (this.stopped) return;
    this.state = this.isPaired() ? 'down' : 'pairing';
    this.scheduleReconnect(0);
  }

  /** Whether this instance is on standby behind another instance's lease. */
  onStandby(): boolean {
    return this.standby;
  }

  /** Take or renew the lease, then act on the outcome; reschedules itself until stopped. */
  private async claim(): Promise<void> {
    const lease = this.deps.lease;
    if (!lease || this.stopped) return;
    const holder = lease.holder ?? INSTANCE_ID;
    const log = this.deps.logger;
    const t = this.deps.now();
    let won: boolean | 'error' = 'error';
    try {
      won = await holdLease(this.deps.storage, 'whatsapp', t, lease.ttlMs, holder);
    } catch (err) {
      log.error({ err }, 'whatsapp: renewing the socket lease failed');
    }
    if (this.stopped) {
      // Won while stopping: give it back at once rather than make the others wait for its lapse.
      if (won === true && !this.leaseHeld) await releaseLease(this.deps.storage, 'whatsapp', holder).catch(() => undefined);
      return;
    }
    if (won === true) {
      this.lastRenewAt = t;
      if (!this.leaseHeld) {
        this.leaseHeld = true;
        this.standby = false;
        log.info({ channel: 'whatsapp' }, 'whatsapp: this instance holds the WhatsApp session');
        await this.begin();
      }
    } else if (this.leaseHeld && (won === false || t - this.lastRenewAt >= lease.ttlMs - lease.renewEveryMs)) {
      // Another instance may take it once it lapses: close one renewal period before that, so two
      // sockets never serve one session (a renewal that errors or hangs counts as lost).
      this.leaseHeld = false;
      this.enterStandby();
      log.warn({ channel: 'whatsapp' }, 'whatsapp: lost the socket lease; closed the socket and waiting on standby');
    } else if (!this.leaseHeld && !this.standby) {
      this.enterStandby();
      log.info({ channel: 'whatsapp' }, 'whatsapp: standby — another instance holds the WhatsApp session; taking over if it stops');
    }
    if (this.stopped) return;
    const setTimer = lease.setTimer ?? this.deps.setTimer;
    this.cancelRenew = setTimer(() => this.track(this.claim()), lease.renewEveryMs);
  }

  private enterStandby(): void {
    this.standby = true;
    this.cancelReconnect?.();
    this.cancelReconnect = undefined;
    this.closeSocket();
    this.state = 'down';
    for (const wake of this.openWaiters.splice(0)) wake();
  }

  /** First half of stopping: no more reconnects, and senders waiting for the socket give up. */
  beginStop(): void {
    this.stopped = true;
    this.cancelReconnect?.();
    this.cancelReconnect = undefined;
    this.cancelRenew?.();
    this.cancelRenew = undefined;
    for (const wake of this.openWaiters.splice(0)) wake();
  }

  /** Second half (after intake and sender drained): close the socket. */
  async finishStop(): Promise<void> {
    await Promise.allSettled([...this.background]);
    this.closeSocket();
    this.state = 'down';
    if (this.leaseHeld && this.deps.lease) {
      this.leaseHeld = false;
      // Hand over at once rather than after the lease's time-to-live.
      await releaseLease(this.deps.storage, 'whatsapp', this.deps.lease.holder ?? INSTANCE_ID).catch((err) =>
        this.deps.logger.error({ err }, 'whatsapp: releasing the socket lease failed'),
      );
    }
    this.standby = false;
  }

  /** Resolves when reconnects and logout resets in flight are done. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /** True once the socket is open (false after `timeoutMs`, or at once when stopped). */
  waitUntilOpen(timeoutMs: number): Promise<boolean> {
    if (this.state === 'up' && this.sock) return Promise.resolve(true);
    if (this.stopped || this.standby) return Promise.resolve(false);
    return new Promise((resolve) => {
      let done = false;
      const finish = (v: boolean) => {
        if (done) return;
        done = true;
        resolve(v);
      };
      this.openWaiters.push(() => finish(this.state === 'up' && !!this.sock));
      void this.deps.sleep(timeoutMs).then(() => finish(this.state === 'up' && !!this.sock));
    });
  }

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

  /** Baileys' own logger (error level, JIDs and message bodies redacted). */
  baileys(): ILogger {
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
    if (this.stopped || this.connecting || (this.deps.lease && !this.leaseHeld)) return;
    this.connecting = true;
    try {
      this.closeSocket();
      const version = await this.resolveVersion();
      if (this.stopped) return;
      const auth = this.auth ?? (await this.openAuth());
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
        getMessage: async (key: WAMessageKey) => this.deps.getMessage(key),
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
        this.deps.onUpsert(upsert, sock);
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
    else this.cancelReconnect = this.deps.setTimer(run, delayMs);
  }

  private onConnectionUpdate(update: ConnectionUpdateLike, sock: WaSocketLike): void {
    const { action, status } = decideConnection(update, {
      attempt: this.attempt + 1,
      random: this.deps.random,
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
    this.auth = await this.openAuth();
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
}
