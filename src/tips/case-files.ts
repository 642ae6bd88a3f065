/**
 * Where evidence files live (`<mediaDir>/<sha256[0..2]>/<sha256>`, the evidence store's layout)
 * and how officer-side deletions remove them: a file goes only when no media row still names it,
 * because identical evidence sent to two cases is stored once.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../storage/db.js';
import { media } from '../storage/schema.js';

/** Absolute path of a stored evidence file. */
export function mediaPath(mediaDir: string, sha256: string): string {
  if (!/^[a-f0-9]{64}$/.test(sha256)) throw new Error('not a sha256');
  return join(mediaDir, sha256.slice(0, 2), sha256);
}

/**
 * Delete the files among `shas` that no media row references any more. Call after the rows are
 * gone (and committed). Returns how many files were removed.
 */
export function removeUnreferencedFiles(db: Db, mediaDir: string, shas: Iterable<string>): number {
  let removed = 0;
  for (const sha of new Set(shas)) {
    const still = db.select({ id: media.id }).from(media).where(eq(media.sha256, sha)).get();
    if (still) continue;
    try {
      rmSync(mediaPath(mediaDir, sha), { force: true });
      removed++;
    } catch {
      // A missing or undeletable file must not undo the erase; retention retries nothing here.
    }
  }
  return removed;
}
