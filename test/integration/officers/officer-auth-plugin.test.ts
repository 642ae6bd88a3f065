/**
 * Officer-only rooms depend on the `officer-auth` plugin by name: registered without it, boot
 * fails with a clear message; through buildApp, their routes answer 401/403 like the officer API.
 */
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { outboxAdminRoutes } from '../../../src/alerts/outbox-routes.js';
import { whatsappPairingRoutes } from '../../../src/channels/whatsapp/pairing-routes.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('officer-auth plugin', () => {
  it('is a declared dependency of the admin rooms: without it they refuse to boot', async () => {
    const bare = Fastify({ logger: false });
    await expect(bare.register(outboxAdminRoutes, { worker: {} as never }).ready()).rejects.toThrow(/officer-auth/);
    const other = Fastify({ logger: false });
    await expect(other.register(whatsappPairingRoutes, { whatsapp: {} as never }).ready()).rejects.toThrow(/officer-auth/);
  });

  it('guards every officer-only room the same way', async () => {
    t = await buildTestApp();
    const officer = (await t.app.officerAuth.officers.createToken({ name: 'Sari', role: 'officer' })).token;
    for (const url of ['/api/admin/outbox', '/api/admin/whatsapp', '/api/tokens']) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(401);
      expect((await t.app.inject({ url, headers: { authorization: `Bearer ${officer}` } })).statusCode, url).toBe(403);
    }
  });
});
