/**
 * Urgency triage on indicators: structured answers plus the signals (phrases per ILO /
 * trafficking indicator, `signals.ts`) give a 0–100 score, the reason ids behind it and the
 * indicator ids found. Deterministic and explainable (every point comes from a listed reason), no
 * I/O, no model; linear in the length of the texts.
 */
import { isIndicator } from './indicators.js';
import {
  ABROAD_NO_CONTACT,
  AGE_CUES,
  AGE_UNITS,
  ANSWER_WEIGHTS,
  SEVERAL_INDICATORS,
  DURATION_AFTER,
  DURATION_BEFORE,
  NON_AGE_UNITS,
  PERSON_BEFORE_AGE,
  SCHOOL_CUES,
  SCHOOL_GRADUATE,
  SCHOOL_LEVELS,
  SCHOOL_LEVELS_STRICT,
  SOFT_AGE_CUES,
  URGENT_THRESHOLD,
} from './lexicon.js';
import { anyIn, compileList, compileSignal, isNegated, matchSignal, type Prepared, prepare, spans } from './match.js';
import { BREAK, SOFT, tokenise } from './normalise.js';
import { HELP_ADDRESS, HELP_WORDS } from './signals-context.js';
import { SUPPOSED_IS_REAL } from './signals-relayed.js';
import { LOWERING, SIGNALS } from './signals.js';

export { reasonText } from './indicators.js';
export { URGENT_THRESHOLD } from './lexicon.js';

/** `urgent` at or above {@link URGENT_THRESHOLD}. Stored as `tips.urgency`. */
export type Urgency = 'urgent' | 'normal';

/**
 * A triage verdict: integer score 0–100, urgency, the reason ids behind it (strongest first;
 * words for each via `reasonText`), and the indicator ids among them (ILO + trafficking-specific).
 */
export interface TriageResult {
  score: number;
  urgency: Urgency;
  reasons: string[];
  indicators: string[];
}

/** What a tip offers the scorer: flow answers by step id, and every free text the reporter sent. */
export interface TriageInput {
  answers: Record<string, string | unknown>;
  texts: string[];
}

const COMPILED = SIGNALS.map(compileSignal);
const SUPPOSED_IS_REAL_RE = compileList(SUPPOSED_IS_REAL);
const LOWERING_COMPILED = LOWERING.map((l) => ({
  reason: l.reason,
  weight: l.weight,
  cap: l.cap ?? 100,
  phrases: compileList(l.phrases),
  unless: compileList(l.unlessAny),
}));
/** Highest score a story told as past and over can get from its text. */
const HISTORY_CAP = 30;
const THREAT_WEIGHT = SIGNALS.find((s) => s.reason === 'intimidation_threats')?.weight ?? 50;
const MINOR_WEIGHT = SIGNALS.find((s) => s.reason === 'minor')?.weight ?? 50;

// ---------------------------------------------------------------------------------------------
// Ages

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
const AGO = new Set(['lalu', 'ago', 'silam']);

