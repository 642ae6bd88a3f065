/**
 * Reading an advert for the companies it names and the licence-like numbers it quotes. Pure
 * string work, linear in the advert's length (every regex here is anchored on a keyword and
 * reads a bounded window after it).
 *
 * Licence numbers are never validated against a format (DOMAIN.md §1: formats differ across
 * years and issuers): a "licence-like number" is only what follows a licence word and carries
 * digits, delimited, not judged.
 */
import { normaliseName } from '../registry/normalise.js';

/** One company named in an advert, as quoted and normalised like the registry does. */
export type CompanyMention = {
  /** The words as the advert wrote them, legal form included ("PT. Contoh Maju Jaya"). */
  quoted: string;
  /** `normaliseName(quoted)`: what the registry compares. */
  norm: string;
  /** The legal form as a lower-case word: pt, cv, yayasan, lpk, … */
  form: string;
};

/** Legal forms and institution words that introduce a company name. */
const FORMS: Array<{ re: string; form: string }> = [
  { re: 'p\\.?\\s?t\\.?', form: 'pt' },
  { re: 'c\\.?\\s?v\\.?', form: 'cv' },
  { re: 'yayasan', form: 'yayasan' },
  { re: 'lpk', form: 'lpk' },
  { re: 'blk(?:ln)?', form: 'blk' },
  { re: 'pjtki', form: 'pjtki' },
  { re: 'pptkis', form: 'pptkis' },
  { re: 'p3mi', form: 'p3mi' },
  { re: 'koperasi', form: 'koperasi' },
  { re: 'agensi(?:\\s+pekerjaan)?', form: 'agensi' },
  { re: 'agency', form: 'agency' },
];
const RE_FORM = new RegExp(`(?<![\\p{L}\\p{N}])(?:${FORMS.map((f) => `(${f.re})`).join('|')})(?=[\\s:])[\\s:]+`, 'giu');

/**
 * Words that end a company name in an advert: verbs and nouns of job ads, prepositions, and
 * words that begin the next clause. A name word that is NOT listed here is kept, so an impostor
 * name one word longer than a licensed one ("… Internasional Group") stays longer.
 */
const STOP = new Set(
  (
    'yang yg di dari ke itu ini tsb tersebut dan atau untuk utk dengan dgn sebagai jadi bisa boleh ' +
    'buka membuka dibuka menerima terima butuh butuhkan membutuhkan dibutuhkan mencari cari rekrut merekrut ' +
    'merekrut lowongan loker lowker info informasi bekerja penempatan resmi berizin ' +
    'terdaftar legal kembali kini hadir segera sedang akan telah sudah sdh udah hubungi hub kontak wa whatsapp ' +
    'telp hp alamat kantor cabang beralamat berlokasi lokasi bertempat pusat no nomor nomer izin ijin sip3mi ' +
    'siup nib kep kepmen agen sponsor calon cpmi pmi tki tkw gaji syarat persyaratan untuk ' +
    'program posisi kami kita anda membuka adalah ialah merupakan via lewat melalui pada oleh bersama ' +
    'mengundang mengajak memberangkatkan berangkat penyalur penyalurnya perusahaan company is the a an of for ' +
    'hiring recruiting needs need seeks urgently open telah bagi sila silakan dengan memerlukan perlukan diperlukan ' +
    'mempunyai ada tidak tdk gak punya milik'
  ).split(' '),
);
const MAX_NAME_WORDS = 6;

/**
 * Every company an advert names after a legal form or institution word, in order, deduplicated
 * by normalised name. A name is read word by word after the form and ends at punctuation, a
 * stop word, a number, or (for a capitalised name) the first lower-case word.
 *
 * ```ts
 * readCompanies('Dibuka lowongan PT. Contoh Maju Jaya membuka 20 posisi')
 * // [{ quoted: 'PT. Contoh Maju Jaya', norm: 'contoh maju jaya', form: 'pt' }]
 * ```
 */
