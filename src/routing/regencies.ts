/**
 * The report flow's regency option ids (flows/report.flow.ts), split into those a regency team can
 * own and those that always belong to the province (`outside_kalbar`, `abroad`, `unknown`).
 * Read from the flow itself, so a new option cannot drift from the routes validation.
 */
import reportFlow from '../../flows/report.flow.js';

/** Regency ids that never get a regency team: the province handles them. */
export const PROVINCE_ONLY_REGENCIES = ['outside_kalbar', 'abroad', 'unknown'] as const;

function regencyOptionIds(): string[] {
  const step = reportFlow.steps.regency;
  if (step?.kind !== 'choice') throw new Error('report flow: the regency step must be a choice');
  return step.options.map((o) => o.id);
}

/** Every id the report's regency step can store (what a tip's `regency` holds). */
export const ALL_REGENCY_IDS: readonly string[] = regencyOptionIds();

/** The 14 kabupaten/kota of West Kalimantan: the ids a route may name. */
export const ROUTABLE_REGENCY_IDS: readonly string[] = ALL_REGENCY_IDS.filter(
  (id) => !(PROVINCE_ONLY_REGENCIES as readonly string[]).includes(id),
);

/**
 * Parse a comma-separated regency list (the `--regency` option), rejecting unknown ids.
 *
 * ```ts
 * parseRegencyList('sambas, bengkayang'); // { ok: true, ids: ['sambas', 'bengkayang'] }
 * ```
 */
export function parseRegencyList(raw: string): { ok: true; ids: string[] } | { ok: false; unknown: string[] } {
  const ids = [...new Set(raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const unknown = ids.filter((id) => !ALL_REGENCY_IDS.includes(id));
  if (unknown.length || ids.length === 0) return { ok: false, unknown };
  return { ok: true, ids };
}
