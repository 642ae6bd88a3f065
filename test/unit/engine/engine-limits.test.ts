/**
 * The engine's generic guarantees, on small flows written for the test: persisted state from an
 * older flow version is upgraded by `FlowDef.migrations` (or restarts cleanly), a flow that loops
 * is stopped by MAX_STEPS_PER_TURN instead of hanging, and `expire()` does what the flow declares.
 */
import { describe, expect, it } from 'vitest';
import { defineFlow, say } from '../../../flows/define.js';
import { advance, expire, migrateState } from '../../../src/engine/engine.js';
import { type ConversationState, type FlowDef, type FlowSet, MAX_STEPS_PER_TURN } from '../../../src/engine/types.js';
import { flowSet } from '../../helpers/transcript.js';

const NOW = Date.UTC(2026, 2, 1, 3, 0);

/** The shipped flow set with one extra flow (catalogs and global words stay the real ones). */
function withFlow(flow: FlowDef): FlowSet {
  const base = flowSet;
  return { ...base, flows: { ...base.flows, [flow.id]: flow } };
}

const state = (s: Partial<ConversationState>): ConversationState => ({
  flowId: 'menu',
  flowVersion: 1,
  stepId: 'main',
  status: 'waiting',
  locale: 'id',
  answers: {},
  vars: {},
  updatedAt: NOW,
  ...s,
});

describe('FlowDef.migrations', () => {
  it('upgrades persisted state version by version, keeping the answers', () => {
    const v3 = defineFlow({
      id: 'demo',
      version: 3,
      start: 'ask_where',
      steps: { ask_where: say(['menu.welcome'], 'end'), done: say(['menu.welcome'], 'end') },
      migrations: {
        1: (s) => ({ ...s, stepId: s.stepId === 'where' ? 'ask_where_old' : s.stepId }),
        2: (s) => ({ ...s, stepId: s.stepId === 'ask_where_old' ? 'ask_where' : s.stepId, answers: { ...s.answers, migrated: 'yes' } }),
      },
    });
    const set = withFlow(v3);
    const old = state({ flowId: 'demo', flowVersion: 1, stepId: 'where', answers: { regency: 'sambas' } });
    const { state: up, restarted } = migrateState(set, old);
    expect(restarted).toBe(false);
    expect(up).toMatchObject({ flowVersion: 3, stepId: 'ask_where', answers: { regency: 'sambas', migrated: 'yes' } });
  });

  it('restarts at the menu, keeping vars, when no migration reaches the current version', () => {
    const v2 = defineFlow({ id: 'demo', version: 2, start: 'a', steps: { a: say(['menu.welcome'], 'end') } });
    const { state: s, restarted } = migrateState(withFlow(v2), state({ flowId: 'demo', flowVersion: 1, stepId: 'gone', vars: { tipId: 'TIP-1' } }));
    expect(restarted).toBe(true);
    expect(s).toMatchObject({ flowId: 'menu', vars: { tipId: 'TIP-1' } });
    // The person is told, in their language, and lands on the menu.
    const turn = advance(withFlow(v2), state({ flowId: 'demo', flowVersion: 1, stepId: 'gone' }), { kind: 'message', content: { kind: 'text', text: 'halo' } }, NOW);
    expect(turn.state.flowId).toBe('menu');
    expect(turn.outputs.length).toBeGreaterThan(0);
  });
});

describe('MAX_STEPS_PER_TURN', () => {
  it('stops a flow that loops without waiting, fails the conversation and says so', () => {
    const loop = defineFlow({
      id: 'demo',
      version: 1,
      start: 'spin',
      steps: { spin: { kind: 'branch', on: 'nothing', cases: {}, otherwise: 'spin' } },
    });
    const set = withFlow(loop);
    const turn = advance(set, state({ flowId: 'demo', stepId: 'spin' }), { kind: 'start' }, NOW);
    expect(turn.state.status).toBe('failed');
    expect(turn.outputs.map((o) => o.text).join('\n')).toBe(set.catalogs.id['global.error']);
    expect(MAX_STEPS_PER_TURN).toBe(100);
    // The next message starts afresh at the menu.
    const next = advance(set, turn.state, { kind: 'message', content: { kind: 'text', text: 'halo' } }, NOW + 1);
    expect(next.state.flowId).toBe('menu');
  });
});

describe('expire()', () => {
  const set = flowSet;
  it("runs the flow's declared expiry: an abandoned report after its description becomes an incomplete tip", () => {
    const s = state({ flowId: 'report', stepId: 'evidence', answers: { category: 'job_abroad', description: 'dijanjikan kerja' }, vars: { draftTipId: 'TIP-D1' } });
    const turn = expire(set, s, NOW);
    expect(turn.effects).toEqual([
      { kind: 'submit_report', answers: { category: 'job_abroad', description: 'dijanjikan kerja' }, complete: false, draftTipId: 'TIP-D1' },
    ]);
    expect(turn.outputs).toEqual([]); // never contact first
    expect(turn.state).toMatchObject({ flowId: 'menu', status: 'completed' });
  });

  it('does nothing before the description, after submission, or in a flow that declares no expiry', () => {
    expect(expire(set, state({ flowId: 'report', stepId: 'regency', answers: { category: 'job_abroad' } }), NOW).effects).toEqual([]);
    expect(expire(set, state({ flowId: 'report', stepId: 'done', answers: { description: 'x' }, vars: { submitted: '1' } }), NOW).effects).toEqual([]);
    expect(expire(set, state({ flowId: 'check_agency', stepId: 'query', answers: { description: 'x' } }), NOW).effects).toEqual([]);
  });
});
