import { DisconnectReason } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import { openDb } from '../../../src/storage/db.js';
import { fakeEvidence, fakeSocketFactory } from '../../helpers/fake-baileys.js';
import { scriptedRuntime } from '../../helpers/scripted-runtime.js';

async function appWithWhatsApp(env: Record<string, string>) {
  const config = parseConfig({ PORT: '0', ...env }, { secret: 'x'.repeat(64) });
  const db = openDb(':memory:');
  const factory = fakeSocketFactory();
  // The adapter src/app.ts wires, with a fake Baileys socket as its only seam.
  const app = await buildApp(config, {
    db,
    logger: false,
    whatsapp: {
      runtime: scriptedRuntime().runtime,
      evidence: fakeEvidence().store,
      makeSocket: factory.makeSocket,
      printQr: () => undefined,
      setTimer: () => () => undefined,
    },
  });
  const whatsapp = app.whatsapp;
  await app.ready();
  await whatsapp.idle();
  const health = async () => (await app.inject({ url: '/health' })).json().channels.whatsapp;
  return { app, factory, health, db };
}

describe('/health reports the WhatsApp channel', () => {
  it('off when not enabled', async () => {
    const { app, factory, health, db } = await appWithWhatsApp({});
    expect(await health()).toBe('off');
    expect(factory.sockets).toHaveLength(0);
    await app.close();
    db.$client.close();
  });

  it('pairing → up → down, and the socket is closed with the app', async () => {
    const { app, factory, health, db } = await appWithWhatsApp({ WHATSAPP_ENABLED: 'true' });
    expect(await health()).toBe('pairing');
    factory.last().qr();
    expect(await health()).toBe('pairing');
    factory.last().open();
    expect(await health()).toBe('up');
    factory.last().close(DisconnectReason.connectionLost);
    expect(await health()).toBe('down');
    await app.close();
    expect(factory.last().ended).toBe(true);
    db.$client.close();
  });
});

describe('admin pairing view', () => {
  it('shows the current QR as SVG to an admin only', async () => {
    const { app, factory, db } = await appWithWhatsApp({ WHATSAPP_ENABLED: 'true', ADMIN_TOKEN: 'a'.repeat(32) });
    const get = (url: string, token?: string) => app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get('/api/admin/whatsapp/qr.svg')).statusCode).toBe(401);
    const none = await get('/api/admin/whatsapp/qr.svg', 'a'.repeat(32));
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('no_qr');
    factory.last().qr();
    const res = await get('/api/admin/whatsapp/qr.svg', 'a'.repeat(32));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(res.body).toMatch(/^<svg/);
    expect((await get('/api/admin/whatsapp', 'a'.repeat(32))).json()).toEqual({ status: 'pairing', qrAvailable: true });
    await app.close();
    db.$client.close();
  });
});
