/**
 * Where evidence files live (`<mediaDir>/<sha256[0..2]>/<sha256>`, the evidence store's layout)
 * and how officer-side deletions remove them: a file goes only when no media row still names it,
 * because identical evidence sent to two cases is stored once.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Storage } from '../storage/storage.js';

/** Absolute path of a stored evidence file. */
export function mediaPath(mediaDir: string, sha256: string): string {
  if (!/^[a-f0-9]{64}$/.test(sha256)) throw new Error('not a sha256');
  return join(mediaDir, sha256.slice(0, 2), sha256);
}

/**
 * Delete the files among `shas` that no media row references any more. Call after the rows are
 * gone (and committed): one read, then the disk, outside any transaction. Returns how many files
 * were removed.
 */
export async function removeUnreferencedFiles(s: Storage, mediaDir: string, shas: Iterable<string>): Promise<number> {
  const wanted = [...new Set(shas)];
  if (!wanted.length) return 0;
  const { media } = s.t;
  const still = new Set((await s.run((q) => q.select({ sha: media.sha256 }).from(media).where(inArray(media.sha256, wanted)))).map((r) => r.sha));
  let removed = 0;
  for (const sha of wanted) {
    if (still.has(sha)) continue;
    try {
      rmSync(mediaPath(mediaDir, sha), { force: true });
      removed++;
    } catch {
      // A missing or undeletable file must not undo the erase; retention retries nothing here.
    }
  }
  return removed;
}
