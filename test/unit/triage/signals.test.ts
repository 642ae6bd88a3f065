import { describe, expect, it } from 'vitest';
import { INDICATORS, isIndicator, REASONS, reasonText } from '../../../src/triage/indicators.js';
import { ANSWER_WEIGHTS, URGENT_THRESHOLD } from '../../../src/triage/lexicon.js';
import { tokenise } from '../../../src/triage/normalise.js';
import { LOWERING, SIGNALS } from '../../../src/triage/signals.js';

describe('signals as data', () => {
  it('covers every indicator with at least one signal', () => {
    const covered = new Set(SIGNALS.map((s) => s.reason));
    for (const id of INDICATORS) expect(covered.has(id), id).toBe(true);
    expect(INDICATORS).toHaveLength(21);
  });

  it('has words in Indonesian and English for every reason the scorer can give', () => {
    const all = new Set<string>([
      ...SIGNALS.map((s) => s.reason),
      ...LOWERING.map((l) => l.reason),
      ...Object.values(ANSWER_WEIGHTS).flatMap((t) => Object.values(t).map((w) => w.reason)),
      'several_indicators',
      'abroad_no_contact',
    ]);
    for (const r of all) {
      expect(REASONS[r], r).toBeDefined();
      expect(reasonText(r, 'id')).not.toBe(reasonText(r, 'en'));
      expect(reasonText(r, 'en')).not.toMatch(/_/);
    }
  });

  it('has no phrase that normalises to nothing', () => {
    for (const s of SIGNALS) {
      const all = [...(s.phrases ?? []), ...(s.near ?? []).flatMap((n) => [...n.a, ...n.b]), ...(s.notWith ?? [])];
      for (const p of all) expect(tokenise(p.replace(/\*/g, '')).length, `${s.reason}: "${p}"`).toBeGreaterThan(0);
    }
  });

  it('keeps context signals below the threshold on their own', () => {
    for (const s of SIGNALS) {
      if (!isIndicator(s.reason) || ['imminent_departure', 'non_procedural_route', 'group_movement', 'help_request', 'deception'].includes(s.reason)) {
        if (s.phrases?.includes('ragu ada dimana')) continue; // "I don't know where I am" is a strong plea
        if (s.phrases?.includes('sos')) continue; // the emergency word itself (it opens the emergency flow too)
        if (s.phrases?.includes('send the police')) continue; // sending for the police to a place is a rescue asked for
        expect(s.weight, s.reason).toBeLessThan(URGENT_THRESHOLD);
      }
    }
  });

  it('lets no "unsure" answer reach the threshold', () => {
    for (const table of Object.values(ANSWER_WEIGHTS)) {
      for (const [value, w] of Object.entries(table)) {
        if (value === 'unsure') expect(w.weight).toBeLessThan(URGENT_THRESHOLD / 2);
      }
    }
    expect(ANSWER_WEIGHTS.danger_now.yes.weight).toBeGreaterThanOrEqual(URGENT_THRESHOLD);
  });
});

describe('reasonText', () => {
  it('gives officers words, in their language', () => {
    expect(reasonText('retention_of_documents', 'en')).toBe('identity documents withheld');
    expect(reasonText('retention_of_documents', 'id')).toBe('dokumen identitas ditahan');
    expect(reasonText('danger_now', 'id')).toBe('ada yang dalam bahaya sekarang');
  });

  it('still reads the ids of tips scored before indicators', () => {
    expect(reasonText('passport_held', 'en')).toBe('passport withheld');
    expect(reasonText('confinement', 'id')).toBe('disekap/dikurung');
  });

  it('never throws on an unknown id or an inherited property name', () => {
    expect(reasonText('some_new_reason', 'en')).toBe('some new reason');
    expect(reasonText('constructor', 'id')).toBe('constructor');
  });
});
