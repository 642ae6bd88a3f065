/**
 * Text normalisation for triage: one canonical token stream for messages and for lexicon
 * phrases alike, so "gak bs plg", "tidak bisa pulang" and "ndak bise balek" compare equal.
 * Pure and linear in the input length (every pass is a single left-to-right walk or a regex with
 * no backtracking across words): it runs on every inbound text message, whatever its size.
 */
import {
  CLOCK_WORDS,
  DOUBT_AFTER_NEGATION,
  DULU_IN_ADVANCE_AFTER,
  EXACT_SPELLINGS,
  NEGATIONS,
  SCHOOL_CUES,
  SPELLINGS,
  TAHAN_ENDURE,
} from './lexicon.js';

/** The single token every negation word becomes. */
export const NEG = 'tidak';
/** Token standing for a sentence break (. ! ? newline): nothing reaches across it. */
export const BREAK = '|';
/** Token standing for a clause break (, ; :): negation stops at it, a conditional reaches over it. */
export const SOFT = '~';
/** Token for "not sure / don't know": kept apart so it does not negate what follows. */
export const DOUBT = 'ragu';
/** "dulu" telling the past ("dulu pernah"). */
export const PAST_DULU = 'dahulu';
/** "dulu" meaning "in advance / first" ("bayar dulu"). */
export const ADVANCE_DULU = 'duluan';
/** "tidak tahan": cannot bear it (not a negated "withheld"). */
export const CANT_BEAR = 'taktahan';
/** "tahan lama": lasting (not "withheld"). */
export const ENDURE = 'awet';
/** A supposed case: "kalau" after a question word or before "misalnya" ("what should I do if …", "kalau misalnya"). */
export const HYPOTHETICAL = 'seandainya';
/** "boleh gak …?", "bisa tidak …?": a yes/no question, not a negation of what follows. */
export const MAY_I = 'bolehkah';
/** "masih" of a feeling or an age ("traumanya masih ada", "masih berusia 16"): not a danger still going on. */
export const STILL_FELT = 'masihterasa';

