/**
 * The routes document — `TASKFORCE_ROUTES_FILE` and `PUT /api/admin/routes` share it:
 * `{"sambas": {"telegramChatId": "-100…", "officerIds": ["123"], "whatsappJid"?: "…@g.us"}, …}`.
 * Validated with zod; every problem is one line naming the entry, so a deployer can fix a file
 * in one pass.
 */
import { z } from 'zod';
import { PROVINCE_ONLY_REGENCIES, ROUTABLE_REGENCY_IDS } from './regencies.js';

export const routeSchema = z
  .object({
    telegramChatId: z.string().regex(/^-?\d+$/, 'must be a numeric Telegram chat id (as a string, e.g. "-1001234567890")'),
    officerIds: z.array(z.string().regex(/^\d+$/, 'must be numeric Telegram user ids (as strings)')).max(500),
    whatsappJid: z.string().regex(/^[\d-]+@g\.us$/, 'must be a WhatsApp group JID like 1203630...@g.us').optional(),
  })
  .strict();

/** One regency team. */
export type Route = z.infer<typeof routeSchema>;
/** Regency id → team. */
export type Routes = Record<string, Route>;

export type RoutesParse = { ok: true; routes: Routes } | { ok: false; problems: string[] };

/**
 * Validate a parsed routes document: unknown regency ids, province-only ids and malformed teams
 * each give one line (`sambas.telegramChatId: must be …`).
 *
 * ```ts
 * parseRoutes({ sambas: { telegramChatId: '-100111', officerIds: ['8101'] } }); // { ok: true, routes }
 * ```
 */
export function parseRoutes(data: unknown): RoutesParse {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, problems: ['must be a JSON object mapping regency ids to teams'] };
  }
  const problems: string[] = [];
  const routes: Routes = {};
  for (const [key, value] of Object.entries(data)) {
    if ((PROVINCE_ONLY_REGENCIES as readonly string[]).includes(key)) {
      problems.push(`${key}: always goes to the province (TASKFORCE_TELEGRAM_CHAT_ID); remove this entry`);
      continue;
    }
    if (!ROUTABLE_REGENCY_IDS.includes(key)) {
      problems.push(`${key}: unknown regency id (use one of ${ROUTABLE_REGENCY_IDS.join(', ')})`);
      continue;
    }
    const parsed = routeSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.length ? `.${issue.path.map(String).join('.')}` : '';
        problems.push(`${key}${path}: ${issue.message}`);
      }
      continue;
    }
    routes[key] = parsed.data.whatsappJid ? parsed.data : { telegramChatId: parsed.data.telegramChatId, officerIds: parsed.data.officerIds };
  }
  return problems.length ? { ok: false, problems } : { ok: true, routes };
}
