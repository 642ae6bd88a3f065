/**
 * Admins read the audit trail (API, paged, newest first); officers' questions on a tip whose
 * reporter declined contact wait for the reporter's next status check.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, webChat } from '../../helpers/app.js';

const ADMIN = 'admin-token-'.padEnd(32, 'z');
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function report(chat: ReturnType<typeof webChat>) {
  await chat.start();
  await chat.choose('report');
  await chat.choose('me');
  await chat.choose('online_scam');
  await chat.choose('sintang');
  await chat.say('Kamboja');
  await chat.choose('skip');
  await chat.say('Saya ditawari kerja operator IT di Kamboja, gaji 15 juta, tiket dibayar agen');
  await chat.choose('skip');
  await chat.choose('no');
  await chat.choose('skip'); // where now
  await chat.choose('skip'); // how many
  await chat.choose('days');
  await chat.choose('no');
  await chat.choose('no');
  await chat.choose('no'); // may NOT contact
  await chat.choose('confirm');
  return chat.text().match(/[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/)?.[0] as string;
}

describe('audit view and officer questions', () => {
  it('an officer asks on a no-contact tip; the reporter reads it at the status check; the admin sees both in the audit trail', async () => {
    t = await buildTestApp({ ADMIN_TOKEN: ADMIN });
    const admin = { authorization: `Bearer ${ADMIN}` };
    const chat = webChat(t.app);
    const receipt = await report(chat);
    const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: admin, payload: { name: 'Bripka Sari' } });
    const officer = { authorization: `Bearer ${created.json().token}` };
    const tipId = (await t.app.inject({ url: '/api/tips', headers: officer })).json().items[0].id as string;

    t.clock.now += 60_000;
    const asked = await t.app.inject({ method: 'POST', url: `/api/tips/${tipId}/replies`, headers: officer, payload: { text: 'Siapa nama agen yang menawarkan? Apakah ada nomor HP-nya?' } });
    expect(asked.json()).toMatchObject({ delivered: 'waiting_for_reporter' });
    await t.app.inject({ method: 'PATCH', url: `/api/tips/${tipId}`, headers: officer, payload: { status: 'claimed' } });

    const again = webChat(t.app);
    await again.start();
    await again.choose('status');
    await again.say(receipt);
    expect(again.text()).toContain('Siapa nama agen yang menawarkan?');
    // A WIB date in words, not an ISO timestamp.
    expect(again.text()).toContain('28 November 2026, 10.01 WIB');
    expect(again.text()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

    // Officers may not read the audit trail; admins may, newest first, paged.
    expect((await t.app.inject({ url: '/api/admin/audit', headers: officer })).statusCode).toBe(403);
    const all = (await t.app.inject({ url: '/api/admin/audit?limit=200', headers: admin })).json();
    const actions = all.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['token.create', 'tip.status']));
    expect(all.items.map((i: { id: number }) => i.id)).toEqual([...all.items.map((i: { id: number }) => i.id)].sort((a, b) => b - a));
    const status = all.items.find((i: { action: string }) => i.action === 'tip.status');
    expect(status).toMatchObject({ tipId, actor: expect.stringContaining('Bripka Sari'), atWib: expect.stringMatching(/November 2026, \d{2}\.\d{2} WIB$/) });
    expect(JSON.stringify(all)).not.toContain(receipt);

    const first = (await t.app.inject({ url: '/api/admin/audit?limit=2', headers: admin })).json();
    expect(first.items).toHaveLength(2);
    const second = (await t.app.inject({ url: `/api/admin/audit?limit=2&cursor=${first.nextCursor}`, headers: admin })).json();
    expect(second.items[0].id).toBeLessThan(first.items[1].id);
    const onlyTip = (await t.app.inject({ url: `/api/admin/audit?tipId=${tipId}&action=tip.*`, headers: admin })).json();
    expect(onlyTip.items.length).toBeGreaterThan(0);
    expect(onlyTip.items.every((i: { tipId: string; action: string }) => i.tipId === tipId && i.action.startsWith('tip.'))).toBe(true);
    expect((await t.app.inject({ url: '/api/admin/audit?cursor=abc', headers: admin })).statusCode).toBe(400);
  });
});
