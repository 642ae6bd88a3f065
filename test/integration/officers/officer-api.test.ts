import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { parseConfig } from '../../../src/config.js';
import { createOfficersRepository } from '../../../src/officers/officers-repository.js';
import type { Q, Tables } from '../../../src/storage/storage.js';
import { SEED_PSEUDONYM_PREFIX, SEED_RECEIPT_PREFIX, seedLink, seedMedia, seedMessage, seedTip, TINY_PNG } from '../../helpers/seed-tips.js';

const ADMIN = 'a'.repeat(32);
const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const HOUR = 3_600_000;

let dir: string;
let app: FastifyInstance;
let now: number;
let officerToken: string;
const bodies: string[] = [];

/** Database reads and set-up writes through the port (either backend). */
const read = <T>(fn: (q: Q, t: Tables) => Promise<T>) => app.storage.run((q) => fn(q, app.storage.t));
const auditRows = (action: string) => read((q, t) => q.select().from(t.auditLog).where(eq(t.auditLog.action, action)));

async function call(opts: { method?: string; url: string; token?: string | null; payload?: unknown }) {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? officerToken : opts.token;
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await app.inject({ method: (opts.method ?? 'GET') as 'GET', url: opts.url, headers, payload: opts.payload as object });
  bodies.push(res.body);
  return res;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-officers-'));
  now = T0 + 30 * 24 * HOUR;
  const config = parseConfig({ DATABASE_PATH: join(dir, 'w.db'), DATA_DIR: dir, PORT: '0', ADMIN_TOKEN: ADMIN }, { secret: 'x'.repeat(64) });
  app = await buildApp(config, { logger: false, clock: () => now });
  await app.ready();
  officerToken = (await createOfficersRepository(app.storage, { now: () => now }).createToken({ name: 'Sari', role: 'officer' })).token;
});

afterEach(async () => {
  // Whatever happened in the test, no response ever carried the reporter's identity.
  for (const b of bodies) {
    expect(b).not.toContain(SEED_PSEUDONYM_PREFIX);
    expect(b).not.toContain(SEED_RECEIPT_PREFIX);
    expect(b).not.toMatch(/pseudonym|receipt/i);
  }
  bodies.length = 0;
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('officer API authentication', () => {
  it('answers 401 in the contract error shape without a token, with a wrong one, and with a revoked one', async () => {
    await seedTip(app.storage, { id: 'TIP-AAAAAA' });
    const none = await call({ url: '/api/tips', token: null });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await call({ url: '/api/tips/TIP-AAAAAA', token: 'not-a-token' })).statusCode).toBe(401);
    // Authentication comes before validation: a stranger gets 401, not a 400 about the body.
    expect((await call({ method: 'PATCH', url: '/api/tips/TIP-AAAAAA', token: null, payload: { status: 'bogus' } })).statusCode).toBe(401);

    const repo = createOfficersRepository(app.storage, { now: () => now });
    const { token, tokenId } = await repo.createToken({ name: 'Eko', role: 'officer' });
    expect((await call({ url: '/api/tips', token })).statusCode).toBe(200);
    await repo.revoke(tokenId);
    expect((await call({ url: '/api/tips', token })).statusCode).toBe(401);
  });

  it('answers 403 when an officer token calls admin-only routes, and lets ADMIN_TOKEN through', async () => {
    await seedTip(app.storage, { id: 'TIP-AAAAAA' });
    const erase = await call({ method: 'DELETE', url: '/api/tips/TIP-AAAAAA' });
    expect(erase.statusCode).toBe(403);
    expect(erase.json().error.code).toBe('forbidden');
    expect((await call({ url: '/api/tokens' })).statusCode).toBe(403);
    expect((await call({ method: 'DELETE', url: '/api/tokens/1' })).statusCode).toBe(403);

    const list = await call({ url: '/api/tokens', token: ADMIN });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: 1, name: 'Sari', role: 'officer', revokedAt: null })]);
    expect(list.body).not.toContain(officerToken);

    const created = await call({ method: 'POST', url: '/api/tokens', token: ADMIN, payload: { name: 'Kepala', role: 'admin' } });
    expect(created.statusCode).toBe(201);
    const adminToken = created.json().token as string;
    expect((await call({ method: 'DELETE', url: '/api/tips/TIP-AAAAAA', token: adminToken })).statusCode).toBe(200);

    const forbidden = (await auditRows('auth.forbidden'));
    expect(forbidden[0]).toMatchObject({ actor: 'officer:1:Sari', tipId: 'TIP-AAAAAA' });
    const erased = (await auditRows('tip.erase'));
    expect(erased[0]).toMatchObject({ actor: 'officer:2:Kepala', tipId: 'TIP-AAAAAA' });
  });
});

