/**
 * The flow engine: pure and synchronous. `advance(set, state, input, now)` returns a Turn
 * (new state, outputs, effects). No I/O, no clock (time is an input), no randomness.
 *
 * ```ts
 * let turn = advance(flowSet, null, { kind: 'start' }, now);
 * turn = advance(flowSet, turn.state, { kind: 'message', content: { kind: 'choice', choiceId: 'report' } }, now);
 * ```
 */
import type { InboundContent, Locale, Option, Outbound, Prompt } from '../messages.js';
import { carriedAnswers, mediaAsText } from './carry.js';
import { effectFor } from './effects.js';
import { globalWordIn, matchOptionIn } from './match-option.js';
import { fold, normaliseReceipt, validateText as validate } from './text.js';
import type {
  Answers,
  ConversationState,
  Effect,
  EffectResult,
  FlowDef,
  FlowSet,
  GlobalWords,
  Next,
  OptionDef,
  SayPart,
  StepDef,
  Turn,
  VarValue,
} from './types.js';
import { MAX_STEPS_PER_TURN, variantKey } from './types.js';

export { matchOptionIn };

export type EngineStartInput = { kind: 'start' };
export type AdvanceInput =
  | EngineStartInput
  | { kind: 'message'; content: InboundContent }
  | { kind: 'effect_result'; result: EffectResult };

export const MENU_FLOW = 'menu';
const DEFAULT_MAX_TEXT = 4000;

type Ctx = {
  set: FlowSet;
  state: ConversationState;
  outputs: Outbound[];
  effects: Effect[];
  turnVars: Record<string, VarValue>;
  items: Array<Record<string, VarValue>>;
  lists: Record<string, Array<Record<string, VarValue>>>;
  steps: number;
};

/** A fresh state at the start of the menu flow. */
export function initialState(set: FlowSet, locale: Locale, now: number): ConversationState {
  const menu = getFlow(set, MENU_FLOW);
  return {
    flowId: menu.id,
    flowVersion: menu.version,
    stepId: menu.start,
    status: 'waiting',
    locale,
    answers: {},
    vars: {},
    updatedAt: now,
  };
}

function getFlow(set: FlowSet, id: string): FlowDef {
  const f = set.flows[id];
  if (!f) throw new Error(`Unknown flow "${id}". Register it in flows/index.ts.`);
  return f;
}

function currentStep(ctx: Ctx): StepDef {
  const flow = getFlow(ctx.set, ctx.state.flowId);
  const step = flow.steps[ctx.state.stepId];
  if (!step) throw new Error(`Flow "${flow.id}" has no step "${ctx.state.stepId}".`);
  return step;
}

/** Bring persisted state up to the flow's current version; unknown steps restart the flow. */
export function migrateState(set: FlowSet, state: ConversationState): { state: ConversationState; restarted: boolean } {
  const flow = set.flows[state.flowId];
  if (!flow) return { state: { ...initialState(set, state.locale, state.updatedAt), vars: state.vars }, restarted: true };
  let s = state;
  while (s.flowVersion < flow.version) {
    const m = flow.migrations?.[s.flowVersion];
    if (!m) break;
    s = { ...m(s), flowVersion: s.flowVersion + 1 };
  }
  if (s.flowVersion !== flow.version || !flow.steps[s.stepId]) {
    return { state: { ...initialState(set, state.locale, state.updatedAt), vars: state.vars }, restarted: true };
  }
  return { state: s, restarted: false };
}

/**
 * Advance a conversation by one input. `state` null means a first contact.
 */
export function advance(
  set: FlowSet,
  state: ConversationState | null,
  input: AdvanceInput,
  now: number,
  defaultLocale: Locale = 'id',
): Turn {
  let fresh = false;
  let restarted = false;
  let s: ConversationState;
  if (!state || state.status === 'completed' || state.status === 'failed') {
    s = initialState(set, state?.locale ?? defaultLocale, now);
    if (state) s.vars = { ...state.vars };
    fresh = true;
  } else {
    ({ state: s, restarted } = migrateState(set, structuredClone(state)));
  }
  s.updatedAt = now;
  const ctx: Ctx = { set, state: s, outputs: [], effects: [], turnVars: {}, items: [], lists: {}, steps: 0 };
  try {
    if (restarted) say(ctx, ['global.restarted']);
    if (input.kind === 'effect_result') {
      resumeEffect(ctx, input.result);
    } else if (input.kind === 'start') {
      if (fresh) say(ctx, ['menu.welcome']);
      run(ctx);
    } else {
      handleMessage(ctx, input.content, fresh);
    }
  } catch (err) {
    if (err instanceof StepLimitError) {
      ctx.state = { ...initialState(set, ctx.state.locale, now), status: 'failed' };
      ctx.outputs.push({ kind: 'text', text: t(ctx, 'global.error') });
    } else {
      throw err;
    }
  }
  return { state: ctx.state, outputs: ctx.outputs, effects: ctx.effects, prompt: promptOf(ctx) };
}

