/**
 * Reads what an attacker with the disk would read: every file under a data directory (the
 * SQLite file, its -wal and -shm, evidence files), as raw bytes, and reports which of the given
 * words appear where. Erasure tests assert the answer is empty right after an erase.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file below `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** `word → files (relative to dir) whose bytes contain it` (UTF-8, and UTF-16LE for good measure); only words found. */
export function wordsOnDisk(dir: string, words: string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const w of words) {
      if (bytes.includes(Buffer.from(w, 'utf8')) || bytes.includes(Buffer.from(w, 'utf16le'))) {
        found[w] = [...(found[w] ?? []), relative(dir, file)];
      }
    }
  }
  return found;
}
