/**
 * Dates as people in West Kalimantan read them: Western Indonesian Time (WIB, from `time.ts`:
 * Asia/Pontianak through Intl) and month names, e.g. "30 November 2026" or "28 November 2026, 10.00 WIB" — never an
 * ISO timestamp in anything a reporter reads.
 */
import type { Locale } from '../messages.js';
import { localParts } from '../time.js';

const MONTHS: Record<Locale, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/**
 * A calendar date (`YYYY-MM-DD`, as the registry stores validity) in words; other input is
 * returned unchanged.
 *
 * ```ts
 * humanDate('2026-11-30', 'id') // '30 November 2026'
 * ```
 */
export function humanDate(isoDate: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  const month = MONTHS[locale][Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : isoDate;
}

/**
 * The WIB calendar date of an instant (epoch ms or an ISO timestamp).
 *
 * ```ts
 * wibDate('2026-11-30T19:50:16.215Z', 'id') // '1 Desember 2026' (02.50 WIB the next day)
 * ```
 */
export function wibDate(at: number | string, locale: Locale): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) return typeof at === 'string' ? at : '';
  const p = localParts(ms);
  return `${p.day} ${MONTHS[locale][p.month - 1]} ${p.year}`;
}

/**
 * Date and time in WIB, e.g. "28 November 2026, 10.00 WIB" (Indonesian uses a dot in times).
 */
export function wibDateTime(ms: number, locale: Locale): string {
  const t = localParts(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const sep = locale === 'id' ? '.' : ':';
  return `${wibDate(ms, locale)}, ${p(t.hour)}${sep}${p(t.minute)} WIB`;
}