/** Fold runs of one repeated letter to a single letter ("tolonggg" → "tolong", "nggak" → "ngak"). */
export function foldRepeats(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * Fixed expressions rewritten before matching, so that their words do not read as signals:
 * "dipukul rata" (averaged out), "hit me up" (contact me), "baju kurung" (a Malay dress).
 */
export const IDIOMS: Readonly<Record<string, string>> = {
  'pukul rata': 'rata rata',
  'dipukul rata': 'rata rata',
  'hit me up': 'hubungi aku',
  'hit us up': 'hubungi kami',
  'baju kurung': 'baju',
  'tanda kurung': 'tanda',
  'beat the target': 'capai target',
  'hit the target': 'capai target',
  'patah hati': 'sedih',
  'kill time': 'santai',
  'kept in touch': 'berhubungan',
  'g to g': 'gtog',
  'government to government': 'gtog',
  'keep in touch': 'berhubungan',
};

const NEGATION_SET = new Set(NEGATIONS.map(foldRepeats));
/** Exact spellings, looked up before repeated letters are folded ("took" must not become Sarawak "tok"). */
const EXACT_MAP = new Map(Object.entries(EXACT_SPELLINGS).map(([k, v]) => [k, v.split(' ')]));
const SPELLING_MAP = new Map(
  Object.entries(SPELLINGS).map(([k, v]) => [foldRepeats(k), v.split(' ').map(foldRepeats)]),
);
const DOUBT_SET = new Set(DOUBT_AFTER_NEGATION.map(foldRepeats));
const CLOCK_SET = new Set(CLOCK_WORDS.map(foldRepeats));
const ADVANCE_SET = new Set(DULU_IN_ADVANCE_AFTER.map(foldRepeats));
const ENDURE_SET = new Set(TAHAN_ENDURE.map(foldRepeats));
const SCHOOL_CUE_SET = new Set(SCHOOL_CUES.map(foldRepeats));
/** After "masih"/"still": a feeling, a memory or an age, not the danger going on. */
const FELT_AFTER = new Set(['umur', 'ingat', 'inget', 'teringat', 'trauma', 'kepikiran', 'sedih', 'menyesal', 'traumatised', 'traumatized', 'remember', 'haunted']);
/** Before "masih": a trauma, or the perpetrator ("pelakunya masih nyari korban lain" — a concern, not this case's danger). */
const FELT_BEFORE = new Set(['trauma', 'traumanya', 'pelakunya', 'pelaku', 'calonya']);
const MAY_SET = new Set(['boleh', 'bisa']);
const WHOEVER_VERBS = new Set(['lari', 'kabur', 'pulang', 'melawan', 'lapor', 'melapor', 'menolak', 'protes']);
/** Words that make a "kalau"/"if" a supposition: "what should I do if", "kalau misalnya", "kalau nanti di Malaysia …". */
const SUPPOSE_BEFORE = new Set(['what', 'apa', 'gimana', 'bagaimana', 'how', 'macam', 'camne']);
const SUPPOSE_AFTER = new Set(['misalnya', 'misalkan', 'misal', 'ever', 'suatu']);
const SUPPOSE_WORDS = new Set(['seandainya', 'andaikan', 'andaikata', 'umpamanya', 'supposing']);

/** "kalau", or SMS "kl" — except after a preposition, where "kl" is Kuala Lumpur ("di KL"). */
function isIf(t: string, prev: string | undefined): boolean {
  if (t === 'kalau') return true;
  return t === 'kl' && prev !== 'di' && prev !== 'ke' && prev !== 'dari' && prev !== 'in' && prev !== 'to';
}

/**
 * True when a question word stands 2 to `n` tokens back in the same sentence ("what should I do
 * if"). Right before "if" it is a fear, not a question: "what if they kill him" stays a threat.
 */
function askedBefore(out: string[], n: number): boolean {
  if (out.length > 0 && SUPPOSE_BEFORE.has(out[out.length - 1])) return false;
  for (let j = out.length - 2; j >= 0 && j >= out.length - n; j--) {
    if (out[j] === BREAK) return false;
    if (SUPPOSE_BEFORE.has(out[j])) return true;
  }
  return false;
}
/** Words after "no" that make it "nomor" (number), not a negation: "no hp", "no rek". */
const NUMBER_NOUNS = new Set(
  ['hp', 'rek', 'rekening', 'wa', 'telp', 'telepon', 'tlp', 'ktp', 'akun', 'id', 'kontak', 'tel'].map(foldRepeats),
);
const COUNT_WORDS = new Set(['kali', 'x', 'times']);
/** Nouns whose possessive "-nya" carries nothing for triage ("hpnya disita" = "hp disita"). */
const NYA_NOUNS = new Set(
  ['hp', 'hape', 'ponsel', 'handphone', 'telepon', 'paspor', 'paspot', 'passport', 'dokumen', 'ktp', 'gaji', 'upah', 'permit', 'visa', 'kontrak', 'makan', 'makanan', 'nomor'].map(foldRepeats),
);
const UNITS: Readonly<Record<string, number>> = {
  satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9,
};
/** Number words of 10 and above as digits, so ages and head counts read alike ("sebelas" = "11"). */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  sepuluh: 10, sebelas: 11, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
};