/**
 * An idle conversation times out. What that means is the flow's to declare (`FlowDef.onExpire`,
 * e.g. a report abandoned after its description is submitted as an incomplete tip; the host
 * executes the effect); nothing is sent to the person (never contact first).
 */
export function expire(set: FlowSet, state: ConversationState, now: number): Turn {
  const effects: Effect[] = [];
  const rule = set.flows[state.flowId]?.onExpire;
  const answered = !rule?.whenAnswered || (state.answers[rule.whenAnswered] !== undefined && state.answers[rule.whenAnswered] !== null);
  const declared = !!rule && answered && !(rule.unlessVar && state.vars[rule.unlessVar]);
  // An early alert's draft (danger now, an urgent phrase, `sos`) is completed with what was answered
  // in the flow that holds it (not by a status check opened afterwards, whose answers are not a report).
  const openDraft = !!state.vars.draftTipId && state.vars.draftFlow === state.flowId && !state.vars.submitted;
  if (rule && declared) {
    effects.push(buildEffect({ set, state, outputs: [], effects: [], turnVars: {}, items: [], lists: {}, steps: 0 }, rule.effect));
  } else if (openDraft) {
    effects.push({ kind: 'submit_report', answers: state.answers, complete: false, draftTipId: state.vars.draftTipId });
  }
  const next: ConversationState = { ...initialState(set, state.locale, now), status: 'completed' };
  return { state: next, outputs: [], effects, prompt: { flow: next.flowId, step: next.stepId, kind: 'none' } };
}

class StepLimitError extends Error {}

/** Whether the global jump word `word` applies in the current flow (`FlowDef.blocksGlobals`). */
function jumpAllowed(ctx: Ctx, word: keyof GlobalWords): boolean {
  return !getFlow(ctx.set, ctx.state.flowId).blocksGlobals?.includes(word);
}