/** Up to `n` words before index `i` in the same clause, nearest first. */
function before(tokens: string[], i: number, n: number): string[] {
  const out: string[] = [];
  for (let j = i - 1; j >= 0 && out.length < n; j--) {
    if (tokens[j] === BREAK || tokens[j] === SOFT) break;
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
      const next = tokens[i + 1] ?? '';
      const ageCue = prev.some((w) => AGE_CUE_SET.has(w));
      // After a person word the number needs an age unit or to be 10+: "anak 8 tahun", "adik 15", but "janda anak 3" counts children.
      if (ageCue || (PERSON_SET.has(prev[0] ?? '') && (AGE_UNIT_SET.has(next) || n >= 10))) {
        if (!NON_AGE_UNIT_SET.has(next) && (!AGE_UNIT_SET.has(next) || !AGO.has(tokens[i + 2] ?? ''))) return true;
      }
      if (n >= 10 && SOFT_CUE_SET.has(prev[0] ?? '') && !NON_AGE_UNIT_SET.has(next)) return true;
      if (n >= 10 && AGE_UNIT_SET.has(next) && !DURATION_BEFORE_SET.has(prev[0] ?? '') && !DURATION_AFTER_SET.has(tokens[i + 2] ?? '')) {
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

const HELP_SET = words(HELP_WORDS);
const HELP_ADDRESS_SET = words(HELP_ADDRESS);
const HELP_WEIGHT = SIGNALS.find((s) => s.reason === 'help_request')?.weight ?? 15;

/**
 * A bare cry for help: "tolong" or "help" ending its clause ("… gk bs klr. TOLONG") or followed by
 * whom it calls ("tlg kak", "help sis"), not a polite "tolong kirim info" or "help me check".
 */
function criesForHelp(tokens: string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!HELP_SET.has(tokens[i])) continue;
    const next = tokens[i + 1];
    if (next === undefined || next === BREAK || next === SOFT || HELP_ADDRESS_SET.has(next)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Scoring

/** A message that is nothing but a cry ("tolong", "help me", "TOLONG!!"): the global emergency word, urgent alone. */
const LONE_CRY_WEIGHT = 50;
function onlyACry(tokens: string[]): boolean {
  const words = tokens.filter((t) => t !== BREAK && t !== SOFT);
  return words.length <= 2 && words.some((t) => HELP_SET.has(t));
}

function put(into: Map<string, number>, reason: string, weight: number): void {
  const prev = into.get(reason);
  if (prev === undefined || Math.abs(weight) > Math.abs(prev)) into.set(reason, weight);
}

function scanPrepared(p: Prepared, into: Map<string, number>): void {
  for (const g of COMPILED) {
    const hit = matchSignal(g, p);
    if (hit.plain) put(into, g.reason, g.weight);
    if (hit.threat) put(into, 'intimidation_threats', THREAT_WEIGHT);
  }
  if (mentionsMinorAge(p.tokens)) put(into, 'minor', MINOR_WEIGHT);
  if (criesForHelp(p.tokens)) put(into, 'help_request', onlyACry(p.tokens) ? LONE_CRY_WEIGHT : HELP_WEIGHT);
}

function answerPoints(answers: Record<string, unknown>, into: Map<string, number>): void {
  for (const [key, table] of Object.entries(ANSWER_WEIGHTS)) {
    const v = answers[key];
    if (typeof v !== 'string') continue;
    const value = v.trim().toLowerCase();
    const hit = Object.hasOwn(table, value) ? table[value] : undefined;
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
 * Score a tip from its structured answers and all its free texts (description, follow-ups):
 * each reason counts once, with its largest weight from answers or text. Signals that lower
 * urgency (a story told as past, "sudah pulang", a general question) never pull the score below
 * what the structured answers alone give: an explicit "yes, in danger now" outranks wording.
 *
 * ```ts
 * scoreTip({ answers: { danger_now: 'yes' }, texts: ['adik saya disekap di Kuching'] })
 * // { score: 100, urgency: 'urgent',
 * //   reasons: ['danger_now', 'restriction_of_movement', 'risky_place'],
 * //   indicators: ['restriction_of_movement'] }
 * ```
 */
export function scoreTip(input: TriageInput): TriageResult {
  const answers = input.answers ?? {};
  const fromAnswers = new Map<string, number>();
  answerPoints(answers, fromAnswers);
  const points = new Map(fromAnswers);
  const prepared = (input.texts ?? []).filter((t) => typeof t === 'string' && t !== '').map(prepare);
  // "Is it normal if …? I am in that dormitory now": what the question supposed is the writer's own case.
  for (const p of prepared) if (anyIn(SUPPOSED_IS_REAL_RE, [p])) p.hypothetical.fill(0);
  for (const p of prepared) scanPrepared(p, points);
  const found = [...points.keys()].filter(isIndicator).length;
  if (found > 1) {
    put(points, SEVERAL_INDICATORS.reason, Math.min(SEVERAL_INDICATORS.max, (found - 1) * SEVERAL_INDICATORS.per));
  }
  if (points.has('abroad') && points.has('loss_of_contact')) put(points, ABROAD_NO_CONTACT.reason, ABROAD_NO_CONTACT.weight);
  let cap = 100;
  for (const l of LOWERING_COMPILED) {
    // "tidak pernah" is never, not the past: a lowering phrase under a negation does not count.
    const said = prepared.some((p) => l.phrases !== null && spans(l.phrases, p).some((s) => !isNegated(p.tokens, s)));
    if (said && !anyIn(l.unless, prepared)) {
      put(points, l.reason, l.weight);
      cap = Math.min(cap, l.cap);
    }
  }
  // Told as past AND said to be over ("dulu dikurung …, sekarang sudah pulang"): every indicator is
  // history, however many there were, so the text alone cannot make it urgent.
  if (points.has('past_event') && points.has('resolved')) cap = Math.min(cap, HISTORY_CAP);
  const fromText = Math.min(total(points), cap);
  const score = Math.max(fromText, total(fromAnswers));
  const reasons = ordered(points);
  return {
    score,
    urgency: score >= URGENT_THRESHOLD ? 'urgent' : 'normal',
    reasons,
    indicators: reasons.filter(isIndicator),
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
