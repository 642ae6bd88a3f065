/**
 * Urgency triage: structured answers plus the phrase lexicon give a 0–100 score and the reason
 * ids behind it. Deterministic and explainable (every point comes from a listed reason), no
 * I/O, no model. Regexes are compiled once at module load: this runs on every text message.
 */
import {
  AGE_CUES,
  AGE_UNITS,
  ANSWER_WEIGHTS,
  DURATION_AFTER,
  DURATION_BEFORE,
  NEGATION_BREAKERS,
  NEGATION_CONJUNCTIONS,
  NEGATION_WINDOW,
  NON_AGE_UNITS,
  PERSON_BEFORE_AGE,
  POST_NEGATION_PARTICLES,
  SCHOOL_CUES,
  SCHOOL_GRADUATE,
  SCHOOL_LEVELS,
  SCHOOL_LEVELS_STRICT,
  SIGNAL_GROUPS,
  SOFT_AGE_CUES,
  type SignalGroup,
  URGENT_THRESHOLD,
} from './lexicon.js';
import { BREAK, foldRepeats, NEG, tokenise } from './normalise.js';

export { URGENT_THRESHOLD } from './lexicon.js';

/** `urgent` at or above {@link URGENT_THRESHOLD}. Stored as `tips.urgency`. */
export type Urgency = 'urgent' | 'normal';

/** A triage verdict: integer score 0–100, urgency, and the stable reason ids behind it. */
export interface TriageResult {
  score: number;
  urgency: Urgency;
  reasons: string[];
}

/** What a tip offers the scorer: flow answers by step id, and every free text the reporter sent. */
export interface TriageInput {
  answers: Record<string, string | unknown>;
  texts: string[];
}

// ---------------------------------------------------------------------------------------------
// Compilation (once)

const WILDCARD = 'zqwildcardzq';
const ANY_WORD = 'zqanywordzq';

interface CompiledNear {
  a: RegExp;
  b: RegExp;
  window: number;
}

