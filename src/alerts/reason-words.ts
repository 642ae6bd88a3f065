/**
 * Triage reasons as words officers read (group alert, private details, dashboard, CSV) — never
 * ids. The words live with the scorer (`REASONS` in `src/triage/indicators.ts`), one table for every
 * reason id the scorer, the alerts and older tips use; every reader imports from here.
 *
 * ```ts
 * reasonText('danger_now', 'id'); // 'ada yang dalam bahaya sekarang'
 * reasonText('retention_of_documents', 'en'); // 'identity documents withheld'
 * ```
 */
import { reasonText as triageReasonText } from '../triage/indicators.js';

export type ReasonLocale = 'id' | 'en';

/** The words for a reason id in `locale`; an unknown id reads as its words (`foo_bar` → `foo bar`). */
export function reasonText(id: string, locale: ReasonLocale = 'id'): string {
  return triageReasonText(id, locale);
}

/** Several reasons as one readable line, e.g. for a CSV cell. */
export function reasonsText(ids: readonly string[], locale: ReasonLocale = 'id'): string {
  return ids.map((id) => reasonText(id, locale)).join('; ');
}
