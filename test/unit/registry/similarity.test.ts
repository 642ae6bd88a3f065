import { describe, expect, it } from 'vitest';
import { createNameScorer, editDistance, nameSimilarity, stringSimilarity, stringSimilarityAtLeast } from '../../../src/registry/similarity.js';

describe('editDistance (optimal string alignment)', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['jaya', 'jaya', 0],
    ['jaya', 'jiya', 1],
    ['jaya', 'jya', 1],
    ['jaya', 'jayaa', 1],
    ['jaya', 'jyaa', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3],
  ])('%j vs %j = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('handles strings longer than its initial buffers', () => {
    expect(editDistance('a'.repeat(100), 'a'.repeat(99) + 'b')).toBe(1);
  });
});

describe('nameSimilarity', () => {
  it('is 1 for equal names and for swapped words', () => {
    expect(nameSimilarity('maju jaya abadi', 'maju jaya abadi')).toBe(1);
    expect(nameSimilarity('abadi maju jaya', 'maju jaya abadi')).toBe(1);
  });

  it('scores a name one word longer or shorter clearly below 1', () => {
    expect(nameSimilarity('maju jaya abadi internasional', 'maju jaya abadi')).toBeLessThan(0.9);
    expect(nameSimilarity('maju jaya', 'maju jaya abadi')).toBeLessThan(0.9);
  });

  it('tolerates typos', () => {
    expect(nameSimilarity('maju jyaa abadi', 'maju jaya abadi')).toBeGreaterThan(0.85);
    expect(nameSimilarity('maju jaya abdi', 'maju jaya abadi')).toBeGreaterThan(0.85);
  });

  it('matches split and merged words', () => {
    expect(nameSimilarity('majujaya abadi', 'maju jaya abadi')).toBeGreaterThan(0.85);
  });

  it('ranks the right name above unrelated ones', () => {
    const q = 'sinar harapn';
    expect(nameSimilarity(q, 'sinar harapan')).toBeGreaterThan(nameSimilarity(q, 'sinar gemilang'));
    expect(nameSimilarity(q, 'sinar gemilang')).toBeGreaterThan(nameSimilarity(q, 'bintang persada'));
  });

  it('stays within 0..1', () => {
    for (const [a, b] of [['a', 'b'], ['x y z', 'q'], ['maju', 'maju maju maju']]) {
      const s = nameSimilarity(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(stringSimilarity('', '')).toBe(1);
  });
});

describe('bounded scoring (registry re-ranking)', () => {
  const names = ['maju jaya abadi', 'maju jaya', 'majujaya abadi', 'abadi maju jaya internasional', 'sinar harapan', 'jaya', 'maju jyaa abadi sentosa', 'mju jya abd'];
  const queries = ['maju jaya abadi', 'maju jyaa abadi', 'majujaya', 'jaya abadi maju', 'sinar harapn nusantara'];

  it('gives exact name scores from `atLeast` up, and stays below it otherwise', () => {
    for (const q of queries) {
      const score = createNameScorer(q);
      for (const c of names) {
        const exact = nameSimilarity(q, c);
        expect(score(c), `${q} | ${c}`).toBe(exact);
        for (const atLeast of [0.3, 0.5, 0.7, 0.9, 0.99]) {
          const bounded = score(c, atLeast);
          if (exact >= atLeast) expect(bounded, `${q} | ${c} @${atLeast}`).toBe(exact);
          else expect(bounded, `${q} | ${c} @${atLeast}`).toBeLessThan(atLeast);
        }
      }
    }
  });

  it('gives exact string scores from `atLeast` up, and 0 below', () => {
    for (const [a, b] of [['KEP1182019', 'KEP1182018'], ['KEP1182019', 'B500KEP2022'], ['abc', 'abc'], ['', 'x']]) {
      const exact = stringSimilarity(a, b);
      for (const atLeast of [0, 0.45, 0.8, 0.95]) {
        expect(stringSimilarityAtLeast(a, b, atLeast), `${a} ${b} @${atLeast}`).toBe(exact >= atLeast ? exact : 0);
      }
    }
  });

  it('stops an edit distance beyond `max` and reports more than `max`', () => {
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBeGreaterThan(2);
    expect(editDistance('abcdefgh', 'hgfedcba', 1)).toBeGreaterThan(1);
    expect(editDistance('jaya', 'jyaa', 1)).toBe(1);
  });
});