function handleMessage(ctx: Ctx, content: InboundContent, fresh: boolean): void {
  // "status 7K3F-Q9XM-2HDA" in one message: straight to the case (not inside an unfinished report).
  const direct = content.kind === 'text' ? /^\/?status\s+(.+)$/i.exec(content.text.trim()) : null;
  const receipt = direct ? normaliseReceipt(direct[1]) : null;
  if (receipt && jumpAllowed(ctx, 'status') && ctx.set.flows.status?.steps.lookup) {
    const flow = getFlow(ctx.set, 'status');
    ctx.state = { ...ctx.state, flowId: flow.id, flowVersion: flow.version, stepId: 'lookup', status: 'waiting', answers: { receipt }, returnTo: undefined };
    return run(ctx);
  }
  const jump = content.kind === 'text' ? interruptFlow(ctx, content.text) : null;
  if (jump) return interrupt(ctx, jump);
  const g = content.kind === 'text' ? globalWordIn(ctx.set.globals, content.text) : null;
  if (g === 'menu') {
    const flow = getFlow(ctx.set, ctx.state.flowId);
    const cancel = flow.id !== MENU_FLOW ? flow.onCancel : undefined;
    if (cancel) return goto(ctx, cancel);
    return goto(ctx, `flow:${MENU_FLOW}`);
  }
  if (g === 'status' && jumpAllowed(ctx, 'status') && ctx.state.flowId !== 'status') {
    return goto(ctx, 'flow:status');
  }
  if (g === 'language') {
    ctx.state.locale = ctx.state.locale === 'id' ? 'en' : 'id';
    say(ctx, ['global.language_switched']);
    return prompt(ctx);
  }
  if (g === 'help') {
    const step = currentStep(ctx);
    const help = 'help' in step && step.help ? step.help : 'global.help';
    say(ctx, [help]);
    return prompt(ctx);
  }
  if (fresh) {
    // First contact: the greeting, then act on the message only if it picks a menu option.
    const step = currentStep(ctx);
    const opt = step.kind === 'choice' ? matchOption(ctx, step.options, content) : null;
    if (!opt) {
      say(ctx, ['menu.welcome']);
      return prompt(ctx);
    }
  }
  const step = currentStep(ctx);
  switch (step.kind) {
    case 'choice': {
      const opt = matchOption(ctx, step.options, content);
      if (!opt) return reask(ctx, 'global.invalid_choice');
      if (step.store) ctx.state.answers[step.store] = opt.value ?? opt.id;
      return choose(ctx, opt);
    }
    case 'text': {
      const opt = step.options ? matchOption(ctx, step.options, content, true) : null;
      if (opt) return choose(ctx, opt);
      if (content.kind === 'media' && step.media?.kinds.includes(content.media.kind)) {
        const into = ctx.state.answers[step.media.store];
        ctx.state.answers[step.media.store] = [...(Array.isArray(into) ? into : []), content.media];
        ctx.state.answers[step.store] = t(ctx, step.media.note);
        return proceed(ctx, step.next);
      }
      // A screenshot or forwarded photo where text is asked: read as text (`readMedia`).
      const read = content.kind === 'media' || content.kind === 'media_rejected' ? mediaAsText(step, content, ctx.state.answers) : null;
      if (read && 'reask' in read) return reask(ctx, read.reask);
      if (!read && content.kind !== 'text') return reask(ctx, 'global.expect_text');
      const typed = read ? read.text : content.kind === 'text' ? content.text : '';
      const value = validate(step.validate, typed, step.maxLength ?? DEFAULT_MAX_TEXT);
      if (value === null) return reask(ctx, `global.invalid_${step.validate ?? 'nonempty'}`);
      ctx.state.answers[step.store] = value;
      if (step.scan) {
        ctx.effects.push({ kind: 'scan_text', step: ctx.state.stepId, text: value, answers: { ...ctx.state.answers } });
      }
      return proceed(ctx, step.next);
    }
    case 'media': {
      if (content.kind === 'media') {
        const list = Array.isArray(ctx.state.answers[step.store]) ? [...(ctx.state.answers[step.store] as never[])] : [];
        if (list.length >= step.max) {
          say(ctx, ['global.media_limit']);
          return proceed(ctx, step.next);
        }
        list.push(content.media as never);
        ctx.state.answers[step.store] = list;
        ctx.turnVars.count = list.length;
        ctx.turnVars.max = step.max;
        if (list.length >= step.max) {
          say(ctx, ['global.media_received', 'global.media_limit']);
          return proceed(ctx, step.next);
        }
        say(ctx, ['global.media_received']);
        return prompt(ctx, true);
      }
      if (content.kind === 'media_rejected') return reask(ctx, `global.media_${content.reason}`);
      const opt = matchOption(ctx, step.options, content);
      if (opt) return choose(ctx, opt);
      return reask(ctx, 'global.expect_media');
    }
    default:
      // Not waiting (should not happen with persisted state): continue from here.
      return run(ctx);
  }
}

