/**
 * Finding signals in canonical tokens: phrases compiled once into regexes over the joined token
 * string, negation scoped to its own predicate, conditional/future harm read as a threat. Every
 * step is linear in the number of tokens (near rules use a sliding pointer, scope checks look at
 * a bounded number of neighbours), so a 60 KB message costs milliseconds.
 */
import {
  CONDITIONAL_REACH,
  CONDITIONALS,
  FUTURE_MARKERS,
  NEGATION_OR,
  NEGATION_SCOPE,
  POST_NEGATION_PARTICLES,
} from './lexicon.js';
import { BREAK, HYPOTHETICAL, NEG, SOFT, tokenise } from './normalise.js';
import { type Signal, SIGNALS } from './signals.js';
import { isSkeleton, skeleton, stemCandidates } from './stem.js';

const WILDCARD = 'zqwildcardzq';
const ANY_WORD = 'zqanywordzq';

/** A text ready for matching: tokens, their joined form and where each token starts. */
export interface Prepared {
  tokens: string[];
  joined: string;
  /** Token index by character offset in `joined` (only offsets where a token starts are set). */
  tokenAt: Int32Array;
  /** For each token, the index of the nearest conditional at or before it in its sentence, or -1. */
  lastConditional: Int32Array;
  /** For each token, the index of the nearest conditional at or after it in its sentence, or -1. */
  nextConditional: Int32Array;
  /** For each token, whether a hypothetical ("what should I do if …", "kalau misalnya") opens its sentence before it. */
  hypothetical: Uint8Array;
  /** Sentence number of each token (BREAK ends a sentence); used for clause-wide checks. */
  clause: Int32Array;
  /** Roots each token may come from (affixes stripped), for signals given as stems. */
  stems: string[][];
}

/** A matched run of tokens, inclusive. */
export interface Span {
  start: number;
  end: number;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One phrase as a regex source over the canonical token string. */
function phraseSource(phrase: string): string {
  const tokens = tokenise(phrase.replace(/\*/g, WILDCARD).replace(/(^| )_(?= |$)/g, `$1${ANY_WORD}`));
  if (tokens.length === 0) throw new Error(`Triage signals: phrase "${phrase}" is empty after normalising`);
  return tokens
    .map((t) => {
      if (t === ANY_WORD) return '[^ |~]+';
      if (t.endsWith(WILDCARD)) return `${escapeRe(t.slice(0, -WILDCARD.length))}[^ ]*`;
      return escapeRe(t);
    })
    .join(' ');
}

/** Whole-token alternation, longest phrase first so a match covers as much as it can. */
export function compileList(phrases: readonly string[]): RegExp | null {
  if (phrases.length === 0) return null;
  const sources = [...new Set(phrases.map(phraseSource))].sort((x, y) => y.length - x.length);
  return new RegExp(`(?<![^ ])(?:${sources.join('|')})(?![^ ])`, 'g');
}

/** A signal compiled for matching. */
export interface CompiledSignal {
  reason: string;
  weight: number;
  negatable: boolean;
  threatWhenConditional: boolean;
  threatOnly: boolean;
  phrases: RegExp | null;
  stems: ReadonlySet<string> | null;
  /** Consonant skeletons of the stems ("pukul" → "pkl"), for SMS spellings without vowels. */
  skeletons: ReadonlySet<string> | null;
  near: Array<{ a: RegExp; b: RegExp; window: number; ordered: boolean }>;
  notWith: RegExp | null;
}

/** Compile a signal once, at module load. */
export function compileSignal(s: Signal): CompiledSignal {
  return {
    reason: s.reason,
    weight: s.weight,
    negatable: s.negatable ?? true,
    threatWhenConditional: (s.threatWhenConditional ?? false) || (s.threatOnly ?? false),
    threatOnly: s.threatOnly ?? false,
    phrases: compileList(s.phrases ?? []),
    stems: s.stems && s.stems.length > 0 ? new Set(s.stems) : null,
    skeletons: s.stems && s.stems.length > 0 ? new Set(s.stems.map(skeleton).filter((k) => k.length >= 3)) : null,
    near: (s.near ?? []).map((n) => ({ a: compileList(n.a)!, b: compileList(n.b)!, window: n.window, ordered: n.ordered ?? false })),
    notWith: compileList(s.notWith ?? []),
  };
}

const words = (list: readonly string[]): Set<string> => new Set(list.flatMap((w) => tokenise(w)));
const SCOPE = words(NEGATION_SCOPE);
const OR_WORDS = words(NEGATION_OR);
const PARTICLES = words(POST_NEGATION_PARTICLES);
const CONDITIONAL_SET = words(CONDITIONALS);
const FUTURE_SET = words(FUTURE_MARKERS);

/** Roots written with the passive "di" in the signals (dikunci → kunci), built once on first use. */
let passiveRoots: Set<string> | null = null;

function passiveVocabulary(): Set<string> {
  if (passiveRoots) return passiveRoots;
  const out = new Set<string>();
  const add = (phrase: string): void => {
    for (const t of tokenise(phrase.replace(/\*/g, ''))) if (t.startsWith('di') && t.length >= 6) out.add(t.slice(2));
  };
  for (const s of SIGNALS) {
    for (const ph of s.phrases ?? []) add(ph);
    for (const n of s.near ?? []) for (const ph of [...n.a, ...n.b]) add(ph);
    for (const st of s.stems ?? []) out.add(st);
  }
  passiveRoots = out;
  return out;
}

/**
 * SMS writers split the passive prefix from its verb ("di kunci", "d pukul"): join them when the
 * verb is one the signals know, so "di kunci" reads as "dikunci" while "di kamar" stays a place.
 */
function joinPassives(tokens: string[]): string[] {
  const roots = passiveVocabulary();
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (tokens[i] === 'di' && next !== undefined && next.length >= 4 && (roots.has(next) || stemCandidates(next).some((c) => roots.has(c)))) {
      out.push(`di${next}`);
      i++;
    } else {
      out.push(tokens[i]);
    }
  }
  return out;
}

