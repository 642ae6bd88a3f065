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
