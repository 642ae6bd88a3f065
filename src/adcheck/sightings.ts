/**
 * What job-ad checks leave behind: for each identifier an advert names (phone, link, account,
 * agency — normalised exactly as tips' links are), a keyed hash and a count. Officers see "this
 * number was checked N times" beside the tips that name it; nobody can list what was checked,
 * and nothing about who checked or when is stored. The public answer never reads these counts.
 *
 * Only this file touches `adcheck_sightings`.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { Q, Storage } from '../storage/storage.js';
import { extractIdentifiers, type Identifier } from '../triage/identifiers.js';

/** The most identifiers one check records (a pasted wall of numbers must not flood the table). */
const MAX_PER_CHECK = 20;

/**
 * On the storage port; both methods run in the caller's transaction or run handle `q`. The count
 * is one upsert (`count + 1`), atomic on both backends, so instances checking at once never lose
 * a sighting.
 *
 * ```ts
 * const sightings = createSightings(app.storage, config.PSEUDONYM_SECRET);
 * await storage.tx((q) => sightings.recordAdvert(q, 'WA 0812-3456-7890 …'));
 * await storage.run((q) => sightings.countsFor(q, [{ kind: 'phone', value: '6281234567890' }])); // Map { 'phone:6281234567890' => 1 }
 * ```
 */
export function createSightings(s: Storage, secret: string) {
  const { adcheckSightings } = s.t;
  // A key of its own: these hashes cannot be compared with sender pseudonyms.
  const key = Buffer.from(hkdfSync('sha256', secret, 'waspada', 'adcheck-sightings-v1', 32));
  const hashOf = (id: Identifier) => createHmac('sha256', key).update(`${id.kind}:${id.value}`).digest('base64url');

  return {
    /** Count every identifier an advert names, once per check. Call inside the turn's transaction. */
    async recordAdvert(q: Q, text: string): Promise<number> {
      const ids = extractIdentifiers(text).slice(0, MAX_PER_CHECK);
      // One hash once per check, in a fixed order (two checks upserting the same rows never deadlock).
      const hashes = [...new Set(ids.map(hashOf))].sort();
      if (hashes.length) {
        await q
          .insert(adcheckSightings)
          .values(hashes.map((hash) => ({ hash, count: 1 })))
          .onConflictDoUpdate({ target: adcheckSightings.hash, set: { count: sql`${adcheckSightings.count} + 1` } });
      }
      return ids.length;
    },

    /** How often each of these identifiers was seen in checks (absent: never), keyed `kind:value`. */
    async countsFor(q: Q, ids: Identifier[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      if (ids.length === 0) return out;
      const byHash = new Map(ids.map((id) => [hashOf(id), `${id.kind}:${id.value}`]));
      const hashes = [...byHash.keys()];
      for (let i = 0; i < hashes.length; i += 500) {
        const rows = await q.select().from(adcheckSightings).where(inArray(adcheckSightings.hash, hashes.slice(i, i + 500)));
        for (const r of rows) out.set(byHash.get(r.hash) as string, r.count);
      }
      return out;
    },
  };
}

export type Sightings = ReturnType<typeof createSightings>;
