import { afterEach, describe, expect, it } from 'vitest';
import { createOfficersRepository } from '../../../src/officers/officers-repository.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ADMIN = 'adm-'.padEnd(32, 'z');

describe('dead letters for administrators', () => {
  it('lists undeliverable work, lets an admin retry it, and refuses officers', async () => {
    t = await buildTestApp({ ADMIN_TOKEN: ADMIN });
    const { app } = t;
    app.db.$client
      .prepare("insert into outbox (kind, payload, idempotency_key, status, attempts, next_attempt_at, last_error, created_at) values ('taskforce_alert', '{}', 'alert:TIP-DEAD01', 'dead', 12, 0, 'Forbidden: bot was kicked from the group', 0)")
      .run();
    const officer = (await createOfficersRepository(app.storage, { now: () => 0 }).createToken({ name: 'Sari', role: 'officer' })).token;
    const get = (token: string) => app.inject({ url: '/api/admin/outbox', headers: { authorization: `Bearer ${token}` } });
    expect((await get(officer)).statusCode).toBe(403);
    const list = (await get(ADMIN)).json();
    expect(list.dead).toBe(1);
    expect(list.deadItems[0]).toMatchObject({ kind: 'taskforce_alert', key: 'alert:TIP-DEAD01', lastError: expect.stringContaining('kicked') });
    expect((await app.inject({ url: '/health' })).json().outbox).toEqual({ pending: 0, dead: 1 });
    const retry = await app.inject({ method: 'POST', url: `/api/admin/outbox/${list.deadItems[0].id}/retry`, headers: { authorization: `Bearer ${ADMIN}` } });
    expect(retry.statusCode).toBe(200);
    expect(app.db.$client.prepare('select status, attempts from outbox').get()).toEqual({ status: 'pending', attempts: 0 });
    const again = await app.inject({ method: 'POST', url: `/api/admin/outbox/${list.deadItems[0].id}/retry`, headers: { authorization: `Bearer ${ADMIN}` } });
    expect(again.statusCode).toBe(404);
    expect(app.db.$client.prepare("select action from audit_log where action = 'outbox.retry'").all()).toHaveLength(1);
  });
});
