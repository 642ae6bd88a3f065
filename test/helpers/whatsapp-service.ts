/**
 * The whole service with WhatsApp on Baileys' real message shapes (fake-baileys' socket): built
 * through `buildTestApp` (so `buildApp`), pacing and timers off, the injected clock, media served
 * from a map the test fills, and the socket opened. One setup for every WhatsApp integration test.
 *
 * ```ts
 * const wa = await startWhatsAppService({ TASKFORCE_WHATSAPP_JID: GROUP });
 * wa.sock.deliver([waMessage({ from: PN, id: '3A…', message: text('halo') })]);
 * await wa.t.app.whatsapp.idle();
 * ```
 */
import type { AppDeps } from '../../src/app.js';
import { buildTestApp, type TestApp } from './app.js';
import { type FakeSocket, fakeSocketFactory } from './fake-baileys.js';

export type WhatsAppService = {
  t: TestApp;
  sock: FakeSocket;
  /** Bytes the fake media download returns, by message id. */
  media: Map<string, Buffer>;
  /** Message ids whose media was downloaded, in order. */
  downloads: string[];
};

/** Build the app with WhatsApp on a fake socket and open the connection. */
export async function startWhatsAppService(env: Record<string, string> = {}, deps: Partial<AppDeps> = {}): Promise<WhatsAppService> {
  const factory = fakeSocketFactory();
  const media = new Map<string, Buffer>();
  const downloads: string[] = [];
  let t: TestApp | undefined;
  t = await buildTestApp(
    { WHATSAPP_ENABLED: 'true', ...env },
    {
      whatsapp: {
        makeSocket: factory.makeSocket,
        downloadMedia: async (msg) => {
          downloads.push(msg.key.id ?? '');
          const bytes = media.get(msg.key.id ?? '');
          if (!bytes) throw new Error('no such media');
          return bytes;
        },
        pacing: { perChatMs: 0, globalMs: 0, jitterMs: 0, typingMsPerChar: 0 },
        sleep: async () => undefined,
        setTimer: () => () => undefined,
        printQr: () => undefined,
        now: () => t?.clock.now ?? 0,
      },
      ...deps,
    },
  );
  await t.app.whatsapp.idle();
  factory.last().open();
  return { t, sock: factory.last(), media, downloads };
}
