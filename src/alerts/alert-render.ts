/**
 * Task-force texts, pure: the group alert, the holder line after a claim, escalations, the
 * claiming officer's private details, the daily digest, and a WhatsApp plain-text variant.
 *
 * Indonesian, because that is the task force's language. Telegram texts are HTML with every
 * user-provided field escaped. Nothing here ever receives a receipt, a pseudonym or a
 * reporter address: the view types simply have no such fields.
 */
import { localDateTime } from '../time.js';
import { escapeHtml, escapeWhatsApp, joinLines } from '../channels/channel-text.js';

import { reasonText } from './reason-words.js';

/** The summary of a tip that an alert may show. */
export type AlertView = {
  id: string;
  urgency: 'urgent' | 'normal' | string;
  reasons: string[];
  regency: string | null;
  category: string | null;
  destination: string | null;
  recruiter: string | null;
  /** Only shown in group alerts when ALERT_INCLUDE_DESCRIPTION is on. */
  description: string | null;
  complete: boolean;
  relatedCount: number;
  status: string;
  claimedBy: string | null;
  createdAt: number;
  /** Where the person is now (`where_now` answer id), when known. */
  whereNow?: string | null;
  /** How many people (`people_count` answer id), when known. */
  peopleCount?: string | null;
  /** Reasons that appeared when a follow-up made a normal tip urgent (the alert says what changed). */
  risenBy?: string[];
};

/** Everything the claiming officer gets privately. */
export type DetailsView = AlertView & {
  channel: string;
  answers: Record<string, unknown>;
  mediaCount: number;
  related: string[];
  /** The follow-up thread, oldest first. */
  thread: Array<{ direction: string; author: string | null; text: string | null; createdAt: number }>;
};

/** A Telegram inline keyboard, structurally compatible with grammY's `InlineKeyboardMarkup`. */
export type InlineKeyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

export type TelegramText = { text: string; reply_markup?: InlineKeyboard };

/** Telegram message length limit, minus a margin. */
const TELEGRAM_MAX = 4000;
/** How much free text a group alert may carry. */
const DESCRIPTION_MAX = 300;

/** Escape for Telegram HTML (one home for every channel: `channels/channel-text.ts`). */
export { escapeHtml };

