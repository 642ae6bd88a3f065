/**
 * The officers' repositories on both backends, with the same seeded data: the case list (filters,
 * keyset cursor, scope), one case's thread, evidence and related cases, the CSV rows (media counts,
 * related ids), the statistics (per regency, category, status, local-day weeks), tokens, the
 * ad-check sightings officers see, the audit trail, and retention's cluster-wide run. The results must be the same
 * on SQLite and PostgreSQL, and match what an officer expects.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSightings } from '../../../src/adcheck/sightings.js';
import { recordAudit } from '../../../src/officers/audit.js';
import { auditPage } from '../../../src/officers/audit-routes.js';
import { createOfficerTipsRepository, type Stats } from '../../../src/officers/officer-tips-repository.js';
import { createOfficersRepository } from '../../../src/officers/officers-repository.js';
import { createRetentionJob, type RetentionResult } from '../../../src/officers/retention.js';
import { migrateStorage } from '../../../src/storage/migrate.js';
import { openPostgresStorage } from '../../../src/storage/postgres.js';
import { openSqliteStorage, type Storage } from '../../../src/storage/storage.js';
import type { TipsRepository } from '../../../src/tips/tips-repository.js';
import { freshPgDatabase } from '../../helpers/backend.js';

type Backend = 'sqlite' | 'postgres';
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

/**
 * `n` handles on one fresh database, as `n` instances would hold: on PostgreSQL one pool each; on
 * SQLite (one node by design) the node's one storage, whose queue keeps its callers apart (a second
 * connection in the same process would block the event loop on the first one's write lock).
 */
async function instances(backend: Backend, n = 1): Promise<Storage[]> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'waspada-officers-'));
    const s = openSqliteStorage(join(dir, 'w.db'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }), () => s.close());
    await migrateStorage(s, {});
    return Array.from({ length: n }, () => s);
  }
  const url = await freshPgDatabase();
  const out = Array.from({ length: n }, () => openPostgresStorage(url));
  for (const s of out) closers.push(() => s.close());
  await migrateStorage(out[0], { DATABASE_URL: url });
  return out;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2026-01-05 00:00 WIB (UTC+7) = 2026-01-04T17:00Z: the first day of ISO week 2026-W02. */
const MON = Date.UTC(2026, 0, 4, 17);
/** Reads only: changes go through the tips repository (src/tips), not tested here. */
const READS_ONLY = {} as TipsRepository;

/** The same cases on either backend, through the port (no SQLite-only helper). */
async function seed(s: Storage): Promise<void> {
  const { tips, tipMessages, media, tipLinks } = s.t;
  const tip = (id: string, t: Partial<typeof tips.$inferInsert>) => ({
    id,
    receiptHash: `RECEIPT-${id}`,
    pseudonym: `PSEUDO-${id}`,
    channel: 'telegram',
    locale: 'id',
    category: 'job_abroad',
    regency: 'sambas',
    destination: 'Malaysia',
    recruiter: 'Pak Budi',
    description: 'Paspor dipegang agen.',
    answers: { category: 'job_abroad' },
    urgency: 'normal',
    urgencyScore: 30,
    urgencyReasons: [],
    status: 'new',
    complete: true,
    mayContact: false,
    createdAt: MON,
    updatedAt: MON,
    ...t,
  });
  await s.run(async (q) => {
    await q.insert(tips).values([
      // Sunday 23:30 WIB is still week W01 locally, though Monday already in some other zones' terms.
      tip('TIP-A1', { createdAt: MON - 30 * 60_000, urgency: 'urgent', urgencyScore: 90, urgencyReasons: ['passport_held'] }),
      // Monday 06:59 WIB = Sunday 23:59 UTC: W02 in Pontianak.
      tip('TIP-B2', { createdAt: MON + 7 * HOUR - 60_000, regency: 'kubu_raya', category: 'online_scam', status: 'claimed', claimedBy: 'Sari' }),
      tip('TIP-C3', { createdAt: MON + 2 * DAY, regency: null, category: null, status: 'closed' }),
      tip('TIP-D4', { createdAt: MON + 2 * DAY, regency: 'kubu_raya', urgency: 'urgent', urgencyScore: 75 }),
      tip('TIP-E5', { createdAt: MON + 8 * DAY, status: 'spam' }),
      tip('TIP-F6', { createdAt: MON + 9 * DAY, regency: 'Sambas', hold: true, description: 'Kapal berangkat malam ini; "=cmd"' }),
    ]);
    await q.insert(tipMessages).values([
      { tipId: 'TIP-A1', direction: 'in', author: null, text: 'nomor agen 0812', createdAt: MON },
      { tipId: 'TIP-A1', direction: 'note', author: 'Sari', text: 'sudah ditelepon', createdAt: MON + HOUR },
    ]);
    await q.insert(media).values([
      { id: 'm-1', tipId: 'TIP-A1', sha256: 'a'.repeat(64), mime: 'image/png', size: 10, kind: 'photo', createdAt: MON },
      { id: 'm-2', tipId: 'TIP-A1', sha256: 'b'.repeat(64), mime: 'application/pdf', size: 20, kind: 'document', createdAt: MON + 1 },
      { id: 'm-3', tipId: 'TIP-D4', sha256: 'c'.repeat(64), mime: 'image/jpeg', size: 30, kind: 'photo', createdAt: MON },
      { id: 'm-orphan', tipId: null, sha256: 'd'.repeat(64), mime: 'image/jpeg', size: 5, kind: 'photo', createdAt: MON },
    ]);
    await q.insert(tipLinks).values([
      { tipId: 'TIP-A1', kind: 'phone', value: '6281200000001' },
      { tipId: 'TIP-D4', kind: 'phone', value: '6281200000001' },
      { tipId: 'TIP-F6', kind: 'phone', value: '6281200000001' },
      { tipId: 'TIP-B2', kind: 'agency', value: 'pt maju' },
      { tipId: 'TIP-F6', kind: 'agency', value: 'pt maju' },
      { tipId: 'TIP-C3', kind: 'link', value: 'bit.ly/x' },
    ]);
  });
}

