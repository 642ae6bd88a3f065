/**
 * Small doors an attacker knocks on, through the shipped wiring: the Telegram webhook's secret is
 * checked before its body is read, officer tokens are throttled per client address, and a bad
 * secret in the environment is never echoed by the real process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BotApiEmulator, startBotApiEmulator } from '../../helpers/bot-api-emulator.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { startService } from '../../helpers/service-process.js';

const ADMIN = 'hardening-admin-token-'.padEnd(40, 'k');
const SECRET = 'hook-secret_42';

let t: TestApp | undefined;
let emu: BotApiEmulator | undefined;
afterEach(async () => {
  await t?.close();
  await emu?.close();
  t = undefined;
  emu = undefined;
});

describe('Telegram webhook', () => {
  async function webhookApp() {
    emu = await startBotApiEmulator();
    t = await buildTestApp(
      { TELEGRAM_BOT_TOKEN: emu.token, TELEGRAM_API_ROOT: emu.apiRoot, TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, PUBLIC_URL: 'http://127.0.0.1:9/' },
      { telegram: { retryBaseMs: 5 } },
    );
    return t.app;
  }

  it('rejects a 1 MB body with a wrong secret without parsing it (the same body is a parse error with the right one)', async () => {
    const app = await webhookApp();
    const notJson = `{"update_id": ${'9'.repeat(1024 * 1024 - 20)}`;
    const wrong = await app.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'guess' }, payload: notJson });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('unauthorized');
    const none = await app.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'content-type': 'application/json' }, payload: notJson });
    expect(none.statusCode).toBe(401);
    const right = await app.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, payload: notJson });
    expect(right.statusCode).toBe(400);
  });

  it('answers a wrong secret at once, before the announced megabyte has even been sent', async () => {
    const app = await webhookApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /telegram/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: guess\r\nContent-Length: ${1024 * 1024}\r\n\r\n{"update_id":`,
        );
      });
      let got = '';
      socket.on('data', (d: Buffer) => {
        got += d.toString('utf8');
        if (got.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(got);
        }
      });
      socket.once('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
  });
});

describe('officer token throttle', () => {
  const get = (app: TestApp['app'], token: string, remoteAddress: string) =>
    app.inject({ method: 'GET', url: '/api/tips', headers: { authorization: `Bearer ${token}` }, remoteAddress });

  it('answers 429 after 10 wrong tokens from one address for 10 minutes; others and successes are untouched', async () => {
    t = await buildTestApp({ ADMIN_TOKEN: ADMIN });
    const { app } = t;
    // Successes never count, however many.
    for (let i = 0; i < 15; i++) expect((await get(app, ADMIN, '10.0.0.7')).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await get(app, `wrong-token-${i}-`.padEnd(40, 'x'), '10.0.0.7')).statusCode).toBe(401);
    const blocked = await get(app, 'wrong-token-again'.padEnd(40, 'x'), '10.0.0.7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_failures');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // A blocked address learns nothing more, not even from the right token.
    expect((await get(app, ADMIN, '10.0.0.7')).statusCode).toBe(429);
    // Another address (another office) works as before.
    expect((await get(app, ADMIN, '10.0.0.8')).statusCode).toBe(200);
    // The dashboard's own calls go through the same API and the same throttle.
    expect((await app.inject({ method: 'GET', url: '/api/stats', headers: { authorization: `Bearer ${ADMIN}` }, remoteAddress: '10.0.0.7' })).statusCode).toBe(429);
    t.clock.now += 10 * 60_000 + 1000;
    expect((await get(app, ADMIN, '10.0.0.7')).statusCode).toBe(200);
  });
});

describe('secrets in start-up errors', () => {
  it('the real process names a bad ADMIN_TOKEN, PSEUDONYM_SECRET and TELEGRAM_BOT_TOKEN but never prints them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waspada-secret-'));
    const secrets = { ADMIN_TOKEN: 'short-admin-XYZ', PSEUDONYM_SECRET: 'short-pseudo-QRS', TELEGRAM_BOT_TOKEN: 'not-a-bot-token-LMN', TELEGRAM_WEBHOOK_SECRET: 'has spaces ABC' };
    try {
      const err = await startService({ DATA_DIR: dir, DATABASE_PATH: join(dir, 'w.db'), ...secrets }).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(err).toMatch(/exited before listening \(1\)/);
      for (const [name, value] of Object.entries(secrets)) {
        expect(err).toContain(`${name}:`);
        expect(err).not.toContain(value);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