/** Cut to `max` characters on a word boundary when possible, with an ellipsis. */
export function truncate(s: string, max: number): string {
  const clean = s.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** Fallback labels for report categories (flow option ids) when no catalog is given. */
export const CATEGORY_LABELS: Record<string, string> = {
  job_abroad: 'Kerja di luar negeri',
  job_domestic: 'Kerja di dalam negeri',
  marriage: 'Perkawinan / pengantin pesanan',
  internship: 'Magang atau sekolah',
  online_scam: 'Kerja "IT" / penerjemah (online)',
  domestic_work: 'Pembantu rumah tangga (ART)',
  other: 'Lainnya',
};

/**
 * Flow text catalog (`flows/locales/id.json`): option ids stored on a tip (category, regency,
 * yes/no answers) are shown with the same words the reporter saw. Optional; ids are humanised
 * without it.
 */
export type Catalog = Record<string, string>;

const humanise = (id: string) => id.replace(/_/g, ' ');

/** A reason id in the task force's words (Indonesian). */
export function reasonLabel(id: string): string {
  return reasonText(id, 'id');
}

export function categoryLabel(id: string | null, catalog?: Catalog): string | null {
  if (!id) return null;
  return catalog?.[`report.cat.${id}`] ?? CATEGORY_LABELS[id] ?? humanise(id);
}

export function regencyLabel(id: string | null, catalog?: Catalog): string | null {
  if (!id) return null;
  return catalog?.[`regency.${id}`] ?? id;
}

const isUrgent = (v: { urgency: string }) => v.urgency === 'urgent';

/** `#<id>` as shown to officers (the tip id is receipt-free by construction). */
export function caseLabel(id: string): string {
  return `#${id}`;
}

/** Callback data of the alert buttons: `a:<action>:<tipId>` (≤ 64 bytes for Telegram). */
export function alertCallbackData(action: 'claim' | 'close' | 'spam', tipId: string): string {
  return `a:${action}:${tipId}`;
}

/** Buttons under an alert: Klaim only while nobody holds the tip; none once it is finished. */
export function alertKeyboard(view: Pick<AlertView, 'id' | 'status'>): InlineKeyboard | undefined {
  if (view.status === 'closed' || view.status === 'spam') return undefined;
  const row = [
    { text: 'Tutup', callback_data: alertCallbackData('close', view.id) },
    { text: 'Spam', callback_data: alertCallbackData('spam', view.id) },
  ];
  if (view.status === 'new') row.unshift({ text: 'Klaim', callback_data: alertCallbackData('claim', view.id) });
  return { inline_keyboard: [row] };
}

/** The holder / outcome line shown under an alert after an officer acted. */
export function holderLine(view: Pick<AlertView, 'status' | 'claimedBy'>): string | null {
  const who = view.claimedBy ? escapeHtml(view.claimedBy) : null;
  switch (view.status) {
    case 'claimed':
    case 'in_progress':
      return who ? `👮 Ditangani oleh: ${who}` : '👮 Sedang ditangani';
    case 'closed':
      return who ? `✅ Ditutup (ditangani oleh: ${who})` : '✅ Ditutup';
    case 'spam':
      return '🚫 Ditandai spam';
    default:
      return null;
  }
}

type Line = [label: string, value: string | null | undefined];

function fieldLines(lines: Line[], esc: (s: string) => string, bold: (s: string) => string): string[] {
  return lines.filter(([, v]) => v != null && v !== '').map(([k, v]) => `${bold(k)}: ${esc(v as string)}`);
}

function summaryLines(
  v: AlertView,
  esc: (s: string) => string,
  bold: (s: string) => string,
  catalog?: Catalog,
): string[] {
  const lines: Line[] = [
    ['Kategori', categoryLabel(v.category, catalog)],
    ['Kabupaten/Kota', regencyLabel(v.regency, catalog)],
    ['Tujuan', v.destination],
    ['Perekrut', v.recruiter ? truncate(v.recruiter, 120) : null],
    ['Di mana sekarang', v.whereNow ? (catalog?.[`where_now.${v.whereNow}`] ?? humanise(v.whereNow)) : null],
    ['Jumlah orang', v.peopleCount ? (catalog?.[`people_count.${v.peopleCount}`] ?? humanise(v.peopleCount)) : null],
  ];
  const out = fieldLines(lines, esc, bold);
  if (v.relatedCount > 0) out.push(`${bold('Laporan terkait')}: ${v.relatedCount}`);
  if (!v.complete) out.push('⚠️ Laporan belum lengkap');
  return out;
}

function headline(v: AlertView, bold: (s: string) => string, esc: (s: string) => string): string[] {
  const level = isUrgent(v) ? '🚨 MENDESAK' : 'Laporan biasa';
  const out = [`${bold(level)} — kasus ${esc(caseLabel(v.id))}`];
  if (v.reasons.length) out.push(`Alasan: ${esc(v.reasons.map(reasonLabel).join(', '))}`);
  if (v.risenBy?.length) {
    out.push(`⬆️ Naik menjadi mendesak setelah informasi tambahan dari pelapor: ${esc(v.risenBy.map(reasonLabel).join(', '))}`);
  }
  return out;
}

const htmlBold = (s: string) => `<b>${s}</b>`;

/**
 * The group alert (Telegram HTML) with Klaim / Tutup / Spam buttons.
 *
 * ```ts
 * const { text, reply_markup } = renderTelegramAlert(view, { includeDescription: false });
 * await api.sendMessage(chatId, text, { parse_mode: 'HTML', reply_markup });
 * ```
 */
export type RenderOptions = { includeDescription: boolean; catalog?: Catalog };

export function renderTelegramAlert(v: AlertView, opts: RenderOptions): TelegramText {
  const lines = [...headline(v, htmlBold, escapeHtml), ...summaryLines(v, escapeHtml, htmlBold, opts.catalog)];
  if (opts.includeDescription && v.description) {
    lines.push(`${htmlBold('Uraian')}: ${escapeHtml(truncate(v.description, DESCRIPTION_MAX))}`);
  }
  const holder = holderLine(v);
  if (holder) lines.push('', holder);
  else lines.push('', 'Klaim untuk menerima rincian lengkap lewat chat pribadi. Balas pesan ini untuk menjawab pelapor.');
  return { text: lines.join('\n'), reply_markup: alertKeyboard(v) };
}

/** A re-alert for an urgent tip nobody claimed: `ESKALASI #n — belum diklaim selama X menit`. */
export function renderEscalation(
  v: AlertView,
  opts: RenderOptions & { n: number; minutes: number },
): TelegramText {
  const base = renderTelegramAlert(v, opts);
  const head = `⏰ ${htmlBold(`ESKALASI #${opts.n}`)} — belum diklaim selama ${formatMinutes(opts.minutes)}`;
  return { text: `${head}\n${base.text}`, reply_markup: base.reply_markup };
}

/** `90` → `90 menit`; `1500` → `25 jam`. */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 120) return `${m} menit`;
  return `${Math.round(m / 60)} jam`;
}