describe('listing tips', () => {
  it('filters by status, urgency and since, newest first', async () => {
    await seedTip(app.storage, { id: 'TIP-000001', urgency: 'urgent', urgencyScore: 90, urgencyReasons: ['passport_held'], createdAt: T0 + 1 * HOUR });
    await seedTip(app.storage, { id: 'TIP-000002', urgency: 'normal', createdAt: T0 + 2 * HOUR });
    await seedTip(app.storage, { id: 'TIP-000003', urgency: 'urgent', urgencyScore: 80, status: 'closed', createdAt: T0 + 3 * HOUR });
    await seedTip(app.storage, { id: 'TIP-000004', urgency: 'urgent', urgencyScore: 85, createdAt: T0 + 4 * HOUR });

    const ids = async (q: string) => ((await call({ url: `/api/tips${q}` })).json().items as Array<{ id: string }>).map((t) => t.id);
    expect(await ids('')).toEqual(['TIP-000004', 'TIP-000003', 'TIP-000002', 'TIP-000001']);
    expect(await ids('?urgency=urgent')).toEqual(['TIP-000004', 'TIP-000003', 'TIP-000001']);
    expect(await ids('?urgency=urgent&status=new')).toEqual(['TIP-000004', 'TIP-000001']);
    expect(await ids(`?since=${new Date(T0 + 2 * HOUR).toISOString()}`)).toEqual(['TIP-000004', 'TIP-000003', 'TIP-000002']);
    expect(await ids(`?since=${T0 + 3 * HOUR}`)).toEqual(['TIP-000004', 'TIP-000003']);

    const bad = await call({ url: '/api/tips?status=open' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
    expect((await call({ url: '/api/tips?cursor=garbage' })).json().error.code).toBe('invalid_cursor');

    const tip = (await call({ url: '/api/tips?urgency=urgent&limit=1' })).json().items[0];
    expect(tip).toMatchObject({
      id: 'TIP-000004',
      channel: 'whatsapp',
      category: 'job_abroad',
      regency: 'Sambas',
      destination: 'Malaysia',
      urgency: 'urgent',
      urgencyScore: 85,
      status: 'new',
      createdAt: new Date(T0 + 4 * HOUR).toISOString(),
      media: { count: 0, items: [] },
      messages: [],
      related: [],
    });
  });

  it('keeps pagination stable while new tips arrive (keyset cursor on created_at, id)', async () => {
    for (let i = 1; i <= 7; i++) await seedTip(app.storage, { id: `TIP-00000${i}`, createdAt: T0 + (i < 4 ? 1 : i) * HOUR });
    const page1 = (await call({ url: '/api/tips?limit=3' })).json();
    expect(page1.items.map((t: { id: string }) => t.id)).toEqual(['TIP-000007', 'TIP-000006', 'TIP-000005']);
    // New reports land meanwhile, including one with the same timestamp as older ones.
    await seedTip(app.storage, { id: 'TIP-00000Z', createdAt: T0 + 9 * HOUR });
    await seedTip(app.storage, { id: 'TIP-00000Y', createdAt: T0 + 1 * HOUR });
    const seen = [...page1.items.map((t: { id: string }) => t.id)];
    let cursor = page1.nextCursor;
    while (cursor) {
      const page = (await call({ url: `/api/tips?limit=3&cursor=${encodeURIComponent(cursor)}` })).json();
      seen.push(...page.items.map((t: { id: string }) => t.id));
      cursor = page.nextCursor;
    }
    // Every original tip exactly once, in order; the later-inserted tip with an equal created_at
    // sorts by id (Y > 3) so it would only show if it came after the cursor position.
    expect(seen).toEqual(['TIP-000007', 'TIP-000006', 'TIP-000005', 'TIP-000004', 'TIP-00000Y', 'TIP-000003', 'TIP-000002', 'TIP-000001']);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('one tip', () => {
  it('shows thread, evidence links and related tips, and 404s unknown ids', async () => {
    await seedTip(app.storage, { id: 'TIP-AAAAAA', mayContact: true });
    await seedTip(app.storage, { id: 'TIP-BBBBBB' });
    await seedTip(app.storage, { id: 'TIP-CCCCCC' });
    await seedLink(app.storage, 'TIP-AAAAAA', 'phone', '6281200000000');
    await seedLink(app.storage, 'TIP-BBBBBB', 'phone', '6281200000000');
    await seedLink(app.storage, 'TIP-CCCCCC', 'bank', 'bca:123');
    await seedMessage(app.storage, 'TIP-AAAAAA', { direction: 'in', text: 'Tambahan: agennya ganti nomor', createdAt: T0 + HOUR });
    await seedMedia(app.storage, app.config.mediaDir, 'TIP-AAAAAA', { id: 'm1', bytes: TINY_PNG, mime: 'image/png' });

    const res = await call({ url: '/api/tips/TIP-AAAAAA' });
    expect(res.statusCode).toBe(200);
    const tip = res.json();
    expect(tip.related).toEqual(['TIP-BBBBBB']);
    expect(tip.media).toEqual({ count: 1, items: [{ id: 'm1', mime: 'image/png', size: TINY_PNG.length, kind: 'photo', url: '/api/tips/TIP-AAAAAA/media/m1' }] });
    expect(tip.messages).toEqual([{ id: 1, direction: 'in', author: null, text: 'Tambahan: agennya ganti nomor', createdAt: new Date(T0 + HOUR).toISOString() }]);
    expect(tip).toMatchObject({ mayContact: true, complete: true, claimedBy: null, referral: null });

    const missing = await call({ url: '/api/tips/TIP-NOPE00' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('tip_not_found');

    const audits = (await auditRows('tip.view'));
    expect(audits).toEqual([expect.objectContaining({ actor: 'officer:1:Sari', tipId: 'TIP-AAAAAA', at: now })]);
  });

  it('serves images inline and other files as downloads, only for that tip', async () => {
    await seedTip(app.storage, { id: 'TIP-AAAAAA' });
    await seedTip(app.storage, { id: 'TIP-BBBBBB' });
    await seedMedia(app.storage, app.config.mediaDir, 'TIP-AAAAAA', { id: 'img', bytes: TINY_PNG, mime: 'image/png' });
    await seedMedia(app.storage, app.config.mediaDir, 'TIP-AAAAAA', { id: 'svg', bytes: Buffer.from('<svg onload="alert(1)"/>'), mime: 'image/svg+xml', kind: 'document' });

    const img = await call({ url: '/api/tips/TIP-AAAAAA/media/img' });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    expect(img.rawPayload.equals(TINY_PNG)).toBe(true);

    const svg = await call({ url: '/api/tips/TIP-AAAAAA/media/svg' });
    expect(svg.headers['content-type']).toBe('application/octet-stream');
    expect(svg.headers['content-disposition']).toMatch(/^attachment/);

    expect((await call({ url: '/api/tips/TIP-BBBBBB/media/img' })).statusCode).toBe(404);
    expect((await call({ url: '/api/tips/TIP-AAAAAA/media/img', token: null })).statusCode).toBe(401);
  });
});

describe('workflow', () => {
  it('claims, works, closes with notes, and refuses impossible transitions', async () => {
    await seedTip(app.storage, { id: 'TIP-AAAAAA' });
    now += HOUR;
    const claimed = await call({ method: 'PATCH', url: '/api/tips/TIP-AAAAAA', payload: { status: 'claimed' } });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ status: 'claimed', claimedBy: 'Sari', updatedAt: new Date(now).toISOString() });

    const progress = await call({ method: 'PATCH', url: '/api/tips/TIP-AAAAAA', payload: { status: 'in_progress', note: 'Sudah koordinasi dengan Polres Sambas' } });
    expect(progress.json().status).toBe('in_progress');
    expect(progress.json().messages).toEqual([expect.objectContaining({ direction: 'note', author: 'Sari', text: 'Sudah koordinasi dengan Polres Sambas' })]);

    expect((await call({ method: 'PATCH', url: '/api/tips/TIP-AAAAAA', payload: { status: 'closed' } })).json().status).toBe('closed');
    const wrong = await call({ method: 'PATCH', url: '/api/tips/TIP-AAAAAA', payload: { status: 'spam' } });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('invalid_transition');
    expect((await call({ method: 'PATCH', url: '/api/tips/TIP-AAAAAA', payload: {} })).statusCode).toBe(400);
    expect((await call({ method: 'PATCH', url: '/api/tips/TIP-NOPE00', payload: { status: 'claimed' } })).statusCode).toBe(404);

    const trail = (await auditRows('tip.status'));
    expect(trail.map((a) => a.detail)).toEqual([
      { from: 'new', to: 'claimed' },
      { from: 'claimed', to: 'in_progress' },
      { from: 'in_progress', to: 'closed' },
    ]);
    expect(trail.every((a) => a.actor === 'officer:1:Sari' && a.tipId === 'TIP-AAAAAA')).toBe(true);
  });

  it('records a "no wrong door" referral on the case', async () => {
    await seedTip(app.storage, { id: 'TIP-AAAAAA', category: 'domestic_violence' });
    const res = await call({ method: 'PATCH', url: '/api/tips/TIP-AAAAAA', payload: { referral: 'sapa129', note: 'Dirujuk ke SAPA 129' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().referral).toBe('sapa129');
    expect((await call({ url: '/api/tips/TIP-AAAAAA' })).json().referral).toBe('sapa129');
    expect((await call({ method: 'PATCH', url: '/api/tips/TIP-AAAAAA', payload: { referral: 'nowhere' } })).statusCode).toBe(400);
    expect((await auditRows('tip.referral'))).toHaveLength(1);
  });
});

describe('replies', () => {
  it('queues a relay when the reporter agreed and their channel can be pushed, otherwise waits for their status check', async () => {
    app.channels.register({ channel: 'telegram', status: () => 'up', send: async () => ({ platformMessageId: '1' }) } as never);
    await seedTip(app.storage, { id: 'TIP-YESYES', mayContact: true, channel: 'telegram' });
    await seedTip(app.storage, { id: 'TIP-NONONO', mayContact: false, channel: 'telegram' });
    await seedTip(app.storage, { id: 'TIP-WEBWEB', mayContact: true, channel: 'web' });
    for (const [id, channel] of [['TIP-YESYES', 'telegram'], ['TIP-NONONO', 'telegram'], ['TIP-WEBWEB', 'web']]) {
      await read((q, t) => q.insert(t.contacts).values({ pseudonym: `${SEED_PSEUDONYM_PREFIX}${id}`, channel, addressEnc: 'enc', createdAt: now, updatedAt: now }));
    }

    const yes = await call({ method: 'POST', url: '/api/tips/TIP-YESYES/replies', payload: { text: 'Terima kasih, kami sedang memeriksa.' } });
    expect(yes.statusCode).toBe(201);
    expect(yes.json().delivered).toBe('queued');
    const no = await call({ method: 'POST', url: '/api/tips/TIP-NONONO/replies', payload: { text: 'Mohon cek kembali besok.' } });
    expect(no.json().delivered).toBe('waiting_for_reporter');
    // The web chat cannot push: even with consent the reply waits for the status check.
    const web = await call({ method: 'POST', url: '/api/tips/TIP-WEBWEB/replies', payload: { text: 'Halo' } });
    expect(web.json().delivered).toBe('waiting_for_reporter');

    const rows = (await read((q, t) => q.select().from(t.outbox).where(eq(t.outbox.kind, 'relay_reply'))));
    const msgId = yes.json().messageId;
    expect(rows).toEqual([expect.objectContaining({ payload: { tipMessageId: msgId }, idempotencyKey: `relay:${msgId}`, status: 'pending' })]);

    const thread = (await read((q, t) => q.select().from(t.tipMessages).where(eq(t.tipMessages.tipId, 'TIP-NONONO'))));
    expect(thread).toEqual([expect.objectContaining({ direction: 'out', author: 'Sari', text: 'Mohon cek kembali besok.', delivered: false })]);
    expect((await auditRows('tip.reply'))[0]).toMatchObject({ actor: 'officer:1:Sari', tipId: 'TIP-YESYES' });
    expect((await call({ method: 'POST', url: '/api/tips/TIP-NONONO/replies', payload: { text: '   ' } })).statusCode).toBe(400);
    expect((await call({ method: 'POST', url: '/api/tips/TIP-NOPE00/replies', payload: { text: 'x' } })).statusCode).toBe(404);
  });
});

describe('CSV export', () => {
  it('starts with a BOM, quotes cells and defuses formulas', async () => {
    await seedTip(app.storage, { id: 'TIP-AAAAAA', description: '=HYPERLINK("http://evil","klik")', recruiter: '+62 812 "Budi"', destination: '-Kuching', regency: '@Sambas' });
    await seedTip(app.storage, { id: 'TIP-BBBBBB', description: '\tcmd', recruiter: 'Agen, biasa', createdAt: T0 - HOUR });
    const res = await call({ url: '/api/tips.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="waspada-tips-/);
    const body = res.rawPayload.toString('utf8');
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const lines = body.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^"id","created_at",/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"",""klik"")"`);
    expect(lines[1]).toContain(`"'+62 812 ""Budi"""`);
    expect(lines[1]).toContain(`"'-Kuching"`);
    expect(lines[1]).toContain(`"'@Sambas"`);
    expect(lines[2]).toContain(`"'\tcmd"`);
    expect(lines[2]).toContain('"Agen, biasa"');
    expect((await call({ url: '/api/tips.csv?status=closed' })).rawPayload.toString('utf8').trim().split('\r\n')).toHaveLength(1);
  });

  it('gives urgency reasons as words, never ids, in the CSV and beside the ids in the API', async () => {
    await seedTip(app.storage, { id: 'TIP-RSNWRD', urgency: 'urgent', urgencyReasons: ['danger_now', 'retention_of_documents'] });
    const csv = (await call({ url: '/api/tips.csv' })).rawPayload.toString('utf8');
    expect(csv).toContain('ada yang dalam bahaya sekarang; dokumen identitas ditahan');
    expect(csv).not.toContain('retention_of_documents');
    const tip = (await call({ url: '/api/tips/TIP-RSNWRD' })).json();
    expect(tip.urgencyReasons).toEqual(['danger_now', 'retention_of_documents']);
    expect(tip.urgencyReasonsText).toEqual({
      id: ['ada yang dalam bahaya sekarang', 'dokumen identitas ditahan'],
      en: ['someone in danger now', 'identity documents withheld'],
    });
  });
});

describe('stats and erasure', () => {
  it('counts by regency, category, urgency, status and ISO week', async () => {
    await seedTip(app.storage, { id: 'TIP-000001', regency: 'Sambas', urgency: 'urgent', createdAt: T0 }); // Thu 2026-01-01 → 2026-W01
    await seedTip(app.storage, { id: 'TIP-000002', regency: 'Sambas', createdAt: T0 + 7 * 24 * HOUR });
    await seedTip(app.storage, { id: 'TIP-000003', regency: 'Sanggau', category: 'scam_job', createdAt: T0 + 7 * 24 * HOUR, status: 'closed' });
    await seedTip(app.storage, { id: 'TIP-000004', regency: 'Sanggau', status: 'spam' });
    const s = (await call({ url: '/api/stats' })).json();
    expect(s.total).toBe(3);
    expect(s.byRegency).toEqual([
      { key: 'Sambas', count: 2 },
      { key: 'Sanggau', count: 1 },
    ]);
    expect(s.byCategory).toEqual([
      { key: 'job_abroad', count: 2 },
      { key: 'scam_job', count: 1 },
    ]);
    expect(s.byUrgency).toEqual([
      { key: 'normal', count: 2 },
      { key: 'urgent', count: 1 },
    ]);
    expect(s.byStatus).toEqual([
      { key: 'new', count: 2 },
      { key: 'closed', count: 1 },
      { key: 'spam', count: 1 },
    ]);
    expect(s.byWeek).toEqual([
      { week: '2026-W01', count: 1 },
      { week: '2026-W02', count: 2 },
    ]);
  });

  it('erases a case with its thread and evidence, keeping files another case still uses', async () => {
    await seedTip(app.storage, { id: 'TIP-AAAAAA', mayContact: true });
    await seedTip(app.storage, { id: 'TIP-BBBBBB' });
    const shared = await seedMedia(app.storage, app.config.mediaDir, 'TIP-AAAAAA', { id: 'a1', bytes: TINY_PNG, mime: 'image/png' });
    await seedMedia(app.storage, app.config.mediaDir, 'TIP-BBBBBB', { id: 'b1', bytes: TINY_PNG, mime: 'image/png' });
    const own = await seedMedia(app.storage, app.config.mediaDir, 'TIP-AAAAAA', { id: 'a2', bytes: Buffer.from('%PDF-1.4 only here'), mime: 'application/pdf', kind: 'document' });
    await call({ method: 'POST', url: '/api/tips/TIP-AAAAAA/replies', payload: { text: 'halo' } });
    const job = (kind: string, payload: object, key: string, status = 'pending') =>
      read((q, t) => q.insert(t.outbox).values({ kind, payload, idempotencyKey: key, status, nextAttemptAt: now, createdAt: now }));
    await job('alert', { tipId: 'TIP-AAAAAA' }, 'alert:TIP-AAAAAA');
    await job('relay_reply', { tipMessageId: 1 }, 'relay:1');
    await job('alert', { tipId: 'TIP-BBBBBB' }, 'alert:TIP-BBBBBB');
    await job('alert', { tipId: 'TIP-AAAAAA' }, 'alert-sent:TIP-AAAAAA', 'delivered');

    const res = await call({ method: 'DELETE', url: '/api/tips/TIP-AAAAAA', token: ADMIN });
    expect(res.json()).toEqual({ erased: 'TIP-AAAAAA' });
    expect((await call({ url: '/api/tips/TIP-AAAAAA' })).statusCode).toBe(404);
    expect(existsSync(join(app.config.mediaDir, own.slice(0, 2), own))).toBe(false);
    expect(existsSync(join(app.config.mediaDir, shared.slice(0, 2), shared))).toBe(true);
    expect(await read((q, t) => q.select().from(t.tipMessages))).toHaveLength(0);
    // Work about the erased case (pending or done) is dropped; other cases' rows stay.
    expect((await read((q, t) => q.select({ key: t.outbox.idempotencyKey }).from(t.outbox))).map((r) => r.key).sort()).toEqual(['alert:TIP-BBBBBB']);
    expect((await auditRows('tip.erase'))[0]).toMatchObject({ actor: 'admin-token' });
    expect((await call({ method: 'DELETE', url: '/api/tips/TIP-AAAAAA', token: ADMIN })).statusCode).toBe(404);
  });
});
