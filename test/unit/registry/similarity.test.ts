import { describe, expect, it } from 'vitest';
import { editDistance, nameSimilarity, stringSimilarity } from '../../../src/registry/similarity.js';

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
