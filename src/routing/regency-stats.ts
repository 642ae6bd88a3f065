/**
 * The province's view (RAD 2025–2029 figures): per regency and per team — tips, urgent share,
 * median time from report to first claim, open cases. Spam is left out. The rows come from the tips
 * repository's read model (`figureRows`: tips and the audit trail, where a claim is the first
 * `tip.claim` or a `tip.status` to claimed/in progress); this module only aggregates them.
 */
import type { TipFigureRow, TipsRepository } from '../tips/tips-repository.js';

export type Figures = {
  tips: number;
  urgent: number;
  /** urgent / tips, 0–1 with two decimals (0 when there are no tips). */
  urgentShare: number;
  /** Cases not closed: new, claimed or in progress. */
  open: number;
  claimed: number;
  /** Median minutes from report to first claim, over claimed tips; null when none was claimed. */
  medianMinutesToClaim: number | null;
};

export type RegencyStats = {
  regencies: Array<Figures & { regency: string; team: string }>;
  teams: Array<Figures & { team: string; regencies: string[] }>;
};

type Row = TipFigureRow;

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function figures(rows: Row[]): Figures {
  const tips = rows.length;
  const urgent = rows.filter((r) => r.urgency === 'urgent').length;
  const waits = rows.filter((r) => r.claimed_at !== null).map((r) => Math.max(0, (r.claimed_at as number) - r.created_at) / 60_000);
  const m = median(waits);
  return {
    tips,
    urgent,
    urgentShare: tips ? Math.round((urgent / tips) * 100) / 100 : 0,
    open: rows.filter((r) => r.status === 'new' || r.status === 'claimed' || r.status === 'in_progress').length,
    claimed: waits.length,
    medianMinutesToClaim: m === null ? null : Math.round(m * 10) / 10,
  };
}

/**
 * ```ts
 * await regencyStats(tipsRepository, { teamOf: routing.teamIdOf, regencies: officer.regencies });
 * ```
 */
export async function regencyStats(
  tipsRepository: Pick<TipsRepository, 'figureRows'>,
  opts: { teamOf: (regency: string) => string; regencies?: readonly string[] | null },
): Promise<RegencyStats> {
  const rows = await tipsRepository.figureRows(opts.regencies ?? null);
  const byRegency = new Map<string, Row[]>();
  for (const r of rows) {
    const key = r.regency ?? 'unknown';
    byRegency.set(key, [...(byRegency.get(key) ?? []), r]);
  }
  const regencies = [...byRegency]
    .map(([regency, rs]) => ({ regency, team: opts.teamOf(regency), ...figures(rs) }))
    .sort((a, b) => b.tips - a.tips || a.regency.localeCompare(b.regency));
  const byTeam = new Map<string, { regencies: string[]; rows: Row[] }>();
  for (const [regency, rs] of byRegency) {
    const team = opts.teamOf(regency);
    const t = byTeam.get(team) ?? { regencies: [], rows: [] };
    t.regencies.push(regency);
    t.rows.push(...rs);
    byTeam.set(team, t);
  }
  const teams = [...byTeam]
    .map(([team, t]) => ({ team, regencies: t.regencies.sort(), ...figures(t.rows) }))
    .sort((a, b) => b.tips - a.tips || a.team.localeCompare(b.team));
  return { regencies, teams };
}
