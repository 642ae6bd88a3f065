import { describe, expect, it } from 'vitest';
import { scanText } from '../../../src/triage/score.js';
import { stemCandidates } from '../../../src/triage/stem.js';

describe('stemCandidates', () => {
  it('finds the root of affixed verb forms', () => {
    expect(stemCandidates('menyiksa')).toContain('siksa');
    expect(stemCandidates('memperkosa')).toContain('perkosa');
    expect(stemCandidates('mengurung')).toContain('kurung');
    expect(stemCandidates('memukuli')).toContain('pukul');
    expect(stemCandidates('disekapnya')).toContain('sekap');
    expect(stemCandidates('utangnya')).toContain('utang');
  });

  it('never returns the bare word itself, and skips very short or very long tokens', () => {
    expect(stemCandidates('kunci')).not.toContain('kunci');
    expect(stemCandidates('dia')).toEqual([]);
    expect(stemCandidates('a'.repeat(60))).toEqual([]);
  });
});

describe('scanText with roots', () => {
  it('reads verb forms the phrase lists do not spell out', () => {
    expect(scanText('Majikan itu memperkosa pembantunya').indicators).toContain('physical_sexual_violence');
    expect(scanText('bos nyiksa adik saya tiap hari').indicators).toContain('physical_sexual_violence');
    expect(scanText('mereka mengurung kami di gudang').indicators).toContain('restriction_of_movement');
    expect(scanText('dia tidak pernah mengurung siapa pun').indicators).not.toContain('restriction_of_movement');
  });
});
