import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRetentionJob, runRetention, stripFreeText } from '../../../src/officers/retention.js';
import { type Db, openDb } from '../../../src/storage/db.js';
import { runMigrations } from '../../../src/storage/migrate.js';
import { sqliteStorage, type Storage } from '../../../src/storage/storage.js';
import { auditLog, contacts, media, tipLinks, tipMessages, tips } from '../../../src/storage/schema.js';
import { buildTestApp, webChat } from '../../helpers/app.js';
import { seedLink, seedMedia, seedMessage, seedTip, TINY_PNG } from '../../helpers/seed-tips.js';
import { rawSql } from '../../helpers/raw-sql.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

let dir: string;
let db: Db;
let storage: Storage;
let mediaDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waspada-retention-'));
  mediaDir = join(dir, 'media');
  db = openDb(join(dir, 'w.db'));
  runMigrations(db);
  storage = sqliteStorage(db, { ownsDb: false });
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

function addContact(pseudonym: string) {
  db.insert(contacts).values({ pseudonym, channel: 'whatsapp', addressEnc: 'enc', createdAt: T0, updatedAt: T0 }).run();
}

describe('runRetention', () => {
  it('redacts only closed/spam cases older than the retention period, keeping what statistics need', async () => {
    const answers = { category: 'job_abroad', in_danger: true, age: 15, departure: 'within_days', extra: 'Namanya Siti, rumah dekat pasar', destination: 'kuching', evidence: [{ id: 'm-old', sha256: 'ab' }] };
    seedTip(db, { id: 'TIP-OLDCLS', status: 'closed', createdAt: T0 - DAY, updatedAt: T0, answers, urgency: 'urgent', regency: 'Sambas', category: 'job_abroad' });
    seedTip(db, { id: 'TIP-OLDSPM', status: 'spam', updatedAt: T0 });
    seedTip(db, { id: 'TIP-OLDNEW', status: 'in_progress', updatedAt: T0 }); // old but still open: untouched
    seedTip(db, { id: 'TIP-RECENT', status: 'closed', updatedAt: T0 + 300 * DAY }); // closed recently: untouched
    seedTip(db, { id: 'TIP-OLDHLD', status: 'closed', updatedAt: T0, hold: true }); // held by officers: untouched
    seedMessage(db, 'TIP-OLDCLS', { direction: 'in', text: 'nomor agen 0812...', createdAt: T0 });
    seedMessage(db, 'TIP-RECENT', { direction: 'in', text: 'masih ada', createdAt: T0 });
    const shaOld = seedMedia(db, mediaDir, 'TIP-OLDCLS', { id: 'm-old', bytes: Buffer.from('only old'), mime: 'application/pdf' });
    const shaShared = seedMedia(db, mediaDir, 'TIP-OLDCLS', { id: 'm-shared-a', bytes: TINY_PNG, mime: 'image/png' });
    seedMedia(db, mediaDir, 'TIP-RECENT', { id: 'm-shared-b', bytes: TINY_PNG, mime: 'image/png' });
    seedLink(db, 'TIP-OLDCLS', 'phone', '6281200000000');
    addContact('PSEUDO-SECRET-TIP-OLDCLS');
    addContact('PSEUDO-SECRET-TIP-OLDNEW');

    // One day before the period ends, nothing happens.
    expect((await runRetention({ storage, mediaDir, now: T0 + 365 * DAY, retentionDays: 365 })).redacted).toEqual([]);

    const now = T0 + 366 * DAY;
    const res = await runRetention({ storage, mediaDir, now, retentionDays: 365 });
    expect(res.redacted.sort()).toEqual(['TIP-OLDCLS', 'TIP-OLDSPM']);
    expect(res.filesRemoved).toBe(1);

    const old = db.select().from(tips).where(eq(tips.id, 'TIP-OLDCLS')).get()!;
    expect(old).toMatchObject({
      description: null,
      recruiter: null,
      destination: null,
      pseudonym: null,
      redactedAt: now,
      category: 'job_abroad',
      regency: 'Sambas',
      urgency: 'urgent',
      createdAt: T0 - DAY,
      status: 'closed',
    });
    expect(old.answers).toEqual({ category: 'job_abroad', in_danger: true, age: 15, departure: 'within_days' });
    expect(db.select().from(tipMessages).where(eq(tipMessages.tipId, 'TIP-OLDCLS')).all()).toEqual([]);
    expect(db.select().from(media).where(eq(media.tipId, 'TIP-OLDCLS')).all()).toEqual([]);
    expect(db.select().from(tipLinks).where(eq(tipLinks.tipId, 'TIP-OLDCLS')).all()).toEqual([]);
    expect(existsSync(join(mediaDir, shaOld.slice(0, 2), shaOld))).toBe(false);
    expect(existsSync(join(mediaDir, shaShared.slice(0, 2), shaShared))).toBe(true); // still used by TIP-RECENT
    expect(db.select().from(contacts).all().map((c) => c.pseudonym)).toEqual(['PSEUDO-SECRET-TIP-OLDNEW']);

    const untouched = db.select().from(tips).where(eq(tips.id, 'TIP-RECENT')).get()!;
    expect(untouched.description).not.toBeNull();
    expect(db.select().from(tipMessages).where(eq(tipMessages.tipId, 'TIP-RECENT')).get()!.text).toBe('masih ada');
    expect(db.select().from(tips).where(eq(tips.id, 'TIP-OLDNEW')).get()!.redactedAt).toBeNull();
    expect(db.select().from(tips).where(eq(tips.id, 'TIP-OLDHLD')).get()!.description).not.toBeNull();
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'retention.redact')).get()).toMatchObject({ actor: 'system', at: now, detail: { count: 2 } });

    // Idempotent.
    expect((await runRetention({ storage, mediaDir, now: now + DAY, retentionDays: 365 })).redacted).toEqual([]);
  });

  it('drops free text from answers but keeps flags, numbers and choice ids', () => {
    expect(stripFreeText({ a: true, b: 3, c: 'yes_now', d: 'Rumah saya di Jl. Merdeka', e: ['minor', 'passport'], f: ['x y'], g: { nested: 'x' } })).toEqual({
      a: true,
      b: 3,
      c: 'yes_now',
      e: ['minor', 'passport'],
    });
    expect(stripFreeText(null)).toEqual({});
  });
});

