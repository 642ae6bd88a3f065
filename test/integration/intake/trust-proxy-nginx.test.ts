/**
 * Behind a REAL nginx: with TRUST_PROXY naming the proxy, two clients (distinct loopback source
 * addresses) do not share a bucket, a forged X-Forwarded-For sent THROUGH nginx cannot frame
 * another client, and one sent DIRECTLY by an untrusted client is ignored. Without TRUST_PROXY,
 * everyone behind the proxy shares one bucket (why the variable exists).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { type Nginx, nginxBinary, postFrom, startNginx } from '../../helpers/nginx.js';

const nginx = nginxBinary();
if (!nginx) console.warn('NOTICE: nginx is not installed; the reverse-proxy tests are SKIPPED (apt-get install nginx; CI installs it).');

let t: TestApp | undefined;
let proxy: Nginx | undefined;
afterEach(async () => {
  await proxy?.stop();
  await t?.close();
  proxy = undefined;
  t = undefined;
});

async function serve(env: Record<string, string>) {
  t = await buildTestApp({ OPEN_PER_ADDRESS_PER_MINUTE: '3', ...env });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const appPort = (t.app.server.address() as { port: number }).port;
  proxy = await startNginx(nginx as string, appPort);
  return { appPort, proxyPort: proxy.port };
}

const open = (from: string, port: number, headers?: Record<string, string>) => postFrom(from, port, '/api/chat', {}, headers);

describe.skipIf(!nginx)('behind a real nginx', () => {
  it('gives each client its own bucket and ignores X-Forwarded-For from untrusted senders', async () => {
    const { appPort, proxyPort } = await serve({ TRUST_PROXY: '127.0.0.1' });
    // Client .2 opens conversations through nginx until its bucket is empty.
    for (let i = 0; i < 3; i++) expect((await open('127.0.0.2', proxyPort)).status).toBe(200);
    const refused = await open('127.0.0.2', proxyPort);
    expect(refused.status).toBe(429);
    expect(refused.json.error?.code).toBe('rate_limited');
    expect(refused.json.error?.message).toMatch(/Tunggu \d+ detik/);
    // Client .3, through the same nginx, is not affected.
    expect((await open('127.0.0.3', proxyPort)).status).toBe(200);
    // .2 cannot escape by claiming another address through nginx (nginx appends the real one)…
    expect((await open('127.0.0.2', proxyPort, { 'x-forwarded-for': '10.9.9.9' })).status).toBe(429);
    // …and .3 cannot frame .2 by claiming to be it.
    expect((await open('127.0.0.3', proxyPort, { 'x-forwarded-for': '127.0.0.2' })).status).toBe(200);
    // Directly (not through the trusted proxy) X-Forwarded-For is ignored: .2 is still .2…
    expect((await open('127.0.0.2', appPort, { 'x-forwarded-for': '10.9.9.9' })).status).toBe(429);
    // …and .5 claiming to be .2 is counted as .5, not refused as .2.
    expect((await open('127.0.0.5', appPort, { 'x-forwarded-for': '127.0.0.2' })).status).toBe(200);
  });

  it('without TRUST_PROXY every client behind the proxy shares the proxy\'s bucket', async () => {
    const { proxyPort } = await serve({});
    for (let i = 0; i < 3; i++) expect((await open('127.0.0.2', proxyPort)).status).toBe(200);
    expect((await open('127.0.0.3', proxyPort)).status).toBe(429);
  });
});