/** Tokenise once and index the text for matching. */
export function prepare(text: string): Prepared {
  const tokens = joinPassives(tokenise(text));
  const joined = tokens.join(' ');
  const tokenAt = new Int32Array(joined.length + 1).fill(-1);
  const lastConditional = new Int32Array(tokens.length);
  const clause = new Int32Array(tokens.length);
  const hypothetical = new Uint8Array(tokens.length);
  let offset = 0;
  let cond = -1;
  let sentence = 0;
  let supposing = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    tokenAt[offset] = i;
    offset += t.length + 1;
    if (t === BREAK) {
      cond = -1;
      supposing = 0;
      sentence++;
    } else if (CONDITIONAL_SET.has(t)) {
      cond = i;
    } else if (t === HYPOTHETICAL) {
      supposing = 1;
    }
    hypothetical[i] = supposing;
    lastConditional[i] = cond;
    clause[i] = sentence;
  }
  const nextConditional = new Int32Array(tokens.length);
  cond = -1;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i] === BREAK) cond = -1;
    else if (CONDITIONAL_SET.has(tokens[i])) cond = i;
    nextConditional[i] = cond;
  }
  const stems = tokens.map(stemCandidates);
  return { tokens, joined, tokenAt, lastConditional, nextConditional, hypothetical, clause, stems };
}

/** Every match of `re` as token spans, in order. */
export function spans(re: RegExp, p: Prepared): Span[] {
  const out: Span[] = [];
  for (const m of p.joined.matchAll(re)) {
    const start = p.tokenAt[m.index];
    if (start < 0) continue;
    let count = 1;
    for (const ch of m[0]) if (ch === ' ') count++;
    out.push({ start, end: start + count - 1 });
  }
  return out;
}

/**
 * True when a negation governs the span: it stands right before the span's predicate, with only
 * scope words between ("tidak pernah dipukul", "nobody hit him"), or it is reached over an
 * "or" ("not locked up or beaten"), or it follows behind a particle ("dipukul sih gak"). A
 * negation inside the span itself ("tidak bisa pulang") is part of the phrase, not of its scope.
 * "kalau tidak mau, dipukul": the negation belongs to "mau", so "dipukul" is not negated.
 */