/** Pontianak local time as `YYYY-MM-DD HH:mm WIB` (`time.ts`). */
export const formatLocal = localDateTime;

const ANSWER_LABELS: Record<string, string> = {
  danger_now: 'Ada yang dalam bahaya sekarang',
  departure: 'Keberangkatan',
  departure_soon: 'Segera berangkat',
  minor: 'Melibatkan anak',
  passport_held: 'Paspor ditahan',
  already_abroad: 'Sudah di luar negeri',
  where_now: 'Di mana sekarang',
  people_count: 'Jumlah orang',
};

function answerValue(key: string, v: unknown, catalog?: Catalog): string | null {
  if (v == null || v === '') return null;
  if (typeof v === 'boolean') return v ? 'Ya' : 'Tidak';
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return null;
  if (key === 'departure') return catalog?.[`report.dep.${v}`] ?? humanise(v);
  if (key === 'where_now' || key === 'people_count') return catalog?.[`${key}.${v}`] ?? catalog?.[`common.${v}`] ?? humanise(v);
  if (v === 'yes' || v === 'no' || v === 'unsure') return catalog?.[`common.${v}`] ?? { yes: 'Ya', no: 'Tidak', unsure: 'Tidak tahu' }[v];
  return v;
}

/**
 * The claiming officer's private message: every field, the description, the thread and the
 * evidence count. Still no receipt, pseudonym or address — the officer never learns who reported.
 */
export function renderOfficerDetails(v: DetailsView, catalog?: Catalog): string[] {
  const lines = [...headline(v, htmlBold, escapeHtml), `Diterima: ${formatLocal(v.createdAt)} (kanal ${escapeHtml(v.channel)})`];
  lines.push(...summaryLines(v, escapeHtml, htmlBold, catalog));
  const skip = new Set(['category', 'regency', 'destination', 'recruiter', 'description', 'may_contact', 'receipt', 'evidence', 'where_now', 'people_count']);
  const extra: Line[] = Object.entries(v.answers)
    .filter(([k]) => !skip.has(k))
    .map(([k, val]) => [ANSWER_LABELS[k] ?? humanise(k), answerValue(k, val, catalog)]);
  lines.push(...fieldLines(extra, escapeHtml, htmlBold));
  if (v.related.length) lines.push(`${htmlBold('Kasus terkait')}: ${v.related.map(caseLabel).map(escapeHtml).join(', ')}`);
  lines.push(`${htmlBold('Bukti')}: ${v.mediaCount} berkas (lihat dasbor)`);
  if (v.description) lines.push('', htmlBold('Uraian:'), escapeHtml(v.description));
  if (v.thread.length) {
    lines.push('', htmlBold('Percakapan:'));
    for (const m of v.thread.slice(-10)) {
      const who = m.direction === 'in' ? 'Pelapor' : m.direction === 'out' ? `Petugas ${m.author ?? ''}`.trim() : 'Catatan';
      lines.push(`• ${escapeHtml(who)} (${formatLocal(m.createdAt)}): ${escapeHtml(truncate(m.text ?? '', 500))}`);
    }
    if (v.thread.length > 10) lines.push(`(${v.thread.length - 10} pesan sebelumnya di dasbor)`);
  }
  lines.push('', 'Balas pesan ini untuk menjawab pelapor secara anonim.');
  return splitMessages(lines);
}

