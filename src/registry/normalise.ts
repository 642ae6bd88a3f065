/**
 * Normalisation of agency names and licence numbers, so that the many ways people write one
 * licensed company ("PT. Maju-Jaya Abadi, Tbk", "maju jaya abadi") compare equal, and so that
 * `exact` in a registry answer means "the same normalised name or licence", nothing looser.
 *
 * Licence numbers are never validated against a pattern: formats differ across years and
 * issuers (DOMAIN.md §1). They are only canonicalised.
 */

/** Tokens that say what legal form a company has; they carry no identity. */
const LEGAL_FORM_TOKENS = new Set(['pt', 'cv', 'tbk', 'persero', 'sdn', 'bhd', 'ltd', 'pte', 'llc', 'inc']);

/** Two-word legal forms, removed as a pair. */
const LEGAL_FORM_PAIRS: Array<[string, string]> = [['perseroan', 'terbatas']];

/** Common spellings and abbreviations mapped to one canonical token. */
const TOKEN_ALIASES: Record<string, string> = {
  intl: 'internasional',
  international: 'internasional',
  internasinal: 'internasional',
  interasional: 'internasional',
  and: 'dan',
};

/**
 * The demo registry's marker "(FIKTIF)" is not part of a name's identity: someone typing the
 * demo name without it should still get an exact answer.
 */
const DEMO_MARKER = /\(\s*(?:fiktif|fictional)\s*\)/gi;

/** Strip diacritics with NFKD (é → e, full-width letters → ASCII) and lower-case. */
function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * Canonical form of an agency name for comparison and indexing: lower-case ASCII words
 * separated by single spaces, without legal-form tokens (PT, CV, Tbk, "Perseroan Terbatas",
 * "(Persero)", Sdn Bhd…), with "&" as "dan" and "Int'l"/"Intl"/"International" as "internasional".
 * "Indo" and other words are kept as written.
 *
 * ```ts
 * normaliseName('PT. Maju-Jaya Abadi, Tbk'); // 'maju jaya abadi'
 * normaliseName('P.T. Sinar & Int\'l');       // 'sinar dan internasional'
 * ```
 */
export function normaliseName(s: string): string {
  let t = fold(s.replace(DEMO_MARKER, ' '));
  t = t.replace(/&/g, ' dan ');
  // Apostrophes join (int'l → intl); other punctuation separates.
  t = t.replace(/['’‘`´]/g, '');
  // Dotted single-letter acronyms collapse: "p.t." → "pt", "c.v" → "cv".
  t = t.replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){1,}\p{L}(?![\p{L}\p{N}])\.?/gu, (m) => m.replace(/\./g, ''));
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (!t) return '';
  const raw = t.split(' ').map((w) => TOKEN_ALIASES[w] ?? w);
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i];
    const pair = LEGAL_FORM_PAIRS.find(([a, b]) => a === w && raw[i + 1] === b);
    if (pair) {
      i++;
      continue;
    }
    if (LEGAL_FORM_TOKENS.has(w)) continue;
    kept.push(w);
  }
  // A "name" that is only a legal form ("PT") keeps its words rather than becoming empty.
  return (kept.length ? kept : raw).join(' ');
}

/**
 * Canonical form of a licence number: upper-case letters and digits only, so that
 * "KEP 118/2019", "kep-118-2019" and "KEP.118.2019" compare equal.
 *
 * ```ts
 * normaliseLicense('KEP 118/2019') === normaliseLicense('kep1182019'); // true
 * ```
 */
export function normaliseLicense(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toUpperCase();
}
