/**
 * Identifiers that name a recruiter — phone numbers, links and social handles, bank and
 * e-wallet accounts, agency names — normalised so that tips written differently about the same
 * recruiter link up ("0812-3456-7890", "+62 812 3456 7890" and "wa.me/6281234567890" are one
 * number). Pure string work, no I/O.
 */

/** What an identifier is; `value` is normalised per kind (see {@link extractIdentifiers}). */
export type IdentifierKind = 'phone' | 'link' | 'bank' | 'agency';

/** One normalised identifier found in a text. */
export interface Identifier {
  kind: IdentifierKind;
  value: string;
}

// ---------------------------------------------------------------------------------------------
// Phones

/**
 * Normalise an Indonesian or Malaysian phone number to E.164 digits without "+"
 * (`6281234567890`, `60123456789`), or null when it cannot be one.
 *
 * ```ts
 * normalisePhone('0812-3456-7890')      // '6281234567890'
 * normalisePhone('+62 (0)812 3456 7890') // '6281234567890'
 * normalisePhone('012-345 6789')        // '60123456789'
 * ```
 */
export function normalisePhone(raw: string): string | null {
  const plus = /^\s*(\+|00)/.test(raw);
  let d = raw.replace(/\D/g, '');
  if (d.startsWith('00')) d = d.slice(2);
  if (/^(62|60)0/.test(d)) d = d.slice(0, 2) + d.slice(3); // "+62 (0)812…"
  // Indonesia mobile: 08xx + 6–9 more digits (10–13 in all).
  if (/^08\d{8,11}$/.test(d)) return `62${d.slice(1)}`;
  if (/^628\d{8,11}$/.test(d)) return d;
  // Malaysia mobile: 01x + 7–8 digits.
  if (/^01\d{8,9}$/.test(d)) return `60${d.slice(1)}`;
  if (/^601\d{8,9}$/.test(d)) return d;
  // Landlines: Indonesian area codes (0561 Pontianak…), Malaysian with a country code.
  if (/^0[2-79]\d{7,10}$/.test(d)) return `62${d.slice(1)}`;
  if (plus && /^62[2-79]\d{7,10}$/.test(d)) return d;
  if (plus && /^60[2-9]\d{7,8}$/.test(d)) return d;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Links and handles

const TLDS =
  'com|net|org|id|co\\.id|or\\.id|web\\.id|my|com\\.my|me|ly|io|info|biz|xyz|site|online|link|app|gl|to|cc|tk|sg|asia|shop|store|live|vip|top|club|gg|page|tv|co|in|cn|tw|kh';
const RE_URL = new RegExp(
  `(?<![\\w@.-])(?:https?:\\/\\/)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${TLDS})(?::\\d+)?(?![\\w-])(?:\\/[^\\s<>"'\`]*)?`,
  'gi',
);
const RE_EMAIL = /(?<![\w.+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
const RE_HANDLE = /(?<![\w@.])@([a-z0-9_](?:[a-z0-9._]{0,28}[a-z0-9_])?)/gi;

const HOST_ALIASES: Record<string, string> = {
  'instagr.am': 'instagram.com',
  'fb.com': 'facebook.com',
  'fb.me': 'facebook.com',
  'telegram.me': 't.me',
  'telegram.dog': 't.me',
  'twitter.com': 'x.com',
};
/** Hosts whose paths are case-insensitive user names, so the whole link can be lower-cased. */
const CASELESS_HOSTS = new Set(['instagram.com', 'facebook.com', 'tiktok.com', 't.me', 'x.com']);
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'igshid', 'igsh', 'si', 'mibextid', 'ref', 'ref_src', 'ref_url', '_t', '_r',
  'is_from_webapp', 'sender_device', 'share_app_id', 'share_id', 'rdid', 'sfnsn', 's', 't',
  'feature', 'app', 'hl', 'locale', 'lang',
]);

/** Social platforms named before an "@handle", and the link each handle stands for. */
const HANDLE_PLATFORMS: Array<{ re: RegExp; link: (h: string) => string }> = [
  { re: /\b(?:ig|insta|instagram)\b/gi, link: (h) => `instagram.com/${h}` },
  { re: /\b(?:tiktok|tik tok|tt)\b/gi, link: (h) => `tiktok.com/@${h}` },
  { re: /\b(?:fb|facebook)\b/gi, link: (h) => `facebook.com/${h}` },
  { re: /\b(?:telegram|tele|tg)\b/gi, link: (h) => `t.me/${h}` },
  { re: /\b(?:twitter)\b/gi, link: (h) => `x.com/${h}` },
];

/** What a link means: a WhatsApp link is a phone number, anything else a normalised link. */
type LinkMeaning = { kind: 'phone'; value: string } | { kind: 'link'; value: string };

/**
 * Normalise a link: no scheme, host lower-cased without `www.`/`m.`, tracking parameters and
 * fragment removed, no trailing slash. Social profile paths are lower-cased too.
 *
 * ```ts
 * normaliseLink('https://www.Instagram.com/Kerja.Malaysia/?igshid=abc') // 'instagram.com/kerja.malaysia'
 * ```
 */
export function normaliseLink(raw: string): string | null {
  const m = interpretLink(raw);
  return m?.kind === 'link' ? m.value : null;
}

const TRAILING = new Set([...'.,;:!?)]}>\'"']);

/** Drop trailing punctuation with a loop (a `[…]+$` regex is quadratic on a long run of it). */
function trimTrailing(raw: string): string {
  let end = raw.length;
  while (end > 0 && TRAILING.has(raw[end - 1])) end--;
  return raw.slice(0, end);
}

function interpretLink(raw: string): LinkMeaning | null {
  const trimmed = trimTrailing(raw);
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return null;
  }
  let host = url.hostname.toLowerCase().replace(/^(?:www\d?|m|mobile|web)\./, '');
  host = HOST_ALIASES[host] ?? host;
  if (host === 'wa.me' || host === 'api.whatsapp.com' || host === 'whatsapp.com') {
    const digits = host === 'wa.me' ? url.pathname.slice(1) : (url.searchParams.get('phone') ?? '');
    const phone = normalisePhone(`+${digits.replace(/\D/g, '')}`) ?? normalisePhone(digits);
    if (phone) return { kind: 'phone', value: phone };
  }
  let path = url.pathname.replace(/\/+$/, '');
  const params: string[] = [];
  for (const [k, v] of url.searchParams) {
    const key = k.toLowerCase();
    if (key.startsWith('utm_') || TRACKING_PARAMS.has(key)) continue;
    params.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  }
  if (CASELESS_HOSTS.has(host)) path = path.toLowerCase();
  const query = params.length > 0 ? `?${params.join('&')}` : '';
  return { kind: 'link', value: `${host}${path}${query}` };
}