async function readAll(s: Storage, now: number) {
  const sightings = createSightings(s, 'x'.repeat(64));
  await s.tx((q) => sightings.recordAdvert(q, 'Lowongan Malaysia, WA 0812-0000-0001 atau 0812 0000 0001'));
  await s.tx((q) => sightings.recordAdvert(q, 'Hubungi +62 812-0000-0001 segera'));
  const repo = createOfficerTipsRepository(s, { now: () => now, tips: READS_ONLY, checkCounts: sightings.countsFor });
  const page1 = await repo.list({ limit: 2 });
  const page2 = await repo.list({ limit: 2, cursor: page1.nextCursor });
  const page3 = await repo.list({ limit: 2, cursor: page2.nextCursor });
  return {
    pages: [page1, page2, page3].map((p) => ({ ids: p.items.map((t) => t.id), more: p.nextCursor !== null })),
    urgentNew: (await repo.list({ limit: 50, urgency: 'urgent', status: 'new' })).items.map((t) => t.id),
    since: (await repo.list({ limit: 50, since: MON + 2 * DAY })).items.map((t) => t.id),
    scoped: (await repo.list({ limit: 50, regencies: ['kubu_raya'] })).items.map((t) => t.id),
    noScope: (await repo.list({ limit: 50, regencies: [] })).items.map((t) => t.id),
    a1: await repo.get('TIP-A1'),
    missing: await repo.get('TIP-NOPE'),
    mediaOf: [await repo.mediaOf('TIP-A1', 'm-2'), await repo.mediaOf('TIP-D4', 'm-2')],
    csv: (await repo.exportRows({})).map((r) => ({ id: r.id, media: r.mediaCount, related: r.related, hold: r.hold, regency: r.regency })),
    csvUrgent: (await repo.exportRows({ urgency: 'urgent', regencies: ['sambas'] })).map((r) => r.id),
    stats: await repo.stats(),
    statsScoped: await repo.stats(['kubu_raya']),
    statsNone: await repo.stats([]),
  };
}

const results = new Map<Backend, Awaited<ReturnType<typeof readAll>>>();

