/**
 * Texts of any size cost time in proportion to their length. No wall-clock bound: each case
 * compares ONE 60 KB text with TWENTY 3 KB texts of the same kind — the same number of bytes. A
 * linear pass takes about as long for both (ratio ≈ 1); a quadratic one takes ~20× longer on the
 * big text. The generous bound (6×) only catches a blow-up, not a slow machine; a ratio over it is
 * measured again (up to three times) so that a neighbour's burst of CPU on a shared machine is
 * not mistaken for a blow-up, which would show every time.
 */
import { describe, expect, it } from 'vitest';
import { extractIdentifiers } from '../../../src/triage/identifiers.js';
import { tokenise } from '../../../src/triage/normalise.js';
import { scanText } from '../../../src/triage/score.js';

const SMALL = 3_000;
const LARGE = 60_000;
const BATCH = LARGE / SMALL;

/** Adversarial inputs: each once made an old pass quadratic (regex backtracking, splices, rescans). */
const INPUTS: Record<string, string> = {
  'one long word': 'a',
  'punctuation runs': ' ,',
  'doubt after negation': 'tidak tahu ',
  idioms: 'pukul rata ',
  'agency names': 'PT Abc ',
  'bank accounts': 'BRI 12345678 ',
  'emails and numbers': 'a@b.co 0812345678 ',
  'near rules': 'besok berangkat ',
  'negations and threats': 'kalau tidak mau dipukul ',
  'link with trailing brackets': ')',
};

function text(unit: string, size: number): string {
  const body = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  return unit === ')' ? `x.com/${body}` : body;
}

function best(run: () => void): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    run();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

function ratio(f: (s: string) => unknown, unit: string): number {
  const small = text(unit, SMALL);
  const large = text(unit, LARGE);
  f(large); // warm up both paths before measuring
  for (let i = 0; i < BATCH; i++) f(small);
  const tSmall = best(() => {
    for (let i = 0; i < BATCH; i++) f(small);
  });
  const tLarge = best(() => f(large));
  return tLarge / Math.max(tSmall, 0.05);
}

describe('triage text passes are linear in input length', () => {
  for (const [name, unit] of Object.entries(INPUTS)) {
    it(`normalisation, identifiers and scoring: ${name}`, () => {
      for (const [fname, f] of [
        ['tokenise', tokenise],
        ['extractIdentifiers', extractIdentifiers],
        ['scanText', scanText],
      ] as const) {
        let r = ratio(f, unit);
        for (let attempt = 1; attempt < 3 && r >= 6; attempt++) r = Math.min(r, ratio(f, unit));
        expect(r, `${fname} on ${name}`).toBeLessThan(6);
      }
    });
  }
});
