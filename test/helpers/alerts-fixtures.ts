/** Shared fixtures for the alerts tests: a migrated SQLite file in a tmp dir and tip rows. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateStorage } from '../../src/storage/migrate.js';
import { openPostgresStorage } from '../../src/storage/postgres.js';
import { freshPgDatabase } from './backend.js';
import type { ChannelRegistry } from '../../src/channels/channel-registry.js';
import { type Config, parseConfig } from '../../src/config.js';
import { createTipsRepository, type TipsRepository } from '../../src/tips/tips-repository.js';
import { enqueueJob } from '../../src/storage/outbox.js';
import { recordAudit } from '../../src/storage/audit-log.js';
import { openSqliteStorage, type Q, type Storage } from '../../src/storage/storage.js';
import type { Db } from '../../src/storage/db.js';
import { contacts, tips } from '../../src/storage/schema.js';

export const SECRET = 's'.repeat(64);
export const GROUP = '-1001234567890';
export const OFFICER = 111;
export const STRANGER = 999;

/**
 * A fresh, migrated database on `backend`, as the storage port; `another()` opens a second handle
 * on the same database (a second instance, or the same service after a restart).
 */
export async function tempStorage(backend: 'sqlite' | 'postgres'): Promise<{ s: Storage; another(): Storage; cleanup(): Promise<void> }> {
  const handles: Storage[] = [];
  let open: () => Storage;
  let dir: string | undefined;
  if (backend === 'sqlite') {
    dir = mkdtempSync(join(tmpdir(), 'waspada-alerts-'));
    const path = join(dir, 'test.db');
    open = () => openSqliteStorage(path);
  } else {
    const url = await freshPgDatabase();
    open = () => openPostgresStorage(url, { max: 4 });
    const first = open();
    handles.push(first);
    await migrateStorage(first, { DATABASE_URL: url });
  }
  if (!handles.length) {
    handles.push(open());
    await migrateStorage(handles[0], {});
  }
  return {
    s: handles[0],
    another() {
      const h = open();
      handles.push(h);
      return h;
    },
    async cleanup() {
      for (const h of handles.splice(0)) await h.close().catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tip row through the port (either backend); same defaults as `insertTip`. */
export async function addTip(s: Storage, t: TipInput, q?: Q): Promise<void> {
  const values = tipValues(t);
  if (q) await q.insert(s.t.tips).values(values);
  else await s.run((h) => h.insert(s.t.tips).values(values));
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

function tipValues(t: TipInput): typeof tips.$inferInsert {
  return {
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
  };
}

export function insertTip(db: Db, t: TipInput): void {
  db.insert(tips).values(tipValues(t)).run();
}

export function insertContact(db: Db, pseudonym: string, channel: string, addressEnc: string): void {
  db.insert(contacts).values({ pseudonym, channel, addressEnc, createdAt: 0, updatedAt: 0 }).run();
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

/** The tips repository on a storage port (either backend), as app.ts builds it. */
export function tipsRepositoryOn(storage: Storage, channels: ChannelRegistry, mediaDir = join(tmpdir(), 'waspada-no-media')): TipsRepository {
  return createTipsRepository({
    storage,
    mediaDir,
    canPush: (channel) => channels.canPush(channel),
    enqueueRelay: (q, tipMessageId, now) => enqueueJob(storage, q, { kind: 'relay_reply', payload: { tipMessageId }, idempotencyKey: `relay:${tipMessageId}`, now }),
    audit: (q, entry) => recordAudit(storage, q, entry),
  });
}
