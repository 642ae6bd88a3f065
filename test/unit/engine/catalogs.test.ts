import { describe, expect, it } from 'vitest';
import { loadFlowSet } from '../../../flows/index.js';
import { ENGINE_KEYS, flowSetProblems } from '../../../src/engine/validate.js';

describe('flows and catalogs', () => {
  it('are valid: every target exists, every step reachable, keys and placeholders match across locales', () => {
    expect(flowSetProblems(loadFlowSet(), ENGINE_KEYS)).toEqual([]);
  });

  it('reports a missing key, an extra key and a placeholder mismatch', () => {
    const set = loadFlowSet();
    const en = { ...set.catalogs.en };
    delete en['menu.prompt'];
    en['only.en'] = 'x';
    en['report.receipt'] = 'Your code: {code}';
    const problems = flowSetProblems({ ...set, catalogs: { id: set.catalogs.id, en } }, ENGINE_KEYS);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('missing key "menu.prompt"'),
        expect.stringContaining('extra key "only.en"'),
        expect.stringContaining('placeholders of "report.receipt"'),
      ]),
    );
  });

  it('rejects a broken flow: unknown target, unreachable step, a loop that never waits', () => {
    const set = loadFlowSet();
    const bad = {
      id: 'bad',
      version: 1,
      start: 'a',
      steps: {
        a: { kind: 'say' as const, say: ['menu.prompt'], next: 'b' },
        b: { kind: 'say' as const, say: ['menu.prompt'], next: 'a' },
        c: { kind: 'say' as const, say: ['menu.prompt'], next: 'nowhere' },
      },
    };
    const problems = flowSetProblems({ ...set, flows: { ...set.flows, bad } });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"nowhere" does not exist'),
        expect.stringContaining('step "c" is unreachable'),
        expect.stringContaining('loop without waiting'),
      ]),
    );
  });
});