// ---------------------------------------------------------------------------------------------
// Bank and e-wallet accounts

/** Named banks and e-wallets → the code used in values (`bri:1234567890`). */
const BANKS: Array<{ re: string; code: string; wallet?: boolean }> = [
  { re: 'bank\\s+rakyat\\s+indonesia|bri', code: 'bri' },
  { re: 'bank\\s+central\\s+asia|bca', code: 'bca' },
  { re: 'bank\\s+negara\\s+indonesia|bni', code: 'bni' },
  { re: 'mandiri', code: 'mandiri' },
  { re: 'bank\\s+syariah\\s+indonesia|bsi', code: 'bsi' },
  { re: 'cimb(?:\\s+niaga)?', code: 'cimb' },
  { re: 'danamon', code: 'danamon' },
  { re: 'permata', code: 'permata' },
  { re: 'btn', code: 'btn' },
  { re: 'bank\\s+kalbar', code: 'bankkalbar' },
  { re: 'muamalat', code: 'muamalat' },
  { re: 'maybank', code: 'maybank' },
  { re: 'seabank', code: 'seabank' },
  { re: 'bank\\s+jago|jago', code: 'jago' },
  { re: 'dana', code: 'dana', wallet: true },
  { re: 'ovo', code: 'ovo', wallet: true },
  { re: 'go-?pay', code: 'gopay', wallet: true },
  { re: 'shopee\\s?pay', code: 'shopeepay', wallet: true },
  { re: 'link\\s?aja', code: 'linkaja', wallet: true },
];
const GENERIC_ACCOUNT = 'no\\.?\\s?rek(?:ening)?|norek|rekening|rek|bank|a\\/n|atm|transfer|tf';
const RE_BANK_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${BANKS.map((b) => `(${b.re})`).join('|')}|(${GENERIC_ACCOUNT}))(?![\\p{L}\\p{N}])`,
  'giu',
);
const RE_PHONE_WORD = /(?<![\p{L}\p{N}])(?:wa|whatsapp|hp|telp|telepon|tel|hubungi|kontak|call|phone)(?![\p{L}\p{N}])/giu;
/** Runs of digits with the separators people type inside numbers. */
const RE_NUMBER = /(?<![\p{N}\p{L}])\+?\(?\d[\d\s().-]{5,24}\d(?![\p{N}\p{L}])/gu;
const RE_AMOUNT_BEFORE = /(?:rp|idr|rm|usd|\$|sgd)\.?\s*$/i;
const RE_AMOUNT_AFTER = /^\s*(?:juta|jt|ribu|rb|ringgit|rupiah|k\b|ribuan)/i;
const RE_THOUSANDS = /^\d{1,3}(?:[.,]\d{3})+$/;

interface Hit {
  at: number;
  kind: IdentifierKind;
  value: string;
}

interface WordAt {
  at: number;
  end: number;
  code: string | null;
  wallet: boolean;
}

function bankWords(text: string): WordAt[] {
  const out: WordAt[] = [];
  for (const m of text.matchAll(RE_BANK_WORD)) {
    const idx = m.slice(1, BANKS.length + 1).findIndex((g) => g !== undefined);
    const bank = idx >= 0 ? BANKS[idx] : undefined;
    out.push({ at: m.index, end: m.index + m[0].length, code: bank?.code ?? null, wallet: bank?.wallet ?? false });
  }
  return out;
}

/** Index of the first word whose `at` is >= `pos` (words are in text order). */
function firstAtOrAfter(words: WordAt[], pos: number): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid].at < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Words starting within [from, to), found by binary search so each number costs O(log n + k). */
function wordsBetween(words: WordAt[], from: number, to: number): WordAt[] {
  const out: WordAt[] = [];
  for (let i = firstAtOrAfter(words, from); i < words.length && words[i].at < to; i++) out.push(words[i]);
  return out;
}

/** The nearest bank word before `at` (within 40 chars) or just after the number (within 20). */
function nearestBankWord(words: WordAt[], at: number, end: number): WordAt | null {
  let best: WordAt | null = null;
  let bestDist = Number.POSITIVE_INFINITY;
  // A bank word is at most ~25 chars long, so one ending within 40 before `at` starts after at - 70.
  for (const w of wordsBetween(words, at - 70, end + 21)) {
    // A word after the number counts double: "BRI 123…" is more usual than "123… (BRI)".
    const dist = w.end <= at ? at - w.end : w.at >= end ? (w.at - end) * 2 : Number.POSITIVE_INFINITY;
    if (dist <= 40 && dist < bestDist) {
      best = w;
      bestDist = dist;
    }
  }
  if (best && best.code === null) {
    // "no rek 123 (BRI)": a generic word; name the bank if one is mentioned close by.
    const named = wordsBetween(words, at - 60, at + 61).filter((w) => w.code !== null);
    if (named.length > 0) {
      named.sort((x, y) => Math.abs(x.at - at) - Math.abs(y.at - at));
      return { ...best, code: named[0].code, wallet: named[0].wallet };
    }
  }
  return best;
}

function nearestPhoneWordDistance(text: string, at: number): number {
  let best = Number.POSITIVE_INFINITY;
  const start = Math.max(0, at - 40);
  for (const m of text.slice(start, at).matchAll(RE_PHONE_WORD)) {
    best = Math.min(best, at - (start + m.index + m[0].length));
  }
  return best;
}

function numbers(text: string, taken: Coverage, hits: Hit[]): void {
  const words = bankWords(text);
  for (const m of text.matchAll(RE_NUMBER)) {
    const raw = m[0].replace(/[\s(.-]+$/, '');
    const at = m.index;
    const end = at + raw.length;
    if (taken.overlaps(at, end)) continue;
    if (RE_AMOUNT_BEFORE.test(text.slice(Math.max(0, at - 5), at))) continue;
    if (RE_AMOUNT_AFTER.test(text.slice(end, end + 10))) continue;
    if (RE_THOUSANDS.test(raw.trim())) continue;
    const digits = raw.replace(/\D/g, '');
    const phone = normalisePhone(raw);
    const bank = nearestBankWord(words, at, end);
    if (bank && digits.length >= 8 && digits.length <= 16) {
      const bankDist = bank.end <= at ? at - bank.end : Number.POSITIVE_INFINITY;
      if (bank.wallet) {
        hits.push({ at, kind: 'bank', value: `${bank.code}:${phone ?? digits}` });
        if (phone) hits.push({ at, kind: 'phone', value: phone });
        continue;
      }
      if (!(phone && nearestPhoneWordDistance(text, at) < bankDist)) {
        hits.push({ at, kind: 'bank', value: `${bank.code ?? 'bank'}:${digits}` });
        continue;
      }
    }
    if (phone) hits.push({ at, kind: 'phone', value: phone });
  }
}

// ---------------------------------------------------------------------------------------------
// Agencies

const RE_AGENCY = /(?<![\p{L}\p{N}])(p\.?\s?t|c\.?\s?v)\.?(?=[\s:])[\s:]+/giu;
const AGENCY_STOP = new Set(
  (
    'yang yg di dari ke itu ini tsb tersebut katanya kata dan atau untuk utk dengan dgn is in the a an ' +
    'which that who resmi legal ilegal apakah apa ada tidak tdk gak ga nggak ngga enggak bukan berizin ' +
    'terdaftar sudah udah sdh mau minta punya milik menawarkan nawarin buka cabang kantor alamat agen ' +
    'agency kah ya saya sy aku kami kita kamu anda lengkap terbaru asked says said dalam pada oleh ' +
    'bilang lewat via has have was are be sebagai jadi bisa boleh tolong cek benar beneran penipu ' +
    'menipu rekrut merekrut cari mencari namanya nama asli palsu itu? kirim send to and or of for'
  ).split(' '),
);
const MAX_AGENCY_WORDS = 6;
/** One word of a name (sticky): a name ends at a newline or punctuation. Read word by word, so a
 * match costs its few words, never the rest of the text. */
const RE_NAME_WORD = /[^\S\n]*([^\s,.;:!?()"/[\]]{1,60})/y;

/**
 * Normalise an agency name for linking and registry lookup: case folded, "PT"/"P.T."/"CV"
 * and "Tbk" dropped, punctuation removed, spaces collapsed.
 *
 * ```ts
 * normaliseAgencyName('P.T. Sinar-Jaya  ABADI, Tbk.') // 'sinar jaya abadi'
 * ```
 */
export function normaliseAgencyName(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^\s*(?:p\.?\s?t|c\.?\s?v)\.?(?=[\s:])[\s:]+/u, '')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim()
    .replace(/(?:^| )tbk$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function agencies(text: string, hits: Hit[]): void {
  const seen = new Map<string, string>();
  for (const m of text.matchAll(RE_AGENCY)) {
    const start = m.index + m[0].length;
    // A name is at most MAX_AGENCY_WORDS words: look at a bounded window, never the whole rest.
    const words: string[] = [];
    let pos = start;
    while (words.length <= MAX_AGENCY_WORDS) {
      RE_NAME_WORD.lastIndex = pos;
      const w = RE_NAME_WORD.exec(text);
      if (!w) break;
      words.push(w[1]);
      pos = RE_NAME_WORD.lastIndex;
    }
    const name: string[] = [];
    const capitalised = /^\p{Lu}/u.test(words[0] ?? '');
    for (const w of words) {
      if (name.length >= MAX_AGENCY_WORDS) break;
      const bare = w.toLowerCase().replace(/[^\p{L}\p{N}&-]/gu, '');
      if (bare === '' || AGENCY_STOP.has(bare)) break;
      if (capitalised && /^\p{Ll}/u.test(w)) break;
      name.push(w);
    }
    const joined = name.join(' ');
    let value = seen.get(joined);
    if (value === undefined) {
      value = normaliseAgencyName(joined);
      seen.set(joined, value);
    }
    if (value !== '' && !/^\d+$/.test(value)) hits.push({ at: m.index, kind: 'agency', value });
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Which characters an earlier identifier already covers. Marking and checking cost the length of
 * the range, and ranges checked/marked never overlap each other, so the whole pass stays linear
 * (a list of ranges searched per match was quadratic on texts full of links and numbers).
 */
class Coverage {
  private readonly covered: Uint8Array;
  constructor(length: number) {
    this.covered = new Uint8Array(length);
  }
  mark(start: number, end: number): void {
    this.covered.fill(1, start, end);
  }
  overlaps(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.covered[i] === 1) return true;
    return false;
  }
}

/**
 * Every recruiter identifier in a text, normalised and deduplicated, in order of appearance:
 * - `phone`: E.164 digits, e.g. `6281234567890` (any written format, also `wa.me/…` links);
 * - `link`: host + path without scheme, `www.` or tracking parameters; `@handle` after a named
 *   platform becomes that platform's profile link (`instagram.com/handle`), otherwise `@handle`;
 *   an e-mail address becomes `mailto:address`;
 * - `bank`: `code:digits` for accounts near a bank word (`bri:012301012345501`); e-wallets
 *   (`dana:6281234567890`) also yield the phone number they are tied to;
 * - `agency`: the name after "PT"/"CV", see {@link normaliseAgencyName}.
 *
 * ```ts
 * extractIdentifiers('Hubungi WA +62 812-3456-7890, transfer ke BRI 0123-01-012345-50-1')
 * // [{ kind: 'phone', value: '6281234567890' }, { kind: 'bank', value: 'bri:012301012345501' }]
 * ```
 */
export function extractIdentifiers(text: string): Identifier[] {
  const hits: Hit[] = [];
  const taken = new Coverage(text.length);

  for (const m of text.matchAll(RE_EMAIL)) {
    taken.mark(m.index, m.index + m[0].length);
    hits.push({ at: m.index, kind: 'link', value: `mailto:${m[0].toLowerCase()}` });
  }
  for (const m of text.matchAll(RE_URL)) {
    if (taken.overlaps(m.index, m.index + m[0].length)) continue;
    taken.mark(m.index, m.index + m[0].length);
    const meaning = interpretLink(m[0]);
    if (meaning) hits.push({ at: m.index, ...meaning });
  }
  for (const m of text.matchAll(RE_HANDLE)) {
    if (taken.overlaps(m.index, m.index + 1)) continue;
    const handle = m[1].toLowerCase().replace(/\.+$/, '');
    const context = text.slice(Math.max(0, m.index - 25), m.index);
    let platform: (typeof HANDLE_PLATFORMS)[number] | undefined;
    let platformAt = -1;
    for (const p of HANDLE_PLATFORMS) {
      for (const pm of context.matchAll(p.re)) {
        if (pm.index > platformAt) {
          platformAt = pm.index;
          platform = p;
        }
      }
    }
    hits.push({ at: m.index, kind: 'link', value: platform ? platform.link(handle) : `@${handle}` });
  }
  numbers(text, taken, hits);
  agencies(text, hits);

  hits.sort((x, y) => x.at - y.at);
  const seen = new Set<string>();
  const out: Identifier[] = [];
  for (const h of hits) {
    const key = `${h.kind}\u0000${h.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: h.kind, value: h.value });
  }
  return out;
}
