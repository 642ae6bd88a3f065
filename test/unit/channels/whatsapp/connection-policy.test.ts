import { DisconnectReason } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { backoffDelay, decideConnection } from '../../../../src/channels/whatsapp/connection-policy.js';

const boom = (statusCode: number) => Object.assign(new Error('x'), { output: { statusCode } });
const close = (statusCode?: number) => ({
  connection: 'close' as const,
  lastDisconnect: { error: statusCode === undefined ? new Error('socket hang up') : boom(statusCode), date: new Date(0) },
});
const ctx = { attempt: 1, random: () => 0.5, registered: true, current: 'up' as const };

describe('decideConnection', () => {
  it.each([
    ['connectionClosed', DisconnectReason.connectionClosed],
    ['connectionLost/timedOut', DisconnectReason.connectionLost],
    ['unavailableService', DisconnectReason.unavailableService],
    ['badSession', DisconnectReason.badSession],
    ['no status code', undefined],
  ])('reconnects with backoff after %s', (_name, code) => {
    const d = decideConnection(close(code), ctx);
    expect(d.action.kind).toBe('reconnect');
    expect(d.status).toBe('down');
  });

  it('restarts at once when WhatsApp requires it (515, right after pairing)', () => {
    expect(decideConnection(close(DisconnectReason.restartRequired), ctx).action).toEqual({ kind: 'restart_now' });
  });

  it('stops when another client replaced the session, or the account is refused', () => {
    expect(decideConnection(close(DisconnectReason.connectionReplaced), ctx)).toEqual({
      action: { kind: 'stop', reason: 'connection_replaced', statusCode: 440 },
      status: 'down',
    });
    expect(decideConnection(close(DisconnectReason.multideviceMismatch), ctx).action).toMatchObject({ kind: 'stop', reason: 'multidevice_mismatch' });
    expect(decideConnection(close(DisconnectReason.forbidden), ctx).action).toMatchObject({ kind: 'stop', reason: 'forbidden' });
  });

  it('logs out (and waits for pairing) on loggedOut', () => {
    expect(decideConnection(close(DisconnectReason.loggedOut), ctx)).toEqual({ action: { kind: 'logout' }, status: 'pairing' });
  });

  it('maps QR, open and connecting to health statuses', () => {
    expect(decideConnection({ qr: 'q' }, ctx)).toEqual({ action: { kind: 'qr', qr: 'q' }, status: 'pairing' });
    expect(decideConnection({ connection: 'open' }, ctx).status).toBe('up');
    expect(decideConnection({ connection: 'connecting' }, { ...ctx, registered: false }).status).toBe('pairing');
    expect(decideConnection({ connection: 'connecting' }, ctx).status).toBe('down');
    expect(decideConnection({ isNewLogin: true }, ctx)).toEqual({ action: { kind: 'none' }, status: 'up' });
  });

  it('keeps status pairing while an unpaired socket reconnects (expired QR)', () => {
    expect(decideConnection(close(DisconnectReason.timedOut), { ...ctx, registered: false }).status).toBe('pairing');
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt with equal jitter and is capped', () => {
    expect(backoffDelay({ attempt: 1, random: () => 0 })).toBe(500);
    expect(backoffDelay({ attempt: 1, random: () => 0.999999 })).toBe(1000);
    expect(backoffDelay({ attempt: 4, random: () => 0 })).toBe(4000);
    expect(backoffDelay({ attempt: 50, random: () => 0 })).toBe(30_000);
    expect(backoffDelay({ attempt: 50, random: () => 0.999999 })).toBe(60_000);
  });
});
