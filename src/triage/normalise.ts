/**
 * Text normalisation for triage: one canonical token stream for messages and for lexicon
 * phrases alike, so "gak bs plg", "tidak bisa pulang" and "ndak bise balek" compare equal.
 * Pure and allocation-light: it runs on every inbound text message.
 */
import { CLOCK_WORDS, DOUBT_AFTER_NEGATION, IDIOMS, NEGATIONS, SPELLINGS } from './lexicon.js';

/** The single token every negation word becomes. */
export const NEG = 'tidak';
/** Token standing for a clause break (. , ! ? ; newline): negation does not cross it. */
export const BREAK = '|';
/** Token for "not sure / don't know": kept apart so it does not negate what follows. */
export const DOUBT = 'ragu';

/** Fold runs of one repeated letter to a single letter ("tolonggg" → "tolong", "nggak" → "ngak"). */
export function foldRepeats(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

const NEGATION_SET = new Set(NEGATIONS.map(foldRepeats));
const SPELLING_MAP = new Map(
  Object.entries(SPELLINGS).map(([k, v]) => [foldRepeats(k), v.split(' ').map(foldRepeats)]),
);
const DOUBT_SET = new Set(DOUBT_AFTER_NEGATION.map(foldRepeats));
const CLOCK_SET = new Set(CLOCK_WORDS.map(foldRepeats));
/** Words after "no" that make it "nomor" (number), not a negation: "no hp", "no rek". */
const NUMBER_NOUNS = new Set(
  ['hp', 'rek', 'rekening', 'wa', 'telp', 'telepon', 'tlp', 'ktp', 'akun', 'id', 'kontak', 'tel'].map(
    foldRepeats,
  ),
);
const COUNT_WORDS = new Set(['kali', 'x', 'times']);

const RE_CANT = /\bcan['’]?t\b/g;
const RE_WONT = /\bwon['’]t\b/g;
const RE_NT = /(\p{L}+)n['’]t\b/gu;
const RE_APOS = /['’`]/g;
const RE_REDUP = /(\p{L}{2,})2(?![\p{L}\p{N}])/gu;
const RE_DECIMAL = /(\p{N})[.,:](?=\p{N})/gu;
const RE_CLAUSE = /[.!?;,\n\r…]+/g;
const RE_OTHER = /[^\p{L}\p{N}|]+/gu;
const RE_NUM_LETTER = /(\p{N})(?=\p{L})/gu;
const RE_LETTER_NUM = /(\p{L})(?=\p{N})/gu;
const RE_MARKS = /\p{M}+/gu;
const RE_DIGITS = /^\p{N}+$/u;

const isNumber = (t: string | undefined): boolean => t !== undefined && RE_DIGITS.test(t);

/**
 * Turn text into canonical tokens: lower-case, accents and punctuation stripped, repeated
 * letters folded, informal spellings mapped, every negation word turned into {@link NEG},
 * clause breaks kept as {@link BREAK}, "pukul 3" (o'clock) rewritten to "jam 3".
 *
 * ```ts
 * tokenise('Tolonggg, sy gak bs plg!!') // ['tolong', '|', 'saya', 'tidak', 'bisa', 'pulang']
 * ```
 */
export function tokenise(text: string): string[] {
  const cleaned = text
    .normalize('NFKD')
    .replace(RE_MARKS, '')
    .toLowerCase()
    .replace(RE_CANT, 'can not')
    .replace(RE_WONT, 'will not')
    .replace(RE_NT, '$1 not')
    .replace(RE_APOS, '')
    .replace(RE_REDUP, '$1 $1')
    .replace(RE_DECIMAL, '$1 ')
    .replace(RE_CLAUSE, ' | ')
    .replace(RE_OTHER, ' ')
    .replace(RE_NUM_LETTER, '$1 ')
    .replace(RE_LETTER_NUM, '$1 ');

  const raw = cleaned.split(' ');
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    if (r === '') continue;
    if (r === BREAK) {
      if (out.length > 0 && out[out.length - 1] !== BREAK) out.push(BREAK);
      continue;
    }
    const w = foldRepeats(r);
    const next = nextNonEmpty(raw, i);
    if (w === 'no' && next !== undefined && (isNumber(next) || NUMBER_NOUNS.has(foldRepeats(next)))) {
      out.push('nomor');
      continue;
    }
    if (w === 'x') {
      const prev = out[out.length - 1];
      out.push(prev === undefined || !isNumber(prev) ? NEG : 'x');
      continue;
    }
    const mapped = SPELLING_MAP.get(w) ?? [w];
    for (const m of mapped) out.push(NEGATION_SET.has(m) ? NEG : m);
  }
  if (out[out.length - 1] === BREAK) out.pop();
  if (idioms.length > 0) replaceIdioms(out);

  // Second pass: context rewrites that need the neighbours already canonical.
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    const next = out[i + 1];
    if (t === NEG && next !== undefined && DOUBT_SET.has(next)) {
      out.splice(i, 2, DOUBT);
    } else if (t === 'pukul' && next !== undefined) {
      const isClock = isNumber(next) ? !COUNT_WORDS.has(out[i + 2] ?? '') : CLOCK_SET.has(next);
      if (isClock) out[i] = 'jam';
    }
  }
  return out;
}

/** Idioms as token sequences. Empty while being built, so tokenise() can build them. */
let idioms: Array<{ from: string[]; to: string[] }> = [];

function replaceIdioms(tokens: string[]): void {
  for (let i = 0; i < tokens.length; i++) {
    for (const { from, to } of idioms) {
      if (tokens[i] !== from[0] || i + from.length > tokens.length) continue;
      let same = true;
      for (let k = 1; k < from.length && same; k++) same = tokens[i + k] === from[k];
      if (same) {
        tokens.splice(i, from.length, ...to);
        break;
      }
    }
  }
}

idioms = Object.entries(IDIOMS).map(([from, to]) => ({ from: tokenise(from), to: tokenise(to) }));

function nextNonEmpty(raw: string[], i: number): string | undefined {
  for (let j = i + 1; j < raw.length; j++) if (raw[j] !== '') return raw[j];
  return undefined;
}

/**
 * The canonical form as one space-separated string (what the lexicon regexes run against).
 *
 * ```ts
 * normalise('Dia TIDAK dipukul, hanya ditipu') // 'dia tidak dipukul | hanya ditipu'
 * ```
 */
export function normalise(text: string): string {
  return tokenise(text).join(' ');
}
