/**
 * The WhatsApp channel's shared shapes: the socket seam (the part of a Baileys socket the channel
 * uses), its dependencies, pacing and alerts. Used by the connection supervisor, the intake and
 * the sender, and by tests (a fake socket emitting Baileys' real shapes).
 */
import type { BaileysEventMap, proto, UserFacingSocketConfig, WAMessage, WAPresence, WAVersion } from '@whiskeysockets/baileys';
import type { Config } from '../../config.js';
import type { ConversationRuntime } from '../../conversations/runtime-types.js';
import type { Storage } from '../../storage/storage.js';
import type { EvidenceStore } from '../../tips/evidence-types.js';
import type { TaskforceMessage } from './to-inbound.js';

/** Baileys' logger interface (not exported by name). */
export type ILogger = NonNullable<UserFacingSocketConfig['logger']>;

export type WaEvents = Pick<BaileysEventMap, 'connection.update' | 'messages.upsert' | 'creds.update'>;

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

export type WhatsAppLeaseOptions = {
  /** A holder that stops renewing loses the socket to another instance after this long. */
  ttlMs: number;
  /** How often the holder renews (and a standby instance tries to take over). */
  renewEveryMs: number;
  /** This instance's name among the holders (default: `INSTANCE_ID`). */
  holder?: string;
  /** Schedules the next renewal; returns a cancel function (tests run it by hand). */
  setTimer?: (fn: () => void, ms: number) => () => void;
};

/** Renew every 10 s; another instance takes over 30 s after the holder's last renewal. */
export const DEFAULT_LEASE: WhatsAppLeaseOptions = { ttlMs: 30_000, renewEveryMs: 10_000 };

export const DEFAULT_PACING: Pacing = { perChatMs: 1000, globalMs: 1000, jitterMs: 600, typingMsPerChar: 8 };

export type WhatsAppAdapterDeps = {
  config: Pick<Config, 'WHATSAPP_ENABLED' | 'WHATSAPP_PAIRING_NUMBER' | 'TASKFORCE_WHATSAPP_JID' | 'DEFAULT_LOCALE' | 'PSEUDONYM_SECRET'>;
  /** Where the session (`wa_auth`) and the socket's lease live. */
  storage: Storage;
  /**
   * With several instances on one database, only the holder of the `whatsapp` lease opens the
   * socket (WhatsApp allows one per session); the others stay on standby and take over once the
   * holder stops renewing. Absent: no lease (one instance, unit tests).
   */
  lease?: WhatsAppLeaseOptions;
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