// Every regex either has no quantifier that can backtrack across a word, or starts only at a
// word boundary (the lookbehinds), so the cleaning passes stay linear on adversarial input.
const RE_CANT = /\bcan['’]?t\b/g;
const RE_WONT = /\bwon['’]t\b/g;
const RE_NT = /(?<!\p{L})(\p{L}+)n['’]t(?!\p{L})/gu;
/** "they'll", "he'll": the future marker must survive the apostrophe. */
const RE_LL = /(\p{L})['’]ll(?!\p{L})/gu;
const RE_APOS = /['’`]/g;
const RE_REDUP = /(?<!\p{L})(\p{L}{2,})2(?![\p{L}\p{N}])/gu;
const RE_DECIMAL = /(\p{N})[.,:](?=\p{N})/gu;
const RE_HARD = /[.!?\n\r…|]+/g;
const RE_SOFT = /[,;:~]+/g;
const RE_OTHER = /[^\p{L}\p{N}|~]+/gu;
const RE_NUM_LETTER = /(\p{N})(?=\p{L})/gu;
const RE_LETTER_NUM = /(\p{L})(?=\p{N})/gu;
const RE_MARKS = /\p{M}+/gu;
const RE_DIGITS = /^\p{N}+$/u;

const isNumber = (t: string | undefined): boolean => t !== undefined && RE_DIGITS.test(t);
const isBreak = (t: string | undefined): boolean => t === undefined || t === BREAK || t === SOFT;

/** Lower-case, strip accents and punctuation, mark breaks; one space between raw words. */
function clean(text: string): string[] {
  const cleaned = text
    .normalize('NFKD')
    .replace(RE_MARKS, '')
    .toLowerCase()
    .replace(RE_CANT, 'can not')
    .replace(RE_WONT, 'will not')
    .replace(RE_NT, '$1 not')
    .replace(RE_LL, '$1 will')
    .replace(RE_APOS, ' ')
    .replace(RE_REDUP, '$1 $1')
    .replace(RE_DECIMAL, '$1 ')
    .replace(RE_HARD, ' | ')
    .replace(RE_SOFT, ' ~ ')
    .replace(RE_OTHER, ' ')
    .replace(RE_NUM_LETTER, '$1 ')
    .replace(RE_LETTER_NUM, '$1 ');
  return cleaned.split(' ').filter((w) => w !== '');
}

/** Spellings, negations, "no" as a number and "x" as negation; breaks collapsed. */
function canonical(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    if (r === BREAK || r === SOFT) {
      const last = out[out.length - 1];
      if (last === undefined) continue;
      if (last === SOFT || last === BREAK) {
        if (r === BREAK) out[out.length - 1] = BREAK; // a hard break wins
        continue;
      }
      out.push(r);
      continue;
    }
    const w = foldRepeats(r);
    const next = raw[i + 1];
    if (w === 'no' && next !== undefined && (isNumber(next) || NUMBER_NOUNS.has(foldRepeats(next)))) {
      out.push('nomor');
      continue;
    }
    if (w === 'x') {
      const prev = out[out.length - 1];
      out.push(prev === undefined || !isNumber(prev) ? NEG : 'x');
      continue;
    }
    // raw, not folded: "makannya" must keep both n's to leave "makan" behind
    const owner = r.length > 4 && r.endsWith('nya') ? foldRepeats(r.slice(0, -3)) : '';
    const base = NYA_NOUNS.has(owner) ? owner : w;
    const mapped = EXACT_MAP.get(r) ?? SPELLING_MAP.get(base) ?? [base];
    for (const m of mapped) out.push(NEGATION_SET.has(m) ? NEG : m);
  }
  while (isBreak(out[out.length - 1]) && out.length > 0) out.pop();
  return out;
}

/** Idioms as token sequences, indexed by their first token. Built lazily from {@link IDIOMS}. */
let idiomIndex: Map<string, Array<{ from: string[]; to: string[] }>> | null = null;

function idioms(): Map<string, Array<{ from: string[]; to: string[] }>> {
  if (idiomIndex) return idiomIndex;
  const index = new Map<string, Array<{ from: string[]; to: string[] }>>();
  for (const [from, to] of Object.entries(IDIOMS)) {
    const f = canonical(clean(from));
    const list = index.get(f[0]) ?? [];
    list.push({ from: f, to: canonical(clean(to)) });
    index.set(f[0], list);
  }
  idiomIndex = index;
  return index;
}

/** Replace idioms in one pass (bounded look-ahead per token, so linear). */
function replaceIdioms(tokens: string[]): string[] {
  const index = idioms();
  const out: string[] = [];
  let i = 0;
  outer: while (i < tokens.length) {
    for (const { from, to } of index.get(tokens[i]) ?? []) {
      let same = i + from.length <= tokens.length;
      for (let k = 1; k < from.length && same; k++) same = tokens[i + k] === from[k];
      if (same) {
        out.push(...to);
        i += from.length;
        continue outer;
      }
    }
    out.push(tokens[i]);
    i++;
  }
  return out;
}

/**
 * Context rewrites that need the neighbours already canonical: "tidak tahu" is doubt, "pukul 3"
 * is o'clock, "dulu" is past or in advance, "tahan" is withheld, enduring or "can't bear".
 */
function disambiguate(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const prev = out[out.length - 1];
    if (t === NEG && next !== undefined && DOUBT_SET.has(next)) {
      out.push(DOUBT);
      i++;
    } else if (t === NEG && next === 'tahan') {
      out.push(CANT_BEAR);
      i++;
    } else if (t === 'tahan' && next !== undefined && ENDURE_SET.has(next)) {
      out.push(ENDURE);
    } else if (t === 'pukul' && next !== undefined) {
      const isClock = isNumber(next) ? !COUNT_WORDS.has(tokens[i + 2] ?? '') : CLOCK_SET.has(next);
      out.push(isClock ? 'jam' : t);
    } else if (SUPPOSE_WORDS.has(t) || (isIf(t, prev) && ((next !== undefined && SUPPOSE_AFTER.has(next)) || askedBefore(out, 5) || (next === 'nanti' && tokens[i + 2] === 'di')))) {
      out.push(HYPOTHETICAL);
    } else if (t === 'kl') {
      out.push(isIf(t, prev) ? 'kalau' : 'kl');
    } else if ((t === 'masih' || t === 'still') && ((next !== undefined && FELT_AFTER.has(next)) || (prev !== undefined && FELT_BEFORE.has(prev)))) {
      out.push(STILL_FELT);
    } else if (t === 'siapa' && (prev === undefined || prev === BREAK || prev === SOFT || prev === 'bilang' || prev === 'kata') && next !== undefined && WHOEVER_VERBS.has(next === 'yang' ? (tokens[i + 2] ?? '') : next)) {
      out.push('kalau'); // "siapa lari kena palu": whoever runs is beaten — a condition, so a threat
    } else if (MAY_SET.has(t) && next === NEG && prev !== NEG) {
      out.push(MAY_I); // "blh ga bikin paspor?" asks; it does not say "no passport"
      i++;
    } else if (t === 'smp' && next !== undefined && !SCHOOL_CUE_SET.has(prev ?? '') && (next === 'jam' || next === 'sekarang' || isNumber(next))) {
      out.push('sampai'); // SMS "smp" = sampai, not the school level
    } else if (Object.hasOwn(NUMBER_WORDS, t)) {
      out.push(String(NUMBER_WORDS[t]));
    } else if (Object.hasOwn(UNITS, t) && (next === 'belas' || next === 'puluh')) {
      // "dua belas" = 12, "tiga puluh" = 30, "tiga puluh lima" = 35
      const after = tokens[i + 2];
      const tens = next === 'belas' ? 10 + UNITS[t] : 10 * UNITS[t];
      const unit = next === 'puluh' && after !== undefined && Object.hasOwn(UNITS, after) ? UNITS[after] : 0;
      out.push(String(tens + unit));
      i += unit > 0 ? 2 : 1;
    } else if (t === 'dulu') {
      const advance = next === 'baru' || (prev !== undefined && (ADVANCE_SET.has(prev) || isNumber(prev)));
      out.push(advance ? ADVANCE_DULU : PAST_DULU);
    } else {
      out.push(t);
    }
  }
  return out;
}

/**
 * Turn text into canonical tokens: lower-case, accents and punctuation stripped, repeated
 * letters folded, informal spellings mapped, every negation word turned into {@link NEG},
 * sentence breaks kept as {@link BREAK} and clause breaks as {@link SOFT}, ambiguous words
 * resolved by their neighbours ("pukul 3" → "jam 3", "bayar dulu" → "bayar duluan").
 *
 * ```ts
 * tokenise('Tolonggg, sy gak bs plg!!') // ['tolong', '~', 'saya', 'tidak', 'bisa', 'pulang']
 * ```
 */
export function tokenise(text: string): string[] {
  return disambiguate(replaceIdioms(canonical(clean(text))));
}

/**
 * The canonical form as one space-separated string (what the signal regexes run against).
 *
 * ```ts
 * normalise('Dia TIDAK dipukul. Hanya ditipu') // 'dia tidak dipukul | hanya ditipu'
 * ```
 */
export function normalise(text: string): string {
  return tokenise(text).join(' ');
}
