/**
 * Boot-time validation of flows and catalogs: the app fails fast on a broken flow rather than
 * stranding a reporter mid-conversation.
 */
import type { Locale } from '../messages.js';
import type { FlowDef, FlowSet, Next, SayPart, StepDef } from './types.js';
import { MAX_STEPS_PER_FLOW, partKeys } from './types.js';

const PLACEHOLDER = /\{([a-z_][a-z0-9_]*)\}/gi;

function nexts(step: StepDef): Next[] {
  switch (step.kind) {
    case 'say':
      return [step.next];
    case 'choice':
      return step.options.map((o) => o.next);
    case 'text':
      return [step.next, ...(step.options ?? []).map((o) => o.next)];
    case 'media':
      return [step.next, ...step.options.map((o) => o.next)];
    case 'branch':
      return [...Object.values(step.cases), step.otherwise];
    case 'effect':
      return Object.values(step.routes);
  }
}

function keysOf(step: StepDef): string[] {
  const fromSay = (parts: SayPart[]) => parts.flatMap(partKeys);
  switch (step.kind) {
    case 'say':
      return fromSay(step.say);
    case 'choice':
      return [...fromSay(step.say), ...step.options.map((o) => o.label), ...(step.help ? [step.help] : [])];
    case 'text':
      return [...fromSay(step.say), ...(step.options ?? []).map((o) => o.label), ...(step.help ? [step.help] : []), ...(step.media ? [step.media.note] : [])];
    case 'media':
      return [...fromSay(step.say), ...(step.options ?? []).map((o) => o.label), ...(step.help ? [step.help] : [])];
    default:
      return [];
  }
}

/** All problems found; empty when the set is valid. */
export function flowSetProblems(set: FlowSet, staticKeys: string[] = []): string[] {
  const problems: string[] = [];
  const used = new Set<string>(staticKeys);
  for (const flow of Object.values(set.flows)) problems.push(...flowProblems(set, flow, used));
  const locales = Object.keys(set.catalogs) as Locale[];
  for (const key of used) {
    for (const l of locales) if (set.catalogs[l][key] === undefined) problems.push(`catalog ${l}: missing key "${key}"`);
  }
  const [first, ...rest] = locales;
  for (const l of rest) {
    for (const key of Object.keys(set.catalogs[first])) {
      if (set.catalogs[l][key] === undefined) problems.push(`catalog ${l}: missing key "${key}" (present in ${first})`);
    }
    for (const key of Object.keys(set.catalogs[l])) {
      if (set.catalogs[first][key] === undefined) problems.push(`catalog ${l}: extra key "${key}" (absent in ${first})`);
      else {
        const a = [...set.catalogs[first][key].matchAll(PLACEHOLDER)].map((m) => m[1]).sort().join(',');
        const b = [...set.catalogs[l][key].matchAll(PLACEHOLDER)].map((m) => m[1]).sort().join(',');
        if (a !== b) problems.push(`catalog ${l}: placeholders of "${key}" are {${b}} but {${a}} in ${first}`);
      }
    }
  }
  return problems;
}

function flowProblems(set: FlowSet, flow: FlowDef, used: Set<string>): string[] {
  const p: string[] = [];
  const ids = Object.keys(flow.steps);
  if (ids.length > MAX_STEPS_PER_FLOW) p.push(`flow ${flow.id}: more than ${MAX_STEPS_PER_FLOW} steps`);
  if (!flow.steps[flow.start]) p.push(`flow ${flow.id}: start step "${flow.start}" does not exist`);
  const check = (from: string, n: Next) => {
    if (n === 'end') return;
    if (n.startsWith('flow:')) {
      if (!set.flows[n.slice(5)]) p.push(`flow ${flow.id}.${from}: target flow "${n.slice(5)}" does not exist`);
    } else if (!flow.steps[n]) p.push(`flow ${flow.id}.${from}: target step "${n}" does not exist`);
  };
  for (const [id, step] of Object.entries(flow.steps)) {
    if (!/^[a-z][a-z0-9_]*$/.test(id)) p.push(`flow ${flow.id}: step id "${id}" is not snake_case`);
    for (const n of nexts(step)) check(id, n);
    for (const k of keysOf(step)) used.add(k);
    if ('options' in step && step.options) {
      const seen = new Set<string>();
      for (const o of step.options) {
        if (seen.has(o.id)) p.push(`flow ${flow.id}.${id}: duplicate option id "${o.id}"`);
        seen.add(o.id);
      }
    }
  }
  if (flow.onCancel) check('onCancel', flow.onCancel);
  if (flow.interrupt?.repeat) used.add(flow.interrupt.repeat);
  for (const w of flow.interrupt?.words ?? []) {
    const g = set.globals;
    if ([...g.menu, ...g.language, ...g.help, ...(g.status ?? [])].includes(w)) p.push(`flow ${flow.id}: interrupt word "${w}" is also a global word`);
    for (const other of Object.values(set.flows)) {
      if (other.id !== flow.id && other.interrupt?.words.includes(w)) p.push(`flow ${flow.id}: interrupt word "${w}" also opens flow ${other.id}`);
    }
  }
  // Reachability from the start (and onCancel).
  const seen = new Set<string>();
  const queue = [flow.start, ...(flow.onCancel ? [flow.onCancel] : [])];
  while (queue.length) {
    const id = queue.pop() as string;
    if (seen.has(id) || !flow.steps[id]) continue;
    seen.add(id);
    for (const n of nexts(flow.steps[id])) if (!n.startsWith('flow:') && n !== 'end') queue.push(n);
  }
  for (const id of ids) if (!seen.has(id)) p.push(`flow ${flow.id}: step "${id}" is unreachable`);
  // No cycle made only of steps that do not wait (say/branch): it would loop forever.
  const waitless = (s: StepDef) => s.kind === 'say' || s.kind === 'branch';
  const state = new Map<string, 1 | 2>();
  const dfs = (id: string, path: string[]): void => {
    const step = flow.steps[id];
    if (!step || !waitless(step)) return;
    if (state.get(id) === 1) {
      p.push(`flow ${flow.id}: steps ${[...path, id].join(' → ')} loop without waiting for input`);
      return;
    }
    if (state.get(id) === 2) return;
    state.set(id, 1);
    for (const n of nexts(step)) if (!n.startsWith('flow:') && n !== 'end') dfs(n, [...path, id]);
    state.set(id, 2);
  };
  for (const id of ids) dfs(id, []);
  return p;
}

/** Throw with every problem listed, naming the flow and step. */
export function validateFlowSet(set: FlowSet, staticKeys: string[] = []): void {
  const problems = flowSetProblems(set, staticKeys);
  if (problems.length) throw new Error(`Invalid flows:\n  ${problems.join('\n  ')}`);
}

/** Catalog keys the engine itself uses. */
export const ENGINE_KEYS = [
  'global.restarted',
  'global.error',
  'global.language_switched',
  'global.help',
  'global.invalid_choice',
  'global.expect_text',
  'global.invalid_nonempty',
  'global.invalid_receipt',
  'global.invalid_query',
  'global.invalid_short',
  'global.media_received',
  'global.media_limit',
  'global.media_more',
  'global.media_too_large',
  'global.media_bad_type',
  'global.media_failed',
  'global.media_quota',
  'global.media_busy',
  'global.expect_media',
  'global.not_given',
  'menu.welcome',
];
