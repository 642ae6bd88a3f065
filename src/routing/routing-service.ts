/**
 * Regency task forces: which team a tip belongs to, who may act on it, and the routing table's
 * life cycle. The province (`TASKFORCE_TELEGRAM_CHAT_ID`, `TASKFORCE_OFFICER_IDS`,
 * `TASKFORCE_WHATSAPP_JID`) owns every regency without a route and `outside_kalbar`, `abroad`,
 * `unknown`; provincial officers may act on every tip.
 *
 * Precedence: the table in the database is what runs. At start, `TASKFORCE_ROUTES_FILE` (when set)
 * replaces it if the file's content differs from the last file applied; an unchanged file leaves
 * runtime edits (`PUT /api/admin/routes`) in place.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Config, ConfigError } from '../config.js';
import { recordAudit } from '../storage/audit-log.js';
import type { Storage } from '../storage/storage.js';
import { createRoutesRepository } from './routes-repository.js';
import { parseRoutes, type Route, type Routes } from './routes-schema.js';

/** A team as alerts and statistics see it: the province, or the regencies sharing one Telegram group. */
export type Team = {
  /** `province`, or the team's regency ids joined with `+` (e.g. `sambas+bengkayang`). */
  id: string;
  telegramChatId?: string;
  whatsappJid?: string;
  /** Regencies routed to this team (empty for the province: it holds the rest). */
  regencies: string[];
};

/** Whether a Telegram user may act on a tip of that regency: `other_team` is an officer elsewhere. */
export type ActDecision = 'yes' | 'other_team' | 'no';

export type RoutingConfig = Pick<
  Config,
  'TASKFORCE_ROUTES_FILE' | 'TASKFORCE_PROVINCE_SEES_ALL' | 'TASKFORCE_TELEGRAM_CHAT_ID' | 'TASKFORCE_OFFICER_IDS'
>;

/** Canonical JSON (sorted keys) so a reformatted file with the same routes is "unchanged". */
function canonical(routes: Routes): string {
  const sorted = Object.keys(routes)
    .sort()
    .map((k) => [k, { telegramChatId: routes[k].telegramChatId, officerIds: [...routes[k].officerIds], whatsappJid: routes[k].whatsappJid ?? null }]);
  return JSON.stringify(sorted);
}

/**
 * Read and validate `TASKFORCE_ROUTES_FILE`; a bad file throws a `ConfigError` with one line per
 * bad entry, each naming the variable, so start-up stops the same way as for a bad variable.
 */
