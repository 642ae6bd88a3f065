/** Shared fixtures for the alerts tests: a migrated SQLite file in a tmp dir and tip rows. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelRegistry } from '../../src/channels/channel-registry.js';
import { type Config, parseConfig } from '../../src/config.js';
import { createTipsRepository, type TipsRepository } from '../../src/tips/tips-repository.js';
import { enqueueJob } from '../../src/storage/outbox.js';
import { recordAudit } from '../../src/storage/audit-log.js';
import { sqliteStorage } from '../../src/storage/storage.js';
import { type Db, openDb } from '../../src/storage/db.js';
import { runMigrations } from '../../src/storage/migrate.js';
import { contacts, tipLinks, tips } from '../../src/storage/schema.js';

export const SECRET = 's'.repeat(64);
export const GROUP = '-1001234567890';
export const OFFICER = 111;
export const STRANGER = 999;

/** A fresh database file; `reopen()` opens a second connection to the same file (a "restart"). */
export function tempDb(): { db: Db; path: string; reopen(): Db; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-alerts-'));
  const path = join(dir, 'test.db');
  const db = openDb(path);
  runMigrations(db);
  const opened: Db[] = [db];
  return {
    db,
    path,
    reopen() {
      const d = openDb(path);
      opened.push(d);
      return d;
    },
    cleanup() {
      for (const d of opened) {
        try {
          d.$client.close();
        } catch {}
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return parseConfig(
    {
      TELEGRAM_BOT_TOKEN: '123456:TEST-token',
      TASKFORCE_TELEGRAM_CHAT_ID: GROUP,
      TASKFORCE_OFFICER_IDS: `${OFFICER},222`,
      ...env,
    },
    { secret: SECRET },
  );
}

export type TipInput = Partial<typeof tips.$inferInsert> & { id: string };

export function insertTip(db: Db, t: TipInput): void {
  db.insert(tips)
    .values({
      receiptHash: `hash-${t.id}`,
      pseudonym: `pseudo-${t.id}`,
      channel: 'telegram',
      locale: 'id',
      category: 'job_abroad',
      regency: 'Sambas',
      destination: 'Malaysia',
      recruiter: 'Pak Budi 0812',
      description: 'Paspor adik saya ditahan agen',
      answers: {},
      urgency: 'urgent',
      urgencyScore: 90,
      urgencyReasons: ['passport_held', 'danger_now'],
      status: 'new',
      complete: true,
      mayContact: false,
      createdAt: 0,
      updatedAt: 0,
      ...t,
    })
    .run();
}

export function insertContact(db: Db, pseudonym: string, channel: string, addressEnc: string): void {
  db.insert(contacts).values({ pseudonym, channel, addressEnc, createdAt: 0, updatedAt: 0 }).run();
}

export function linkTips(db: Db, kind: string, value: string, ...tipIds: string[]): void {
  for (const tipId of tipIds) db.insert(tipLinks).values({ tipId, kind, value }).run();
}

/** A controllable clock. */
export function fakeClock(start = Date.UTC(2026, 2, 1, 0, 0, 0)) {
  let t = start;
  const clock = () => t;
  return Object.assign(clock, {
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  });
}

/** The tips repository as app.ts builds it (for service-level tests of the alerts room). */
export function tipsRepositoryFor(db: Db, channels: ChannelRegistry, mediaDir = join(tmpdir(), 'waspada-no-media')): TipsRepository {
  const storage = sqliteStorage(db, { ownsDb: false });
  return createTipsRepository({
    storage,
    mediaDir,
    canPush: (channel) => channels.canPush(channel),
    enqueueRelay: (q, tipMessageId, now) => enqueueJob(storage, q, { kind: 'relay_reply', payload: { tipMessageId }, idempotencyKey: `relay:${tipMessageId}`, now }),
    audit: (q, entry) => recordAudit(storage, q, entry),
    legacy: { db },
  });
}
