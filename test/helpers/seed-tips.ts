/**
 * Seed tips, thread messages, evidence and links straight into SQLite with drizzle, so officer
 * tests do not depend on the report flow. Every seeded tip carries a recognisable pseudonym and
 * receipt hash, so tests can prove they never leave the server.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/storage/db.js';
import { media, tipLinks, tipMessages, tips } from '../../src/storage/schema.js';

export const SEED_PSEUDONYM_PREFIX = 'PSEUDO-SECRET-';
export const SEED_RECEIPT_PREFIX = 'RECEIPTHASH-SECRET-';

export type SeedTip = Partial<typeof tips.$inferInsert> & { id: string };

let counter = 0;

/** Insert one tip with sensible defaults; returns its id. */
export function seedTip(db: Db, t: SeedTip): string {
  counter++;
  db.insert(tips)
    .values({
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
    })
    .run();
  return t.id;
}

/** Add a thread message. */
export function seedMessage(db: Db, tipId: string, m: { direction: string; text: string; author?: string | null; createdAt: number }) {
  db.insert(tipMessages).values({ tipId, author: m.author ?? null, direction: m.direction, text: m.text, createdAt: m.createdAt }).run();
}

/** Store bytes the way the evidence store does and attach them to a tip. */
export function seedMedia(
  db: Db,
  mediaDir: string,
  tipId: string,
  m: { id: string; bytes: Buffer; mime: string; kind?: string; createdAt?: number },
): string {
  const sha = createHash('sha256').update(m.bytes).digest('hex');
  mkdirSync(join(mediaDir, sha.slice(0, 2)), { recursive: true });
  writeFileSync(join(mediaDir, sha.slice(0, 2), sha), m.bytes);
  db.insert(media)
    .values({ id: m.id, tipId, sha256: sha, mime: m.mime, size: m.bytes.length, kind: m.kind ?? 'photo', createdAt: m.createdAt ?? 1_767_225_600_000 })
    .run();
  return sha;
}

/** Link a tip to a normalised identifier (phone, agency, link, bank). */
export function seedLink(db: Db, tipId: string, kind: string, value: string) {
  db.insert(tipLinks).values({ tipId, kind, value }).run();
}

/** A valid 2×2 red PNG (no external tools needed). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);