export function readCompanies(text: string): CompanyMention[] {
  const out: CompanyMention[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(RE_FORM)) {
    const idx = m.slice(1, FORMS.length + 1).findIndex((g) => g !== undefined);
    const form = FORMS[idx]?.form ?? 'pt';
    const start = m.index + m[0].length;
    // A bounded window: a name is a few words; "(FIKTIF)" markers pass, other brackets stop.
    const window = text.slice(start, start + 120).replace(/\(\s*(?:fiktif|fictional)\s*\)/gi, ' ');
    const rest = window.split(/[\n,;:!?()"/[\]|•*]|\.(?:\s|$)/)[0];
    const words = rest.split(/\s+/).filter((w) => w !== '');
    const name: string[] = [];
    const capitalised = /^\p{Lu}/u.test(words[0] ?? '');
    for (const w of words) {
      if (name.length >= MAX_NAME_WORDS) break;
      const bare = w.toLowerCase().replace(/[^\p{L}\p{N}&'-]/gu, '');
      if (bare === '' || STOP.has(bare) || /^\d/.test(bare)) break;
      if (capitalised && name.length > 0 && /^\p{Ll}/u.test(w) && !['dan', '&'].includes(bare)) break;
      name.push(w.replace(/[.]+$/, ''));
    }
    // Malaysian forms end the name: "Agensi Pekerjaan Cahaya Sdn Bhd".
    const sdn = name.findIndex((w) => /^sdn$/i.test(w));
    if (sdn > 0) name.splice(sdn);
    if (name.length === 0) continue;
    const quoted = `${m[0].trim().replace(/:$/, '')} ${name.join(' ')}`.replace(/\s+/g, ' ').trim();
    const norm = normaliseName(name.join(' '));
    if (!norm || /^\d+$/.test(norm) || seen.has(norm)) continue;
    seen.add(norm);
    out.push({ quoted, norm, form });
  }
  return out;
}

/** Words that introduce a licence number, and licence numbers that carry their own word. */
const RE_LICENSE_LABEL =
  /(?<![\p{L}\p{N}])(?:no(?:mor|mer)?\.?\s*)?(?:izin|ijin|sip3mi|sippmi|sip2mi|sipptki|sippptki|siup|lisensi|license|licence|lesen|permit\s+no)(?:\s+(?:p3mi|usaha|resmi|penempatan|no|nomor|nomer))?[\s.:#-]*(?:no\.?|nomor|nomer)?[\s.:#-]*/giu;
const RE_LICENSE_SELF = /(?<![\p{L}\p{N}-])(?:kep(?:men)?(?:\s*(?:no|nomor)\.?)?[\s.:-]*\d)/giu;

/**
 * Licence-like numbers quoted in an advert, as written (trimmed), deduplicated. Never validated
 * against a format: only delimited (tokens with digits or short capitals after a licence word).
 *
 * ```ts
 * readLicenceNumbers('No. Izin: KEP 118/2019, hub WA 0812…') // ['KEP 118/2019']
 * ```
 */
export function readLicenceNumbers(text: string): string[] {
  const found: string[] = [];
  const take = (from: number) => {
    const tokens = text.slice(from, from + 60).split(/[\s]+/);
    const kept: string[] = [];
    for (const raw of tokens) {
      if (kept.length >= 6) break;
      const tok = raw.replace(/[,;:)]+$/, '');
      if (tok === '') {
        if (kept.length) break;
        continue;
      }
      const ok = /^[\p{L}\p{N}./-]+$/u.test(tok) && (/\d/.test(tok) || /^[A-Z][A-Z./-]{0,7}$/.test(tok) || /^(?:tahun|thn|th|no|nomor)$/i.test(tok));
      if (!ok) break;
      kept.push(tok);
      if (raw !== tok) break;
    }
    while (kept.length && !/\d/.test(kept[kept.length - 1])) kept.pop();
    const value = kept.join(' ').replace(/[.]+$/, '');
    if ((value.match(/\d/g) ?? []).length >= 2) found.push(value);
  };
  for (const m of text.matchAll(RE_LICENSE_LABEL)) take(m.index + m[0].length);
  for (const m of text.matchAll(RE_LICENSE_SELF)) take(m.index);
  const seen = new Set<string>();
  return found.filter((v) => {
    const k = v.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
