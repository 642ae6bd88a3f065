/**
 * Helpers to author flows as typed data. A flow reads like the conversation it runs.
 */
import type { FlowDef, OptionDef, SayPart, StepDef } from '../src/engine/types.js';

/** Declare a flow; `validateFlowSet` checks it at boot. */
export function defineFlow(flow: FlowDef): FlowDef {
  return flow;
}

export const say = (parts: SayPart[], next: string): StepDef => ({ kind: 'say', say: parts, next });

export const choose = (def: Omit<Extract<StepDef, { kind: 'choice' }>, 'kind'>): StepDef => ({ kind: 'choice', ...def });

export const ask = (def: Omit<Extract<StepDef, { kind: 'text' }>, 'kind'>): StepDef => ({ kind: 'text', ...def });

export const collect = (def: Omit<Extract<StepDef, { kind: 'media' }>, 'kind'>): StepDef => ({ kind: 'media', ...def });

export const effect = (
  name: Extract<StepDef, { kind: 'effect' }>['effect'],
  routes: Record<string, string>,
  extra: { reason?: string } = {},
): StepDef => ({
  kind: 'effect',
  effect: name,
  routes,
  ...extra,
});

export const branch = (on: string, cases: Record<string, string>, otherwise: string): StepDef => ({
  kind: 'branch',
  on,
  cases,
  otherwise,
});

/** `opt('yes', 'report.yes', 'next_step')` — an option whose label is a catalog key. */
export const opt = (id: string, label: string, next: string, extra: Partial<OptionDef> = {}): OptionDef => ({
  id,
  label,
  next,
  ...extra,
});
