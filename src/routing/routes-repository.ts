/**
 * Storage of the regency routes: the `taskforce_routes` table (what survives restarts and runtime
 * edits) and, in `meta`, the hash of the routes file last applied — so a changed file overrides
 * the database at start while an unchanged one leaves runtime edits alone.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../storage/db.js';
import { meta, taskforceRoutes } from '../storage/schema.js';
import type { Routes } from './routes-schema.js';

const FILE_HASH_KEY = 'routing.routes_file_sha256';

/**
 * ```ts
 * const repo = createRoutesRepository(db);
 * repo.replace({ sambas: { telegramChatId: '-100111', officerIds: ['8101'] } }, Date.now());
 * ```
 */
export function createRoutesRepository(db: Db) {
  return {
    /** Every stored route, keyed by regency id. */
    load(): Routes {
      const out: Routes = {};
      for (const r of db.select().from(taskforceRoutes).orderBy(taskforceRoutes.regency).all()) {
        out[r.regency] = {
          telegramChatId: r.telegramChatId,
          officerIds: Array.isArray(r.officerIds) ? r.officerIds.map(String) : [],
          ...(r.whatsappJid ? { whatsappJid: r.whatsappJid } : {}),
        };
      }
      return out;
    },

    /** Swap the whole routing table (call inside a transaction with its audit entry). */
    replace(routes: Routes, now: number): void {
      db.delete(taskforceRoutes).run();
      for (const [regency, r] of Object.entries(routes)) {
        db.insert(taskforceRoutes)
          .values({ regency, telegramChatId: r.telegramChatId, officerIds: r.officerIds, whatsappJid: r.whatsappJid ?? null, updatedAt: now })
          .run();
      }
    },

    fileHash(): string | undefined {
      return db.select({ value: meta.value }).from(meta).where(eq(meta.key, FILE_HASH_KEY)).get()?.value;
    },

    setFileHash(hash: string): void {
      db.insert(meta).values({ key: FILE_HASH_KEY, value: hash }).onConflictDoUpdate({ target: meta.key, set: { value: hash } }).run();
    },
  };
}
