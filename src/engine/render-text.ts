/**
 * How the engine turns catalog keys into text: a conversation's locale, `{placeholders}` filled
 * from this turn's vars, the answers and the state's vars, stored choices shown as their option's
 * label, list parts (`each`), conditional parts (`when`) and variants (`by`). Pure, like the engine.
 */
import type { Answers, ConversationState, FlowSet, SayPart, VarValue } from './types.js';
import { variantKey } from './types.js';

/** What rendering reads of a turn (the engine's context satisfies it). */
export type RenderCtx = {
  set: FlowSet;
  state: ConversationState;
  turnVars: Record<string, VarValue>;
  items: Array<Record<string, VarValue>>;
  lists: Record<string, Array<Record<string, VarValue>>>;
};

/** The say parts of a step as one text (parts joined by a blank line; empty parts dropped). */
export function renderParts(ctx: RenderCtx, parts: SayPart[]): string {
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

/** A name's value: the caller's extra vars, then this turn's vars, the answers, the state's vars. */
export function lookup(ctx: RenderCtx, name: string, extra?: Record<string, VarValue>): VarValue | Answers[string] | undefined {
  if (extra && name in extra) return extra[name];
  if (name in ctx.turnVars) return ctx.turnVars[name];
  if (name in ctx.state.answers) return ctx.state.answers[name];
  if (name in ctx.state.vars) return ctx.state.vars[name];
  return undefined;
}

/** Resolve a catalog key in the conversation's locale and fill `{placeholders}`. */
export function t(ctx: RenderCtx, key: string, extra?: Record<string, VarValue>): string {
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

function isMediaStore(ctx: RenderCtx, name: string): boolean {
  return Object.values(ctx.set.flows[ctx.state.flowId]?.steps ?? {}).some((s) => s.kind === 'media' && s.store === name);
}

/** A stored choice answer renders as its option's label in the current locale. */
function choiceLabel(ctx: RenderCtx, store: string, value: string): string | null {
  for (const step of Object.values(ctx.set.flows[ctx.state.flowId]?.steps ?? {})) {
    if (step.kind === 'choice' && step.store === store) {
      const opt = step.options.find((o) => (o.value ?? o.id) === value);
      if (opt) return ctx.set.catalogs[ctx.state.locale][opt.label] ?? null;
    }
  }
  return null;
}
