import { describe, expect, it } from 'vitest';
import { reasonsText, reasonText } from '../../../src/alerts/reason-words.js';

const INDICATORS = [
  'abuse_of_vulnerability', 'deception', 'restriction_of_movement', 'isolation', 'physical_sexual_violence',
  'intimidation_threats', 'retention_of_documents', 'withholding_wages', 'debt_bondage', 'abusive_conditions',
  'excessive_overtime', 'imminent_departure', 'transit_holding', 'non_procedural_route', 'minor',
  'marriage_brokering', 'sexual_exploitation', 'forced_criminality', 'loss_of_contact', 'group_movement', 'help_request',
];

describe('reasonText', () => {
  it('gives every indicator and answer reason as words in id and en, never the id', () => {
    for (const id of [...INDICATORS, 'danger_now', 'emergency', 'departure_soon', 'passport_held']) {
      for (const l of ['id', 'en'] as const) expect(reasonText(id, l), `${id}/${l}`).not.toContain('_');
      // Known ids have Indonesian words of their own (an unknown one would just lose its underscores).
      expect(reasonText(id, 'id'), id).not.toBe(id.replace(/_/g, ' '));
      expect(reasonText(id, 'id')).not.toBe(reasonText(id, 'en'));
    }
  });

  it('reads an unknown id as words rather than failing', () => {
    expect(reasonText('some_new_signal', 'en')).toBe('some new signal');
    expect(reasonsText(['danger_now', 'emergency'], 'en')).toBe('someone in danger now; emergency (SOS)');
  });
});
