/**
 * A small Indonesian/Malay affix stripper, so a signal's root matches its verb forms: "siksa"
 * matches disiksa, menyiksa, disiksanya, nyiksa; "kurung" matches dikurung, mengurung,
 * dikurungin; "perkosa" matches memperkosa. Only affixed forms count (a bare root such as "kunci",
 * a key, is left to the phrase lists). Bounded work per token, so matching stays linear.
 */

const SUFFIXES = ['nya', 'kan', 'in', 'i', 'an', 'lah', 'mu'];
const RE_DIALECT_O = /o(ng|h|k|l|t|r|p|s|n)$/;
const RE_VOWEL = /[aeiou]/g;

/**
 * A word's consonants only ("pukul" → "pkl"): SMS writers drop vowels ("dipkl", "dtmbk"), so a
 * vowelless stem is compared with its root's skeleton. Used only for stems of 3+ consonants.
 */
export function skeleton(word: string): string {
  return word.replace(RE_VOWEL, '');
}

/** True when a candidate root has no vowel at all: an SMS skeleton ("pkl"), not a word. */
export function isSkeleton(word: string): boolean {
  return word.length >= 3 && skeleton(word) === word;
}

/** Roots a token may come from by stripping one prefix and/or one suffix (the token itself excluded). */
export function stemCandidates(token: string): string[] {
  if (token.length < 5 || token.length > 30) return [];
  const bases = new Set<string>([token]);
  // Sambas/Pontianak/Sarawak Malay say the last syllable with "o" where Indonesian has "u"
  // ("bunoh", "dipukol", "kurong", "takot"): try the Indonesian vowel too.
  const dialect = token.replace(RE_DIALECT_O, 'u$1');
  if (dialect !== token) bases.add(dialect);
  // English inflections: "stabbed" (folded "stabed"), "burning", "chokes" → stab, burn, choke.
  for (const s of ['ing', 'ed', 'es', 's']) {
    if (token.length > s.length + 3 && token.endsWith(s)) {
      const b = token.slice(0, -s.length);
      bases.add(b);
      if (s !== 's') bases.add(`${b}e`);
      if (b.at(-1) === b.at(-2)) bases.add(b.slice(0, -1)); // "stabbed" → stab
    }
  }
  for (const b of [...bases]) {
    for (const s of SUFFIXES) if (b.length > s.length + 3 && b.endsWith(s)) bases.add(b.slice(0, -s.length));
  }
  const out = new Set<string>();
  for (const b of bases) {
    if (b !== token) out.add(b);
    for (const root of unprefix(b)) out.add(root);
  }
  out.delete(token);
  return [...out];
}

function unprefix(w: string): string[] {
  const out: string[] = [];
  const add = (r: string): void => {
    if (r.length >= 3) out.push(r);
  };
  if (w.startsWith('diper')) add(w.slice(5));
  if (w.startsWith('memper')) add(w.slice(6));
  if (w.startsWith('di')) add(w.slice(2));
  // SMS passive "d" + verb: "dtembak", "dkurung", "dgebukin".
  else if (w.startsWith('d') && !/^d[aeiouy]/.test(w)) add(w.slice(1));
  if (w.startsWith('ter')) add(w.slice(3));
  if (w.startsWith('ber')) add(w.slice(3));
  if (w.startsWith('meny')) add(`s${w.slice(4)}`);
  if (w.startsWith('meng')) {
    add(w.slice(4));
    add(`k${w.slice(4)}`);
  } else if (w.startsWith('mem')) {
    add(w.slice(3));
    add(`p${w.slice(3)}`);
  } else if (w.startsWith('men')) {
    add(w.slice(3));
    add(`t${w.slice(3)}`);
  } else if (w.startsWith('me')) {
    add(w.slice(2));
  }
  if (w.startsWith('ny')) add(`s${w.slice(2)}`);
  if (w.startsWith('ng') && !w.startsWith('nge')) {
    add(w.slice(2));
    add(`k${w.slice(2)}`);
  }
  if (w.startsWith('nge')) add(w.slice(3));
  return out;
}