export function loadRoutesFile(path: string): Routes {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`TASKFORCE_ROUTES_FILE: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    throw new ConfigError([`TASKFORCE_ROUTES_FILE: ${path} is not valid JSON (${err instanceof Error ? err.message : String(err)})`]);
  }
  const parsed = parseRoutes(data);
  if (!parsed.ok) throw new ConfigError(parsed.problems.map((p) => `TASKFORCE_ROUTES_FILE: ${p}`));
  return parsed.routes;
}

/**
 * ```ts
 * const routing = await createRouting({ storage, config, clock }); // applies TASKFORCE_ROUTES_FILE if changed
 * routing.routeFor('sambas')?.telegramChatId;                 // '-100111' or undefined (province)
 * routing.mayAct('8101', 'sambas');                           // 'yes'
 * ```
 */
export async function createRouting(deps: { storage: Storage; config: RoutingConfig; clock: () => number }) {
  const { storage: s, config, clock } = deps;
  const repo = createRoutesRepository(s);
  const provinceOfficers = new Set(config.TASKFORCE_OFFICER_IDS);
  let fileAppliedAt: number | null = null;

  if (config.TASKFORCE_ROUTES_FILE) {
    const fromFile = loadRoutesFile(config.TASKFORCE_ROUTES_FILE);
    const hash = createHash('sha256').update(canonical(fromFile)).digest('hex');
    const now = clock();
    // Instances starting together apply a changed file once: the hash is read under a lock.
    const applied = await s.tx(async (q) => {
      await s.lock(q, 'routing.routes'); // the same lock as the admin API's replace
      if ((await repo.fileHash(q)) === hash) return false;
      const before = Object.keys(await repo.load(q));
      await repo.replace(q, fromFile, now);
      await repo.setFileHash(q, hash);
      await recordAudit(s, q, { actor: 'routes-file', action: 'routes.replace', detail: { source: 'file', before, after: Object.keys(fromFile) }, now });
      return true;
    });
    if (applied) fileAppliedAt = now;
  }

  let routes: Routes = await s.run((q) => repo.load(q));

  function teams(): Team[] {
    const byChat = new Map<string, Team>();
    for (const [regency, r] of Object.entries(routes)) {
      const t = byChat.get(r.telegramChatId) ?? { id: '', telegramChatId: r.telegramChatId, regencies: [] };
      t.regencies.push(regency);
      if (r.whatsappJid && !t.whatsappJid) t.whatsappJid = r.whatsappJid;
      byChat.set(r.telegramChatId, t);
    }
    return [...byChat.values()].map((t) => ({ ...t, id: t.regencies.sort().join('+') }));
  }

  return {
    provinceSeesAll: config.TASKFORCE_PROVINCE_SEES_ALL,
    /** When the routes file last replaced the table in this process (null: unchanged or unset). */
    fileAppliedAt: () => fileAppliedAt,

    routeFor(regency: string | null | undefined): Route | undefined {
      return regency ? routes[regency] : undefined;
    },

    teams,

    /** The team id a regency's tips count under in statistics. */
    teamIdOf(regency: string | null | undefined): string {
      const r = regency ? routes[regency] : undefined;
      if (!r) return 'province';
      return teams().find((t) => t.telegramChatId === r.telegramChatId)?.id ?? 'province';
    },

    /** A copy of the current routing table. */
    list(): Routes {
      return structuredClone(routes);
    },

    /** Replace the table at run time (admin API), audited in the same transaction. */
    async replace(next: Routes, actor: string): Promise<void> {
      const now = clock();
      routes = await s.tx(async (q) => {
        await s.lock(q, 'routing.routes');
        const before = Object.keys(await repo.load(q));
        await repo.replace(q, next, now);
        await recordAudit(s, q, { actor, action: 'routes.replace', detail: { source: 'api', before, after: Object.keys(next) }, now });
        return repo.load(q);
      });
    },

    /**
     * Re-read the table: another instance may have replaced it (`PUT /api/admin/routes` lands on
     * one instance of several). Cheap (one small table); app.ts calls it on a timer.
     */
    async reload(): Promise<void> {
      routes = await s.run((q) => repo.load(q));
    },

    /**
     * Provincial officers act on every tip; a team's officers on their regencies' tips; any other
     * officer is `other_team`; a stranger `no`.
     */
    mayAct(telegramUserId: string, regency: string | null | undefined): ActDecision {
      if (provinceOfficers.has(telegramUserId)) return 'yes';
      const route = regency ? routes[regency] : undefined;
      if (route?.officerIds.includes(telegramUserId)) return 'yes';
      return Object.values(routes).some((r) => r.officerIds.includes(telegramUserId)) ? 'other_team' : 'no';
    },

    /** The province's group or any team's group: where alert buttons and replies are handled. */
    isTaskforceChat(chatId: string): boolean {
      if (config.TASKFORCE_TELEGRAM_CHAT_ID === chatId) return true;
      return Object.values(routes).some((r) => r.telegramChatId === chatId);
    },
  };
}

export type Routing = Awaited<ReturnType<typeof createRouting>>;

/** Province-only routing from the config, for services built without a routing table (tests). */
export function provinceOnlyRouting(config: Pick<Config, 'TASKFORCE_TELEGRAM_CHAT_ID' | 'TASKFORCE_OFFICER_IDS'>): Pick<
  Routing,
  'routeFor' | 'teams' | 'provinceSeesAll' | 'mayAct' | 'isTaskforceChat'
> {
  const officers = new Set(config.TASKFORCE_OFFICER_IDS);
  return {
    provinceSeesAll: false,
    routeFor: () => undefined,
    teams: () => [],
    mayAct: (id) => (officers.has(id) ? 'yes' : 'no'),
    isTaskforceChat: (chatId) => config.TASKFORCE_TELEGRAM_CHAT_ID === chatId,
  };
}
