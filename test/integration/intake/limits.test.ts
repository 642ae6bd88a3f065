/**
 * The web chat's per-address and global limits through buildApp, with client addresses given as
 * the socket's (inject's remoteAddress): receipt guesses spread over fresh conversations, uploads,
 * and the global ceiling on opening conversations — each refusal polite, nothing written.
 */
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { filesUnder, multipartUpload } from '../../helpers/evidence-files.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function chat(app: TestApp['app'], remoteAddress: string, body: Record<string, string>) {
  const res = await app.inject({ method: 'POST', url: '/api/chat', payload: body, remoteAddress });
  return { status: res.statusCode, json: res.json() };
}

describe('web limits per client address', () => {
  it('throttles receipt guesses from one address across fresh conversations, not other addresses', async () => {
    t = await buildTestApp({ RECEIPT_ATTEMPTS_PER_ADDRESS_PER_HOUR: '3' });
    const guess = async (from: string) => {
      const opened = await chat(t!.app, from, {});
      const conversation = opened.json.conversation as string;
      await chat(t!.app, from, { conversation, choice: 'status' });
      const r = await chat(t!.app, from, { conversation, text: '7K3F-Q9XM-2HDA' });
      return r.json.replies.map((x: { text: string }) => x.text).join('\n') as string;
    };
    for (let i = 0; i < 3; i++) expect(await guess('10.1.1.1')).toMatch(/tidak ditemukan/);
    // A fresh conversation (a fresh per-sender budget) from the same address is still throttled.
    expect(await guess('10.1.1.1')).toMatch(/Terlalu banyak percobaan/);
    expect(await guess('10.1.1.2')).toMatch(/tidak ditemukan/);
    t.clock.now += 3_600_000 + 1000;
    expect(await guess('10.1.1.1')).toMatch(/tidak ditemukan/);
  });

  it('limits uploads per address with a polite 429 before reading the file', async () => {
    t = await buildTestApp({ UPLOADS_PER_ADDRESS_PER_MINUTE: '2' });
    const opened = await chat(t.app, '10.2.2.2', {});
    const conversation = opened.json.conversation as string;
    const steps: Array<Record<string, string>> = [{ choice: 'report' }, { choice: 'someone_else' }, { choice: 'job_abroad' }, { choice: 'sambas' }, { text: 'Malaysia' }, { choice: 'skip' }, { text: 'Ditawari kerja, paspor ditahan' }];
    for (const step of steps) {
      await chat(t.app, '10.2.2.2', { conversation, ...step });
    }
    const photo = (n: number) => sharp({ create: { width: 8, height: 8, channels: 3, background: { r: n * 50, g: 0, b: 0 } } }).jpeg().toBuffer();
    const send = async (n: number, remoteAddress: string) =>
      t!.app.inject({ method: 'POST', url: '/api/chat/media', remoteAddress, ...multipartUpload(conversation, await photo(n)) });
    expect((await send(1, '10.2.2.2')).statusCode).toBe(200);
    expect((await send(2, '10.2.2.2')).statusCode).toBe(200);
    const third = await send(3, '10.2.2.2');
    expect(third.statusCode).toBe(429);
    expect(third.json().error.message).toMatch(/Tunggu \d+ detik/);
    expect(third.headers['retry-after']).toBeDefined();
    expect(filesUnder(t.config.mediaDir)).toHaveLength(2);
    // The same conversation from another network (the person moved to Wi-Fi) goes on.
    expect((await send(4, '10.2.2.3')).statusCode).toBe(200);
  });

  it('has a global ceiling on opening conversations, answered politely with emergency numbers', async () => {
    t = await buildTestApp({ OPEN_PER_MINUTE: '3' });
    const first = await chat(t.app, '10.3.0.1', {});
    for (const from of ['10.3.0.2', '10.3.0.3']) expect((await chat(t.app, from, {})).status).toBe(200);
    const busy = await chat(t.app, '10.3.0.4', {});
    expect(busy.status).toBe(429);
    expect(busy.json.error.message).toMatch(/sangat sibuk.*110.*SAPA 129/);
    // A conversation already open goes on: the ceiling is on opening only.
    const goesOn = await chat(t.app, '10.3.0.4', { conversation: first.json.conversation, choice: 'learn' });
    expect(goesOn.status).toBe(200);
    t.clock.now += 61_000;
    expect((await chat(t.app, '10.3.0.4', {})).status).toBe(200);
  });
});
