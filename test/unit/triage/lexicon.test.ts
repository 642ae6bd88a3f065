import { describe, expect, it } from 'vitest';
import { ANSWER_WEIGHTS, SIGNAL_GROUPS, URGENT_THRESHOLD } from '../../../src/triage/lexicon.js';
import { tokenise } from '../../../src/triage/normalise.js';

describe('lexicon data', () => {
  it('uses stable snake_case reason ids, one group per reason', () => {
    const reasons = SIGNAL_GROUPS.map((g) => g.reason);
    for (const r of reasons) expect(r).toMatch(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
    expect(new Set(reasons).size).toBe(reasons.length);
    for (const table of Object.values(ANSWER_WEIGHTS)) {
      for (const { reason } of Object.values(table)) expect(reason).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('has no phrase that normalises to nothing', () => {
    for (const g of SIGNAL_GROUPS) {
      const all = [...(g.phrases ?? []), ...(g.near ?? []).flatMap((n) => [...n.a, ...n.b])];
      for (const p of all) expect(tokenise(p.replace(/\*/g, '')).length, `${g.reason}: "${p}"`).toBeGreaterThan(0);
    }
  });

  it('keeps context-only signals below the threshold on their own', () => {
    for (const reason of ['risky_place', 'irregular_route', 'departure_soon', 'asks_for_help', 'afraid', 'debt_bondage']) {
      const g = SIGNAL_GROUPS.find((x) => x.reason === reason);
      expect(g?.weight, reason).toBeLessThan(URGENT_THRESHOLD);
    }
  });
});
