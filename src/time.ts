/**
 * West Kalimantan's clock, in one place: every local date, time and week the service shows or
 * schedules by (status replies, alerts, the digest hour, charts, registry validity) comes from
 * here, through `Intl` with the `Asia/Pontianak` zone — no hand-written UTC offsets elsewhere.
 * Pure: instants come in as milliseconds.
 */

/** The zone reporters and officers live in (WIB). */
export const TIME_ZONE = 'Asia/Pontianak';
/** How the zone is written after a time for people (cheap phones show no zone names). */
export const ZONE_LABEL = 'WIB';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock reading in Pontianak at instant `ms`. */
export function localParts(ms: number): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second };
}

/** The zone's offset from UTC at `ms` (7 h for WIB), derived from Intl, never assumed. */
export function zoneOffsetMs(ms: number): number {
  const p = localParts(ms);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Local date as ISO `YYYY-MM-DD`.
 *
 * ```ts
 * localDate(Date.UTC(2026, 0, 1, 18)); // '2026-01-02' (01:00 WIB)
 * ```
 */
export function localDate(ms: number): string {
  const p = localParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Local date and time as people read it: `YYYY-MM-DD HH:mm WIB`. */
export function localDateTime(ms: number): string {
  const p = localParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} ${ZONE_LABEL}`;
}

/** The instant of `hour`:00 local time on the local day containing `ms`. */
export function localHourOn(ms: number, hour: number): number {
  const p = localParts(ms);
  return Date.UTC(p.year, p.month - 1, p.day, hour) - zoneOffsetMs(ms);
}

/** ISO-8601 week label (`2026-W05`) of the local day containing `ms`. */
export function isoWeek(ms: number): string {
  const p = localParts(ms);
  const dayUtc = Date.UTC(p.year, p.month - 1, p.day);
  const weekday = new Date(dayUtc).getUTCDay() || 7; // Mon=1..Sun=7
  const thursday = dayUtc + (4 - weekday) * 86_400_000;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${pad(week)}`;
}