interface CompiledGroup {
  reason: string;
  weight: number;
  negatable: boolean;
  phrases: RegExp | null;
  near: CompiledNear[];
  suppressedBy: RegExp | null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One lexicon phrase as a regex source over the canonical token string. */
function phraseSource(phrase: string): string {
  const tokens = tokenise(phrase.replace(/\*/g, WILDCARD).replace(/(^| )_(?= |$)/g, `$1${ANY_WORD}`));
  if (tokens.length === 0) throw new Error(`Triage lexicon: phrase "${phrase}" is empty after normalising`);
  return tokens
    .map((t) => {
      if (t === ANY_WORD) return '[^ |]+';
      if (t.endsWith(WILDCARD)) return `${escapeRe(t.slice(0, -WILDCARD.length))}[^ ]*`;
      return escapeRe(t);
    })
    .join(' ');
}

/** Whole-token alternation, longest phrase first so a match covers as much as it can. */
function compileList(phrases: readonly string[]): RegExp | null {
  if (phrases.length === 0) return null;
  const sources = [...new Set(phrases.map(phraseSource))].sort((x, y) => y.length - x.length);
  return new RegExp(`(?<![^ ])(?:${sources.join('|')})(?![^ ])`, 'g');
}

function compileGroup(g: SignalGroup): CompiledGroup {
  return {
    reason: g.reason,
    weight: g.weight,
    negatable: g.negatable ?? true,
    phrases: compileList(g.phrases ?? []),
    near: (g.near ?? []).map((n) => ({ a: compileList(n.a)!, b: compileList(n.b)!, window: n.window })),
    suppressedBy: compileList(g.suppressedBy ?? []),
  };
}

const GROUPS: readonly CompiledGroup[] = SIGNAL_GROUPS.map(compileGroup);
const BREAKERS = new Set(NEGATION_BREAKERS.map(foldRepeats));
const OR_WORDS = new Set(NEGATION_CONJUNCTIONS.map(foldRepeats));
const PARTICLES = new Set(POST_NEGATION_PARTICLES.map(foldRepeats));
const words = (list: readonly string[]): Set<string> => new Set(list.flatMap((w) => tokenise(w)));
const AGE_CUE_SET = words(AGE_CUES);
const AGE_UNIT_SET = words(AGE_UNITS);
const PERSON_SET = words(PERSON_BEFORE_AGE);
const SOFT_CUE_SET = words(SOFT_AGE_CUES);
const NON_AGE_UNIT_SET = words(NON_AGE_UNITS);
const DURATION_BEFORE_SET = words(DURATION_BEFORE);
const DURATION_AFTER_SET = words(DURATION_AFTER);
const SCHOOL_SET = words(SCHOOL_LEVELS);
const SCHOOL_STRICT_SET = words(SCHOOL_LEVELS_STRICT);
const SCHOOL_CUE_SET = words(SCHOOL_CUES);
const GRADUATE_SET = words(SCHOOL_GRADUATE);
const RE_DIGITS = /^\d+$/;
const AGO = new Set(['lalu', 'ago', 'yl', 'silam']);

// ---------------------------------------------------------------------------------------------
// Matching

/** A text ready for matching: tokens, their joined form and where each token starts. */
interface Prepared {
  tokens: string[];
  joined: string;
  tokenAt: Map<number, number>;
}

function prepare(text: string): Prepared {
  const tokens = tokenise(text);
  const tokenAt = new Map<number, number>();
  let offset = 0;
  for (let i = 0; i < tokens.length; i++) {
    tokenAt.set(offset, i);
    offset += tokens[i].length + 1;
  }
  return { tokens, joined: tokens.join(' '), tokenAt };
}

interface Span {
  start: number;
  end: number;
}

function spans(re: RegExp, p: Prepared): Span[] {
  const out: Span[] = [];
  for (const m of p.joined.matchAll(re)) {
    const start = p.tokenAt.get(m.index)!;
    let count = 1;
    for (const ch of m[0]) if (ch === ' ') count++;
    out.push({ start, end: start + count - 1 });
  }
  return out;
}

/**
 * True when a negation reaches the span: within {@link NEGATION_WINDOW} words before it in the
 * same clause ("tidak pernah dipukul"), or right after it behind a particle ("dipukul sih gak").
 */
function isNegated(tokens: string[], s: Span): boolean {
  let seen = 0;
  for (let i = s.start - 1; i >= 0 && seen < NEGATION_WINDOW; i--) {
    const t = tokens[i];
    if (t === BREAK || BREAKERS.has(t)) break;
    if (t === NEG) return true;
    if (!OR_WORDS.has(t)) seen++;
  }
  return PARTICLES.has(tokens[s.end + 1] ?? '') && tokens[s.end + 2] === NEG;
}

function groupMatches(g: CompiledGroup, p: Prepared): boolean {
  const ok = (s: Span): boolean => !g.negatable || !isNegated(p.tokens, s);
  if (g.phrases && spans(g.phrases, p).some(ok)) return true;
  for (const n of g.near) {
    const as = spans(n.a, p).filter(ok);
    if (as.length === 0) continue;
    const bs = spans(n.b, p).filter(ok);
    for (const a of as) {
      for (const b of bs) {
        const gap = a.start <= b.start ? b.start - a.end : a.start - b.end;
        if (gap > 0 && gap <= n.window) return true;
      }
    }
  }
  return false;
}

/** Words before index `i` in the same clause, nearest first, at most `n`. */
function before(tokens: string[], i: number, n: number): string[] {
  const out: string[] = [];
  for (let j = i - 1; j >= 0 && out.length < n; j--) {
    if (tokens[j] === BREAK) break;
    out.push(tokens[j]);
  }
  return out;
}

/**
 * A child is named by age (< 18) or school level. "anak" alone is not enough: a parent writing
 * "anak saya mau kerja" usually means an adult child. Durations ("kontrak 2 tahun") are not ages.
 */
function mentionsMinorAge(tokens: string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (RE_DIGITS.test(t)) {
      const n = Number(t);
      if (n < 1 || n >= 18) continue;
      const prev = before(tokens, i, 3);
      if (prev.some((w) => AGE_CUE_SET.has(w)) || PERSON_SET.has(prev[0] ?? '')) {
        if (!AGE_UNIT_SET.has(tokens[i + 1] ?? '') || !AGO.has(tokens[i + 2] ?? '')) return true;
      }
      if (n >= 10 && SOFT_CUE_SET.has(prev[0] ?? '') && !NON_AGE_UNIT_SET.has(tokens[i + 1] ?? '')) {
        return true;
      }
      if (
        n >= 10 &&
        AGE_UNIT_SET.has(tokens[i + 1] ?? '') &&
        !DURATION_BEFORE_SET.has(prev[0] ?? '') &&
        !DURATION_AFTER_SET.has(tokens[i + 2] ?? '')
      ) {
        return true;
      }
    } else if (SCHOOL_SET.has(t) || SCHOOL_STRICT_SET.has(t)) {
      const prev = before(tokens, i, 3);
      if (prev.some((w) => GRADUATE_SET.has(w))) continue;
      if (SCHOOL_SET.has(t) || prev.slice(0, 2).some((w) => SCHOOL_CUE_SET.has(w))) return true;
    }
  }
  return false;
}