describe.each(['sqlite', 'postgres'] as const)('officer repositories on %s', (backend) => {
  it('lists, filters, pages, exports and counts the seeded cases as officers expect', async () => {
    const [s] = await instances(backend);
    await seed(s);
    const r = await readAll(s, MON + 10 * DAY);
    results.set(backend, r);

    // Newest first, ties broken by id, the cursor continuing exactly after the last item.
    expect(r.pages).toEqual([
      { ids: ['TIP-F6', 'TIP-E5'], more: true },
      { ids: ['TIP-D4', 'TIP-C3'], more: true },
      { ids: ['TIP-B2', 'TIP-A1'], more: false },
    ]);
    expect(r.urgentNew).toEqual(['TIP-D4', 'TIP-A1']);
    expect(r.since).toEqual(['TIP-F6', 'TIP-E5', 'TIP-D4', 'TIP-C3']);
    expect(r.scoped).toEqual(['TIP-D4', 'TIP-B2']);
    expect(r.noScope).toEqual([]);

    expect(r.a1).toMatchObject({
      id: 'TIP-A1',
      urgency: 'urgent',
      urgencyReasons: ['passport_held'],
      complete: true,
      hold: false,
      createdAt: new Date(MON - 30 * 60_000).toISOString(),
      media: { count: 2, items: [{ id: 'm-1', mime: 'image/png', size: 10, kind: 'photo', url: '/api/tips/TIP-A1/media/m-1' }, { id: 'm-2' }] },
      messages: [
        { direction: 'in', author: null, text: 'nomor agen 0812' },
        { direction: 'note', author: 'Sari', text: 'sudah ditelepon' },
      ],
      related: ['TIP-D4', 'TIP-F6'],
      // Two adverts checked named this number (the first twice: counted once per check).
      checkedElsewhere: [{ kind: 'phone', value: '6281200000001', checks: 2 }],
    });
    expect(JSON.stringify(r.a1)).not.toMatch(/PSEUDO|RECEIPT/);
    expect(r.missing).toBeNull();
    expect(r.mediaOf).toEqual([{ sha256: 'b'.repeat(64), mime: 'application/pdf', size: 20 }, null]);

    expect(r.csv).toEqual([
      { id: 'TIP-F6', media: 0, related: ['TIP-A1', 'TIP-B2', 'TIP-D4'], hold: true, regency: 'Sambas' },
      { id: 'TIP-E5', media: 0, related: [], hold: false, regency: 'sambas' },
      { id: 'TIP-D4', media: 1, related: ['TIP-A1', 'TIP-F6'], hold: false, regency: 'kubu_raya' },
      { id: 'TIP-C3', media: 0, related: [], hold: false, regency: null },
      { id: 'TIP-B2', media: 0, related: ['TIP-F6'], hold: false, regency: 'kubu_raya' },
      { id: 'TIP-A1', media: 2, related: ['TIP-D4', 'TIP-F6'], hold: false, regency: 'sambas' },
    ]);
    expect(r.csvUrgent).toEqual(['TIP-A1']);

    expect(r.stats).toEqual<Stats>({
      total: 5,
      // Spam is left out of every chart but the status one; a missing regency is "unknown";
      // equal counts in code-unit order ("Sambas" before "sambas").
      byRegency: [
        { key: 'kubu_raya', count: 2 },
        { key: 'Sambas', count: 1 },
        { key: 'sambas', count: 1 },
        { key: 'unknown', count: 1 },
      ],
      byCategory: [
        { key: 'job_abroad', count: 3 },
        { key: 'online_scam', count: 1 },
        { key: 'unknown', count: 1 },
      ],
      byUrgency: [
        { key: 'normal', count: 3 },
        { key: 'urgent', count: 2 },
      ],
      byStatus: [
        { key: 'new', count: 3 },
        { key: 'claimed', count: 1 },
        { key: 'closed', count: 1 },
        { key: 'spam', count: 1 },
      ],
      // Weeks of the local (WIB) day: Sunday 23:30 is W01, Monday 06:59 (Sunday UTC) W02.
      byWeek: [
        { week: '2026-W01', count: 1 },
        { week: '2026-W02', count: 3 },
        { week: '2026-W03', count: 1 },
      ],
    });
    expect(r.statsScoped).toMatchObject({ total: 2, byRegency: [{ key: 'kubu_raya', count: 2 }], byWeek: [{ week: '2026-W02', count: 2 }] });
    expect(r.statsNone).toEqual({ total: 0, byRegency: [], byCategory: [], byUrgency: [], byStatus: [], byWeek: [] });
  });

  it('gives the same answers as the other backend for the same data', async () => {
    // Runs after both backends' first test (describe.each runs sqlite, then postgres).
    if (backend === 'sqlite') return;
    expect(results.get('postgres')).toEqual(results.get('sqlite'));
  });

  it('creates, verifies, lists and revokes tokens; one officer per name even when two instances race', async () => {
    const [a, b] = await instances(backend, 2);
    let now = MON;
    const repoA = createOfficersRepository(a, { now: () => now });
    const repoB = createOfficersRepository(b, { now: () => now });
    const [t1, t2] = await Promise.all([
      repoA.createToken({ name: 'Sari', role: 'officer', regencies: ['sambas'] }),
      repoB.createToken({ name: 'Sari', role: 'officer' }),
    ]);
    expect(t1.officer.id).toBe(t2.officer.id);
    await expect(repoA.createToken({ name: 'Sari', role: 'admin' })).rejects.toThrow(/already exists with role officer/);

    now += HOUR;
    expect(await repoB.verify(t1.token)).toEqual({ id: t1.officer.id, name: 'Sari', role: 'officer', actor: `officer:${t1.officer.id}:Sari`, regencies: ['sambas'] });
    expect(await repoB.verify('wrong')).toBeNull();
    expect(await repoA.revoke(t2.tokenId)).toBe(true);
    expect(await repoA.revoke(t2.tokenId)).toBe(false);
    expect(await repoB.verify(t2.token)).toBeNull();
    const list = await repoA.list();
    expect(list.map((t) => ({ id: t.id, name: t.name, used: t.lastUsedAt, revoked: t.revokedAt !== null, regencies: t.regencies }))).toEqual([
      { id: t2.tokenId, name: 'Sari', used: null, revoked: true, regencies: null },
      { id: t1.tokenId, name: 'Sari', used: MON + HOUR, revoked: false, regencies: ['sambas'] },
    ].sort((x, y) => y.id - x.id));
    expect(JSON.stringify(list)).not.toContain(t1.token);
  });

  it('counts every ad-check sighting when instances record the same number at once', async () => {
    const [a, b] = await instances(backend, 2);
    const [sa, sb] = [createSightings(a, 'k'.repeat(64)), createSightings(b, 'k'.repeat(64))];
    const advert = 'Kerja di Kamboja, gaji 15 juta. WA 0812-3456-7890, link bit.ly/kerja-kamboja';
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).tx((q) => (i % 2 ? sb : sa).recordAdvert(q, advert))));
    const counts = await b.run((q) =>
      sb.countsFor(q, [
        { kind: 'phone', value: '6281234567890' },
        { kind: 'link', value: 'bit.ly/kerja-kamboja' },
        { kind: 'phone', value: '6280000000000' },
      ]),
    );
    expect(Object.fromEntries(counts)).toEqual({ 'phone:6281234567890': 10, 'link:bit.ly/kerja-kamboja': 10 });
    // Only keyed hashes are stored: neither the number nor the link is in the table.
    const raw = JSON.stringify(await a.run((q) => q.select().from(a.t.adcheckSightings)));
    expect(raw).not.toContain('6281234567890');
    expect(raw).not.toContain('kerja-kamboja');
  });

  it('pages and filters the audit trail (exact action, a prefix, never a LIKE wildcard)', async () => {
    const [s] = await instances(backend);
    const entries = [
      { actor: 'officer:1:Sari', action: 'tip.status', tipId: 'TIP-A1', detail: { from: 'new', to: 'claimed' } },
      { actor: 'system', action: 'tip.erase_requested_due', tipId: 'TIP-B2' },
      { actor: 'officer:1:Sari', action: 'tipx.view', tipId: 'TIP-A1' },
      { actor: 'admin-token', action: 'token.create', detail: { tokenId: 3 } },
      { actor: 'officer:1:Sari', action: 'tip.note', tipId: 'TIP-A1' },
    ];
    await s.tx(async (q) => {
      for (const [i, e] of entries.entries()) await recordAudit(s, q, { ...e, now: MON + i });
    });
    const actions = async (f: Parameters<typeof auditPage>[1]) => (await auditPage(s, f)).rows.map((r) => r.action);
    expect(await actions({ limit: 50 })).toEqual(['tip.note', 'token.create', 'tipx.view', 'tip.erase_requested_due', 'tip.status']);
    expect(await actions({ limit: 50, action: 'tip.*' })).toEqual(['tip.note', 'tip.erase_requested_due', 'tip.status']);
    expect(await actions({ limit: 50, action: 'tip.erase_requested_due' })).toEqual(['tip.erase_requested_due']);
    // `_` is a wildcard for LIKE ('ti_.%' would match every tip action); here it only matches itself.
    expect(await actions({ limit: 50, action: 'ti_.*' })).toEqual([]);
    expect(await actions({ limit: 50, actor: 'officer:1:Sari', tipId: 'TIP-A1' })).toEqual(['tip.note', 'tipx.view', 'tip.status']);
    const first = await auditPage(s, { limit: 2 });
    expect(first.rows.map((r) => r.action)).toEqual(['tip.note', 'token.create']);
    const second = await auditPage(s, { limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.rows.map((r) => r.action)).toEqual(['tipx.view', 'tip.erase_requested_due', 'tip.status']);
    expect(second.nextCursor).toBeNull();
    expect(second.rows[2]).toMatchObject({ actor: 'officer:1:Sari', tipId: 'TIP-A1', at: MON, detail: { from: 'new', to: 'claimed' } });
  });

  it('runs retention once per interval across two instances, sweeping old rows once', async () => {
    const [a, b] = await instances(backend, 2);
    const { receiptAttempts, processedUpdates, conversations } = a.t;
    const t0 = MON + 60 * DAY;
    await a.run(async (q) => {
      await q.insert(receiptAttempts).values([
        { pseudonym: 'p1', at: t0 - 2 * DAY, ok: false },
        { pseudonym: 'p1', at: t0 - HOUR, ok: false },
      ]);
      await q.insert(processedUpdates).values({ channel: 'telegram', platformId: '1', processedAt: t0 - 8 * DAY });
      await q.insert(conversations).values([
        // Idle for 31 days: forgotten. A report still waiting idle as long is kept for the idle sweep.
        { pseudonym: 'idle', channel: 'web', locale: 'id', state: { flowId: 'main', status: 'waiting' }, rev: 1, createdAt: t0 - 40 * DAY, updatedAt: t0 - 31 * DAY },
        { pseudonym: 'draft', channel: 'web', locale: 'id', state: { flowId: 'report', status: 'waiting' }, rev: 1, createdAt: t0 - 40 * DAY, updatedAt: t0 - 31 * DAY },
        { pseudonym: 'recent', channel: 'web', locale: 'id', state: { flowId: 'main', status: 'waiting' }, rev: 1, createdAt: t0, updatedAt: t0 - DAY },
      ]);
    });
    let now = t0;
    const runs: Array<[string, RetentionResult]> = [];
    const errors: unknown[] = [];
    const ticks: Array<() => Promise<void>> = [];
    const job = (s: Storage, holder: string) =>
      createRetentionJob({
        storage: s,
        mediaDir: join(tmpdir(), 'waspada-no-media'),
        retentionDays: 365,
        clock: () => now,
        holder,
        schedule: (fn) => {
          ticks.push(fn);
          return { cancel: () => undefined };
        },
        onRun: (r) => runs.push([holder, r]),
        onError: (e) => errors.push(e),
      });
    const ja = job(a, 'a');
    const jb = job(b, 'b');
    // Both instances start at the same moment: one runs, the other skips this interval.
    await Promise.all([ja.start(), jb.start()]);
    expect(errors).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(runs[0][1]).toMatchObject({ receiptAttempts: 1, dedupeRows: 1, conversations: 1, redacted: [], erasedOnRequest: [], checkpointed: backend === 'sqlite' });
    // Half a day later nobody runs; a day after the first run exactly one does.
    now = t0 + DAY / 2;
    await Promise.all(ticks.splice(0).map((t) => t()));
    expect(runs).toHaveLength(1);
    now = t0 + DAY;
    await Promise.all(ticks.splice(0).map((t) => t()));
    expect(runs).toHaveLength(2);
    expect(runs[1][1]).toMatchObject({ receiptAttempts: 1, dedupeRows: 0, conversations: 0 });
    const left = await b.run((q) => q.select({ p: conversations.pseudonym }).from(conversations));
    expect(left.map((c) => c.p).sort()).toEqual(['draft', 'recent']);
    ja.stop();
    jb.stop();
  });
});