/** A reporter's follow-up, forwarded to the holder (full text) or to the group (text only if allowed). */
export function renderFollowUp(v: Pick<AlertView, 'id'>, text: string | null, opts: { includeText: boolean }): string {
  const head = `📩 Informasi tambahan dari pelapor untuk kasus ${escapeHtml(caseLabel(v.id))}`;
  if (!opts.includeText || !text) return `${head}\n(klaim kasus untuk melihat isinya)`;
  return `${head}:\n${escapeHtml(truncate(text, 3000))}\n\nBalas pesan ini untuk menjawab pelapor.`;
}

/**
 * The daily digest of normal tips (Telegram HTML), possibly several messages when long.
 *
 * ```ts
 * renderDigest({ date: '2026-03-01', tips: [view] }); // ['<b>Ringkasan harian …']
 * ```
 */
export function renderDigest(d: { date: string; tips: AlertView[]; catalog?: Catalog }): string[] {
  const lines = [`📋 ${htmlBold(`Ringkasan harian ${d.date}`)} — ${d.tips.length} laporan biasa baru`];
  if (d.tips.length === 0) lines.push('Tidak ada laporan biasa baru sejak ringkasan terakhir.');
  for (const v of d.tips) {
    const parts = [categoryLabel(v.category, d.catalog), regencyLabel(v.regency, d.catalog), v.destination ? `→ ${v.destination}` : null]
      .filter((x): x is string => !!x)
      .map(escapeHtml);
    const flags = [v.relatedCount > 0 ? `${v.relatedCount} terkait` : null, v.complete ? null : 'belum lengkap']
      .filter((x): x is string => !!x)
      .join(', ');
    lines.push(`• ${escapeHtml(caseLabel(v.id))} ${parts.join(' · ')}${flags ? ` (${flags})` : ''}`);
  }
  lines.push('', 'Semua laporan ada di dasbor.');
  return splitMessages(lines);
}

/** Join lines into messages no longer than Telegram allows, breaking between lines. */
export function splitMessages(lines: string[], max = TELEGRAM_MAX): string[] {
  return joinLines(lines, max);
}

/** WhatsApp marker neutralising, shared with the WhatsApp channel (`channels/channel-text.ts`). */
export { escapeWhatsApp };

/** The urgent alert for the WhatsApp group (plain text, numbered actions are on Telegram/dashboard). */
export function renderWhatsAppAlert(v: AlertView, opts: RenderOptions): string {
  const waBold = (s: string) => `*${s}*`;
  const lines = [...headline(v, waBold, escapeWhatsApp), ...summaryLines(v, escapeWhatsApp, waBold, opts.catalog)];
  if (opts.includeDescription && v.description) {
    lines.push(`${waBold('Uraian')}: ${escapeWhatsApp(truncate(v.description, DESCRIPTION_MAX))}`);
  }
  lines.push('', 'Klaim dan tindak lanjut lewat grup Telegram satgas atau dasbor.');
  return lines.join('\n');
}
