/**
 * Seed tips, thread messages, evidence and links straight into the database with drizzle, so
 * officer tests do not depend on the report flow. Each helper takes the SQLite handle (`app.db`,
 * synchronous) or the storage port (`app.storage`, either backend: then it returns a promise). Every seeded tip carries a recognisable pseudonym and
 * receipt hash, so tests can prove they never leave the server.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/storage/db.js';
import { media, tipLinks, tipMessages, tips } from '../../src/storage/schema.js';
import type { Storage, Tables } from '../../src/storage/storage.js';

export const SEED_PSEUDONYM_PREFIX = 'PSEUDO-SECRET-';
export const SEED_RECEIPT_PREFIX = 'RECEIPTHASH-SECRET-';

export type SeedTip = Partial<typeof tips.$inferInsert> & { id: string };

let counter = 0;

type Target = Db | Storage;
const isStorage = (t: Target): t is Storage => 'rows' in t && 'exec' in t;

/** Insert into the table named `table` on either handle; sync on `Db`, a promise on `Storage`. */
function insert<K extends 'tips' | 'tipMessages' | 'media' | 'tipLinks'>(target: Target, table: K, values: Tables[K]['$inferInsert']): void | Promise<void> {
  if (isStorage(target)) {
    return target.run(async (q) => {
      await q.insert(target.t[table] as Tables['tips']).values(values as Tables['tips']['$inferInsert']);
    });
  }
  const t = { tips, tipMessages, media, tipLinks }[table] as typeof tips;
  target.insert(t).values(values as typeof tips.$inferInsert).run();
}

/** Insert one tip with sensible defaults; returns its id. */
export function seedTip(db: Db, t: SeedTip): string;
export function seedTip(s: Storage, t: SeedTip): Promise<string>;
export function seedTip(target: Target, t: SeedTip): string | Promise<string> {
  counter++;
  const done = insert(target, 'tips', {
    receiptHash: `${SEED_RECEIPT_PREFIX}${t.id}-${counter}`,
    pseudonym: `${SEED_PSEUDONYM_PREFIX}${t.id}`,
    channel: 'whatsapp',
    locale: 'id',
    category: 'job_abroad',
    regency: 'Sambas',
    destination: 'Malaysia',
    recruiter: 'Pak Budi 0812-0000-0000',
    description: 'Ditawari kerja di kebun sawit, paspor akan dipegang agen.',
    answers: { category: 'job_abroad', departure: 'within_days', note: 'katanya berangkat lewat jalan tikus' },
    urgency: 'normal',
    urgencyScore: 30,
    urgencyReasons: [],
    status: 'new',
    complete: true,
    mayContact: false,
    createdAt: 1_767_225_600_000, // 2026-01-01T00:00:00Z
    updatedAt: 1_767_225_600_000,
    ...t,
  });
  return done ? done.then(() => t.id) : t.id;
}

type SeedMessage = { direction: string; text: string; author?: string | null; createdAt: number };

/** Add a thread message. */
export function seedMessage(db: Db, tipId: string, m: SeedMessage): void;
export function seedMessage(s: Storage, tipId: string, m: SeedMessage): Promise<void>;
export function seedMessage(target: Target, tipId: string, m: SeedMessage): void | Promise<void> {
  return insert(target, 'tipMessages', { tipId, author: m.author ?? null, direction: m.direction, text: m.text, createdAt: m.createdAt });
}

type SeedMedia = { id: string; bytes: Buffer; mime: string; kind?: string; createdAt?: number };

/** Store bytes the way the evidence store does and attach them to a tip; returns the sha256. */
export function seedMedia(db: Db, mediaDir: string, tipId: string, m: SeedMedia): string;
export function seedMedia(s: Storage, mediaDir: string, tipId: string, m: SeedMedia): Promise<string>;
export function seedMedia(target: Target, mediaDir: string, tipId: string, m: SeedMedia): string | Promise<string> {
  const sha = createHash('sha256').update(m.bytes).digest('hex');
  mkdirSync(join(mediaDir, sha.slice(0, 2)), { recursive: true });
  writeFileSync(join(mediaDir, sha.slice(0, 2), sha), m.bytes);
  const done = insert(target, 'media', { id: m.id, tipId, sha256: sha, mime: m.mime, size: m.bytes.length, kind: m.kind ?? 'photo', createdAt: m.createdAt ?? 1_767_225_600_000 });
  return done ? done.then(() => sha) : sha;
}

/** Link a tip to a normalised identifier (phone, agency, link, bank). */
export function seedLink(db: Db, tipId: string, kind: string, value: string): void;
export function seedLink(s: Storage, tipId: string, kind: string, value: string): Promise<void>;
export function seedLink(target: Target, tipId: string, kind: string, value: string): void | Promise<void> {
  return insert(target, 'tipLinks', { tipId, kind, value });
}

/** A valid 2×2 red PNG (no external tools needed). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);
