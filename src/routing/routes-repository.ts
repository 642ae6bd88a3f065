/**
 * Storage of the regency routes: the `taskforce_routes` table (what survives restarts and runtime
 * edits) and, in `meta`, the hash of the routes file last applied — so a changed file overrides
 * the database at start while an unchanged one leaves runtime edits alone. On the storage port:
 * each function takes the caller's query handle `q` (a transaction when it writes).
 */
import { asc, eq } from 'drizzle-orm';
import type { Q, Storage } from '../storage/storage.js';
import type { Routes } from './routes-schema.js';

const FILE_HASH_KEY = 'routing.routes_file_sha256';

/**
 * ```ts
 * const repo = createRoutesRepository(storage);
 * await storage.tx((q) => repo.replace(q, { sambas: { telegramChatId: '-100111', officerIds: ['8101'] } }, Date.now()));
 * ```
 */
export function createRoutesRepository(s: Storage) {
  const { taskforceRoutes, meta } = s.t;
  return {
    /** Every stored route, keyed by regency id. */
    async load(q: Q): Promise<Routes> {
      const out: Routes = {};
      for (const r of await q.select().from(taskforceRoutes).orderBy(asc(taskforceRoutes.regency))) {
        out[r.regency] = {
          telegramChatId: r.telegramChatId,
          officerIds: Array.isArray(r.officerIds) ? r.officerIds.map(String) : [],
          ...(r.whatsappJid ? { whatsappJid: r.whatsappJid } : {}),
        };
      }
      return out;
    },

    /** Swap the whole routing table (call inside a transaction with its audit entry). */
    async replace(q: Q, routes: Routes, now: number): Promise<void> {
      await q.delete(taskforceRoutes);
      for (const [regency, r] of Object.entries(routes)) {
        await q
          .insert(taskforceRoutes)
          .values({ regency, telegramChatId: r.telegramChatId, officerIds: r.officerIds, whatsappJid: r.whatsappJid ?? null, updatedAt: now });
      }
    },

    async fileHash(q: Q): Promise<string | undefined> {
      const [row] = await q.select({ value: meta.value }).from(meta).where(eq(meta.key, FILE_HASH_KEY)).limit(1);
      return row?.value;
    },

    async setFileHash(q: Q, hash: string): Promise<void> {
      await q.insert(meta).values({ key: FILE_HASH_KEY, value: hash }).onConflictDoUpdate({ target: meta.key, set: { value: hash } });
    },
  };
}