/** Reason → points for one text (each reason counts once). */
function scanPrepared(p: Prepared, into: Map<string, number>): void {
  for (const g of GROUPS) {
    if (g.weight < 0) continue; // lowering groups are applied over all texts in scoreTip
    if (groupMatches(g, p)) put(into, g.reason, g.weight);
  }
  if (mentionsMinorAge(p.tokens)) {
    const minor = GROUPS.find((g) => g.reason === 'minor');
    if (minor) put(into, 'minor', minor.weight);
  }
}

function put(into: Map<string, number>, reason: string, weight: number): void {
  const prev = into.get(reason);
  if (prev === undefined || Math.abs(weight) > Math.abs(prev)) into.set(reason, weight);
}

function answerPoints(answers: Record<string, unknown>, into: Map<string, number>): void {
  for (const [key, table] of Object.entries(ANSWER_WEIGHTS)) {
    const v = answers[key];
    if (typeof v !== 'string') continue;
    const hit = table[v.trim().toLowerCase()];
    if (hit) put(into, hit.reason, hit.weight);
  }
}

function total(points: Map<string, number>): number {
  let sum = 0;
  for (const w of points.values()) sum += w;
  return Math.max(0, Math.min(100, Math.round(sum)));
}

function ordered(points: Map<string, number>): string[] {
  return [...points.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([r]) => r);
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Score a tip from its structured answers and free texts. Each reason counts once (the larger
 * weight when answers and text both give it); signals that lower urgency ("sudah pulang")
 * never pull the score below what the structured answers alone give, because an explicit
 * "yes, in danger now" outranks wording elsewhere.
 *
 * ```ts
 * scoreTip({ answers: { danger_now: 'yes' }, texts: ['adik saya disekap di Kuching'] })
 * // { score: 100, urgency: 'urgent', reasons: ['confinement', 'danger_now', 'risky_place'] }
 * ```
 */
export function scoreTip(input: TriageInput): TriageResult {
  const fromAnswers = new Map<string, number>();
  answerPoints(input.answers ?? {}, fromAnswers);
  const points = new Map(fromAnswers);
  const prepared = (input.texts ?? []).filter((t) => typeof t === 'string' && t !== '').map(prepare);
  for (const p of prepared) scanPrepared(p, points);
  for (const g of GROUPS) {
    if (g.weight >= 0) continue;
    const suppressed = g.suppressedBy !== null && prepared.some((p) => spans(g.suppressedBy!, p).length > 0);
    if (!suppressed && prepared.some((p) => groupMatches(g, p))) put(points, g.reason, g.weight);
  }
  const score = Math.max(total(points), total(fromAnswers));
  return {
    score,
    urgency: score >= URGENT_THRESHOLD ? 'urgent' : 'normal',
    reasons: ordered(points),
  };
}

/**
 * Score one free text on its own: used on every inbound message, so urgent words seen at any
 * step of a report can raise an alert before the flow ends.
 *
 * ```ts
 * scanText('pukul 3 sore saya ke kantor agen').urgency // 'normal'
 * ```
 */
export function scanText(text: string): TriageResult {
  return scoreTip({ answers: {}, texts: [text] });
}