/** The flow whose declared interrupt words equal the whole message, if any. */
function interruptFlow(ctx: Ctx, text: string): FlowDef | null {
  const w = fold(text).replace(/^\//, '');
  if (!w) return null;
  for (const flow of Object.values(ctx.set.flows)) {
    if (flow.interrupt?.words.some((x) => fold(x) === w)) return flow;
  }
  return null;
}

/**
 * Open an interrupting flow (e.g. `emergency`) from wherever the conversation is, carrying the
 * answers it declares and the conversation vars (an early alert's draft tip goes along).
 */
function interrupt(ctx: Ctx, flow: FlowDef): void {
  if (ctx.state.flowId === flow.id) {
    if (flow.interrupt?.repeat) say(ctx, [flow.interrupt.repeat]);
    return prompt(ctx);
  }
  const answers: Answers = {};
  for (const k of flow.interrupt?.keep ?? []) {
    const v = ctx.state.answers[k];
    if (v !== undefined && v !== '') answers[k] = v;
  }
  ctx.state = {
    flowId: flow.id,
    flowVersion: flow.version,
    stepId: flow.start,
    status: 'waiting',
    locale: ctx.state.locale,
    answers,
    vars: ctx.state.vars,
    updatedAt: ctx.state.updatedAt,
  };
  return run(ctx);
}

function matchOption(ctx: Ctx, options: OptionDef[], content: InboundContent, textOnlyById = false): OptionDef | null {
  return matchOptionIn(ctx.set, ctx.state.locale, options, content, textOnlyById);
}

function choose(ctx: Ctx, opt: OptionDef): void {
  if (opt.locale) ctx.state.locale = opt.locale;
  if (opt.edit) {
    ctx.state.returnTo = ctx.state.stepId;
    return goto(ctx, opt.next);
  }
  if (opt.prefill && opt.next.startsWith('flow:')) return goto(ctx, opt.next, carriedAnswers(opt, ctx.state.answers, ctx.state.vars));
  return proceed(ctx, opt.next);
}

/** After an answer: go to `next`, or back to the summary an edit came from. */
function proceed(ctx: Ctx, next: Next): void {
  if (ctx.state.returnTo && !next.startsWith('flow:')) {
    const back = ctx.state.returnTo;
    const target = getFlow(ctx.set, ctx.state.flowId).steps[next];
    // Follow-up questions of an edited field (e.g. destination after "abroad") are still asked,
    // and an effect the answer leads to (an alert on "in danger now: yes") still runs.
    const passes = target && (((target.kind === 'choice' || target.kind === 'text') && target.followUp) || target.kind === 'effect');
    if (!passes) {
      ctx.state.returnTo = undefined;
      return goto(ctx, back);
    }
  }
  return goto(ctx, next);
}

function goto(ctx: Ctx, next: Next, carried: Answers = {}): void {
  if (next === 'end') {
    ctx.state = { ...initialState(ctx.set, ctx.state.locale, ctx.state.updatedAt), status: 'completed', vars: ctx.state.vars };
    return;
  }
  if (next.startsWith('flow:')) {
    const flow = getFlow(ctx.set, next.slice(5));
    ctx.state = {
      flowId: flow.id,
      flowVersion: flow.version,
      stepId: flow.start,
      status: 'waiting',
      locale: ctx.state.locale,
      answers: carried,
      vars: flow.id === MENU_FLOW ? {} : ctx.state.vars,
      updatedAt: ctx.state.updatedAt,
    };
  } else {
    ctx.state.stepId = next;
  }
  ctx.state.status = 'waiting';
  ctx.state.pending = undefined;
  run(ctx);
}

/** Execute non-waiting steps until a wait, an effect or the end. */
function run(ctx: Ctx): void {
  if (++ctx.steps > MAX_STEPS_PER_TURN) throw new StepLimitError();
  const step = currentStep(ctx);
  switch (step.kind) {
    case 'say':
      say(ctx, step.say);
      // `proceed`: a say reached while editing from a summary returns to the summary after it.
      return proceed(ctx, step.next);
    case 'branch': {
      const v = lookup(ctx, step.on);
      const key = typeof v === 'string' || typeof v === 'number' ? String(v) : '';
      return goto(ctx, step.cases[key] ?? step.otherwise);
    }
    case 'effect': {
      const effect = buildEffect(ctx, step.effect, step.reason);
      ctx.state.status = 'awaiting_effect';
      ctx.state.pending = effect;
      ctx.effects.push(effect);
      return;
    }
    case 'text':
      // Prefilled from another flow (e.g. a checked advert): not asked again, still editable.
      if (step.skipWhenAnswered && !ctx.state.returnTo && typeof ctx.state.answers[step.store] === 'string') return goto(ctx, step.next);
      return prompt(ctx);
    default:
      return prompt(ctx);
  }
}

function resumeEffect(ctx: Ctx, result: EffectResult): void {
  const step = currentStep(ctx);
  if (ctx.state.status !== 'awaiting_effect' || step.kind !== 'effect') {
    return prompt(ctx);
  }
  ctx.turnVars = { ...(result.vars ?? {}) };
  ctx.items = result.items ?? [];
  ctx.lists = result.lists ?? {};
  if (result.persist) Object.assign(ctx.state.vars, result.persist);
  for (const k of result.clear ?? []) delete ctx.state.answers[k];
  const next = step.routes[result.outcome] ?? step.routes.otherwise;
  if (!next) throw new Error(`Effect step "${ctx.state.flowId}.${ctx.state.stepId}" has no route for "${result.outcome}".`);
  return goto(ctx, next);
}

function buildEffect(ctx: Ctx, name: string, reason?: string): Effect {
  return effectFor(ctx.state, name, reason);
}

/** Emit the current wait step's prompt (its say parts and choices). */
function prompt(ctx: Ctx, short = false): void {
  const step = currentStep(ctx);
  ctx.state.status = 'waiting';
  if (step.kind !== 'choice' && step.kind !== 'text' && step.kind !== 'media') return;
  const text = short && step.kind === 'media' ? t(ctx, 'global.media_more') : renderParts(ctx, step.say);
  const options = 'options' in step && step.options ? step.options : undefined;
  if (options?.length) {
    ctx.outputs.push({ kind: 'choices', text, options: options.map((o) => ({ id: o.id, label: t(ctx, o.label) })) });
  } else {
    ctx.outputs.push({ kind: 'text', text });
  }
}

function reask(ctx: Ctx, key: string): void {
  say(ctx, [key]);
  prompt(ctx);
}

function say(ctx: Ctx, parts: SayPart[]): void {
  const text = renderParts(ctx, parts);
  if (text) ctx.outputs.push({ kind: 'text', text });
}

function renderParts(ctx: Ctx, parts: SayPart[]): string {
  const out: string[] = [];
  for (const p of parts) {
    if (typeof p === 'string') out.push(t(ctx, p));
    else if ('each' in p) {
      const list = p.each === 'items' ? ctx.items : (ctx.lists[p.each] ?? []);
      const lines = list.map((item) => t(ctx, p.key, item));
      if (lines.length) out.push(lines.join('\n'));
    } else if ('when' in p) {
      const v = lookup(ctx, p.when);
      if (v !== undefined && v !== '' && v !== 0) out.push(t(ctx, p.key));
    } else if ('by' in p) out.push(t(ctx, variantKey(p, lookup(ctx, p.by))));
  }
  return out.filter(Boolean).join('\n\n');
}

function lookup(ctx: Ctx, name: string, extra?: Record<string, VarValue>): VarValue | Answers[string] | undefined {
  if (extra && name in extra) return extra[name];
  if (name in ctx.turnVars) return ctx.turnVars[name];
  if (name in ctx.state.answers) return ctx.state.answers[name];
  if (name in ctx.state.vars) return ctx.state.vars[name];
  return undefined;
}

/** Resolve a catalog key in the conversation's locale and fill `{placeholders}`. */
function t(ctx: Ctx, key: string, extra?: Record<string, VarValue>): string {
  const cat = ctx.set.catalogs[ctx.state.locale];
  const tpl = cat[key];
  if (tpl === undefined) throw new Error(`Missing catalog key "${key}" in locale "${ctx.state.locale}".`);
  return tpl.replace(/\{([a-z_][a-z0-9_]*)\}/gi, (_, name: string) => {
    const v = lookup(ctx, name, extra);
    if (v === undefined && isMediaStore(ctx, name)) return '0';
    if (v === undefined || v === '') return t(ctx, 'global.not_given');
    if (Array.isArray(v)) return String(v.length);
    if (typeof v === 'object') return t(ctx, v.t, extra);
    if (typeof v === 'string') {
      const label = choiceLabel(ctx, name, v);
      if (label) return label;
    }
    return String(v);
  });
}

function isMediaStore(ctx: Ctx, name: string): boolean {
  return Object.values(getFlow(ctx.set, ctx.state.flowId).steps).some((s) => s.kind === 'media' && s.store === name);
}

/** A stored choice answer renders as its option's label in the current locale. */
function choiceLabel(ctx: Ctx, store: string, value: string): string | null {
  const flow = getFlow(ctx.set, ctx.state.flowId);
  for (const step of Object.values(flow.steps)) {
    if (step.kind === 'choice' && step.store === store) {
      const opt = step.options.find((o) => (o.value ?? o.id) === value);
      if (opt) return ctx.set.catalogs[ctx.state.locale][opt.label] ?? null;
    }
  }
  return null;
}

function promptOf(ctx: Ctx): Prompt {
  const { state } = ctx;
  const base = { flow: state.flowId, step: state.stepId };
  if (state.status !== 'waiting') return { ...base, kind: 'none' };
  const flow = ctx.set.flows[state.flowId];
  const step = flow?.steps[state.stepId];
  if (!step || (step.kind !== 'choice' && step.kind !== 'text' && step.kind !== 'media')) return { ...base, kind: 'none' };
  const options = 'options' in step && step.options ? step.options : undefined;
  const choices: Option[] | undefined = options?.map((o) => ({ id: o.id, label: t(ctx, o.label) }));
  return { ...base, kind: step.kind, ...(choices ? { choices } : {}) };
}
