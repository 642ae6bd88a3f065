/**
 * What to do when Baileys reports a `connection.update`, pure. Separated from the adapter so
 * every disconnect reason has a tested answer: reconnect with backoff on transient closes,
 * restart at once when WhatsApp asks (515, right after pairing), stop when another client took
 * the session (440) or the account is refused, and start over unpaired after a logout (401).
 */
import { DisconnectReason } from '@whiskeysockets/baileys';
import type { ChannelStatus } from '../channel-registry.js';

export type ConnectionUpdateLike = {
  connection?: 'open' | 'connecting' | 'close';
  qr?: string;
  lastDisconnect?: { error?: Error | undefined; date?: Date } | undefined;
  isNewLogin?: boolean;
};

export type ConnectionAction =
  /** Nothing to do (e.g. still connecting). */
  | { kind: 'none' }
  /** A new QR: show it, status `pairing`. */
  | { kind: 'qr'; qr: string }
  /** Connected: reset the backoff. */
  | { kind: 'open' }
  /** Transient close: open a new socket after `delayMs`. */
  | { kind: 'reconnect'; delayMs: number; statusCode: number | undefined }
  /** WhatsApp asked for a restart (515): open a new socket now. */
  | { kind: 'restart_now' }
  /** Give up until an operator acts: another client took over, or the account is refused. */
  | { kind: 'stop'; reason: 'connection_replaced' | 'multidevice_mismatch' | 'forbidden'; statusCode: number }
  /** Logged out from the phone: forget the session, pair again. */
  | { kind: 'logout' };

export type ConnectionDecision = { action: ConnectionAction; status: ChannelStatus };

export type BackoffOptions = {
  /** 1 for the first reconnect after a close, 2 for the next… (reset on open). */
  attempt: number;
  /** Random in [0, 1): injected so tests are deterministic. */
  random: () => number;
  baseMs?: number;
  maxMs?: number;
};

export type PolicyContext = BackoffOptions & {
  /** Linked to a phone (`creds.me` set, or `creds.registered`): false while pairing. */
  registered: boolean;
  /** Status before this update (kept when the update says nothing new). */
  current: ChannelStatus;
};

/** Status code of a Baileys disconnect error (a Boom with `output.statusCode`), if any. */
export function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Exponential backoff with "equal jitter": half the capped delay fixed, half random, so many
 * clients never retry in lock-step and the delay never collapses to zero.
 *
 * ```ts
 * backoffDelay({ attempt: 3, random: Math.random }) // between 2000 and 4000 ms
 * ```
 */
export function backoffDelay({ attempt, random, baseMs = 1000, maxMs = 60_000 }: BackoffOptions): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/**
 * Decide the action and the `/health` status for one `connection.update`.
 *
 * ```ts
 * const { action, status } = decideConnection(update, { attempt, random: Math.random, registered, current });
 * ```
 */
export function decideConnection(update: ConnectionUpdateLike, ctx: PolicyContext): ConnectionDecision {
  if (update.qr) return { action: { kind: 'qr', qr: update.qr }, status: 'pairing' };
  if (update.connection === 'open') return { action: { kind: 'open' }, status: 'up' };
  if (update.connection === 'connecting') {
    return { action: { kind: 'none' }, status: ctx.registered ? 'down' : 'pairing' };
  }
  if (update.connection !== 'close') return { action: { kind: 'none' }, status: ctx.current };

  const statusCode = statusCodeOf(update.lastDisconnect?.error);
  const waiting: ChannelStatus = ctx.registered ? 'down' : 'pairing';
  switch (statusCode) {
    case DisconnectReason.restartRequired:
      return { action: { kind: 'restart_now' }, status: waiting };
    case DisconnectReason.loggedOut:
      return { action: { kind: 'logout' }, status: 'pairing' };
    case DisconnectReason.connectionReplaced:
      return { action: { kind: 'stop', reason: 'connection_replaced', statusCode }, status: 'down' };
    case DisconnectReason.multideviceMismatch:
      return { action: { kind: 'stop', reason: 'multidevice_mismatch', statusCode }, status: 'down' };
    case DisconnectReason.forbidden:
      return { action: { kind: 'stop', reason: 'forbidden', statusCode }, status: 'down' };
    default:
      // connectionClosed 428, connectionLost/timedOut 408 (also an expired QR), badSession 500,
      // unavailableService 503, and anything unknown: try again, more slowly each time.
      return { action: { kind: 'reconnect', delayMs: backoffDelay(ctx), statusCode }, status: waiting };
  }
}
