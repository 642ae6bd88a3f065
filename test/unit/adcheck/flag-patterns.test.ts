/**
 * The advert is matched after triage's `normalise()`, so a flag pattern written in any other form
 * (a doubled letter, "tanpa", "dulu") silently never matches: that is how the high-pay flag died
 * when the normaliser learned to fold doubled letters. Every literal word of every pattern must
 * be a word `normalise()` can produce.
 */
import { describe, expect, it } from 'vitest';
import { AD_FLAGS } from '../../../flows/adcheck-flags.js';
import { normalise } from '../../../src/triage/normalise.js';

/** Literal runs of letters in a regex source (not escapes like \b, \d, \p{L}). */
function literalWords(source: string): string[] {
  const words: string[] = [];
  for (const m of source.matchAll(/(?<![\\{])\b[a-z]{2,}\b/g)) words.push(m[0]);
  return words;
}

describe('job-ad flag patterns', () => {
  it('use only words in the normal form the advert is matched in', () => {
    const off: string[] = [];
    for (const flag of AD_FLAGS) {
      const sources = [...flag.any, ...(flag.with ?? []), ...(flag.unless ?? [])];
      for (const source of sources) {
        for (const word of literalWords(source)) {
          const normal = normalise(word);
          // A spelling normalise() rewrites to another single word can never be seen in a normalised advert.
          if (normal !== word && !normal.includes(' ')) off.push(`${flag.id}: "${word}" (normalised "${normal}")`);
        }
      }
    }
    expect(off).toEqual([]);
  });
});