describe('createRetentionJob', () => {
  it('runs at start and then once per interval on an injected scheduler, until stopped', async () => {
    seedTip(db, { id: 'TIP-OLDCLS', status: 'closed', updatedAt: T0 });
    seedTip(db, { id: 'TIP-LATER1', status: 'closed', updatedAt: T0 + 10 * DAY });
    let now = T0 + 20 * DAY;
    const queue: Array<{ fn: () => Promise<void>; ms: number; cancelled: boolean }> = [];
    const runs: string[][] = [];
    const job = createRetentionJob({
      storage,
      mediaDir,
      retentionDays: 15,
      clock: () => now,
      intervalMs: DAY,
      schedule: (fn, ms) => {
        const entry = { fn, ms, cancelled: false };
        queue.push(entry);
        return { cancel: () => (entry.cancelled = true) };
      },
      onRun: (r) => runs.push(r.redacted),
    });
    await job.start();
    expect(runs).toEqual([['TIP-OLDCLS']]);
    expect(queue.map((q) => q.ms)).toEqual([DAY]);

    now += 6 * DAY; // TIP-LATER1 is now 16 days old
    await queue.shift()!.fn();
    expect(runs).toEqual([['TIP-OLDCLS'], ['TIP-LATER1']]);

    job.stop();
    expect(queue[0].cancelled).toBe(true);
  });
});

describe('retention in the running service', () => {
  it('forgets idle conversations, old receipt look-ups and dedupe rows, and truncates the WAL', async () => {
    const t = await buildTestApp();
    try {
      const chat = webChat(t.app);
      await chat.start();
      await chat.say('status AAAA-BBBB-CCCC'); // a failed receipt look-up
      await chat.say('menu');
      // Telegram/WhatsApp deliveries leave dedupe rows (web turns carry no platform id).
      const db = rawSql(t.app);
      for (const id of ['1001', '1002', '1003']) await db.run('insert into processed_updates (channel, platform_id, processed_at) values (?, ?, ?)', 'telegram', id, t.clock.now);
      const counts = async () =>
        Promise.all(['conversations', 'receipt_attempts', 'processed_updates'].map(async (table) => (await db.get<{ n: number }>(`select count(*) as n from ${table}`))?.n));
      expect(await counts()).toEqual([1, 1, 3]);

      // A day later the look-up is gone (the throttle needs an hour); the conversation stays a month.
      t.clock.now += DAY + 1;
      expect(await t.app.retention.runOnce()).toMatchObject({ receiptAttempts: 1, conversations: 0 });
      t.clock.now += 7 * DAY;
      expect(await t.app.retention.runOnce()).toMatchObject({ dedupeRows: 3, conversations: 0 });
      t.clock.now += 23 * DAY;
      const run = await t.app.retention.runOnce();
      expect(run).toMatchObject({ conversations: 1, checkpointed: true });
      expect(await counts()).toEqual([0, 0, 0]);
      if (t.app.storage.sqlite) expect(statSync(`${t.config.DATABASE_PATH}-wal`).size).toBe(0);
    } finally {
      await t.close();
    }
  });
});