export function isNegated(tokens: string[], s: Span): boolean {
  let i = s.start - 1;
  let overOr = 0;
  for (let steps = 0; i >= 0 && steps < 8; steps++, i--) {
    const t = tokens[i];
    if (t === NEG) return true;
    if (t === BREAK || t === SOFT) break;
    if (SCOPE.has(t)) continue;
    if (OR_WORDS.has(t) && overOr === 0) {
      overOr = 3; // the previous predicate may take up to three words
      continue;
    }
    if (overOr > 1) {
      overOr--;
      continue;
    }
    break;
  }
  return PARTICLES.has(tokens[s.end + 1] ?? '') && tokens[s.end + 2] === NEG;
}

/**
 * True when harm is said as a condition or a future ("kalau tidak mau, dipukul", "akan dibunuh",
 * "they will hurt"): a conditional earlier in the same sentence, or a future marker among the two
 * words before.
 */
export function isThreatened(p: Prepared, s: Span): boolean {
  const c = p.lastConditional[s.start];
  if (c >= 0 && s.start - c <= CONDITIONAL_REACH) return true;
  for (let i = s.start - 1; i >= Math.max(0, s.start - 3); i--) {
    const t = p.tokens[i];
    if (t === BREAK || t === SOFT) break;
    if (FUTURE_SET.has(t)) return true;
  }
  return false;
}

/** Clauses (sentence numbers) in which one of the `notWith` phrases occurs. */
function blockedClauses(g: CompiledSignal, p: Prepared): Set<number> | null {
  if (!g.notWith) return null;
  const out = new Set<number>();
  for (const s of spans(g.notWith, p)) out.add(p.clause[s.start]);
  return out.size > 0 ? out : null;
}

/** The first of `as` that has one of `bs` within `window` words (both lists sorted). Linear. */
function firstNear(p: Prepared, as: Span[], bs: Span[], window: number, ordered: boolean): Span | null {
  let j = 0;
  for (const a of as) {
    while (j < bs.length && bs[j].end < a.start - window) j++;
    for (let k = j; k < bs.length && bs[k].start <= a.end + window; k++) {
      const b = bs[k];
      const gap = a.start <= b.start ? b.start - a.end : a.start - b.end;
      if (ordered && b.start < a.start) continue;
      if (gap > 0 && gap <= window && p.clause[a.start] === p.clause[b.start]) return a.start <= b.start ? { start: a.start, end: b.end } : { start: b.start, end: a.end };
    }
  }
  return null;
}

/** What a signal found in a text: plain matches, and matches said as a threat. */
export interface SignalHit {
  plain: boolean;
  threat: boolean;
}

/** Match one signal against one prepared text. */
export function matchSignal(g: CompiledSignal, p: Prepared): SignalHit {
  const blocked = blockedClauses(g, p);
  // What a question supposes ("what should I do if my employer locks me in?") is neither done nor threatened.
  const ok = (s: Span): boolean =>
    (!g.negatable || !isNegated(p.tokens, s)) && (blocked === null || !blocked.has(p.clause[s.start])) && p.hypothetical[s.start] === 0;
  const hit: SignalHit = { plain: false, threat: false };
  const record = (s: Span): void => {
    if (g.threatWhenConditional) {
      if (isThreatened(p, s)) {
        hit.threat = true;
        return;
      }
      // "dipukuli kalau mencoba keluar": harm that happens on a condition is both done and a threat.
      const after = s.end + 1 < p.tokens.length ? p.nextConditional[s.end + 1] : -1;
      if (after >= 0 && after - s.end <= 4) hit.threat = true;
    }
    if (!g.threatOnly) hit.plain = true;
  };
  if (g.phrases) for (const s of spans(g.phrases, p)) if (ok(s)) record(s);
  if (g.stems) {
    for (let i = 0; i < p.tokens.length; i++) {
      if (!p.stems[i].some((c) => g.stems!.has(c) || (isSkeleton(c) && g.skeletons!.has(c)))) continue;
      const s = { start: i, end: i };
      if (ok(s)) record(s);
    }
  }
  for (const n of g.near) {
    if (hit.plain) break;
    const as = spans(n.a, p).filter(ok);
    if (as.length === 0) continue;
    const found = firstNear(p, as, spans(n.b, p).filter(ok), n.window, n.ordered);
    if (found) record(found);
  }
  return hit;
}

/** True when any phrase of `re` occurs in any of the texts. */
export function anyIn(re: RegExp | null, texts: Prepared[]): boolean {
  if (!re) return false;
  for (const p of texts) {
    re.lastIndex = 0;
    if (re.test(p.joined)) return true;
  }
  return false;
}
