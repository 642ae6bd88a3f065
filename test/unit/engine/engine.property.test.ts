import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance } from '../../../src/engine/engine.js';
import type { ConversationState } from '../../../src/engine/types.js';
import { defaultHost, flowSet } from '../../helpers/transcript.js';

const word = fc.constantFrom('menu', 'batal', 'bahasa', 'help', '1', '2', '3', '7', '17', 'ya', 'tidak', 'skip', 'done', 'confirm', '', '  ', 'Kabupaten Pontianak', '7K3F-Q9XM-2HDA', 'x'.repeat(5000));
const input = fc.oneof(
  word.map((text) => ({ kind: 'text' as const, text })),
  fc.string({ maxLength: 300 }).map((text) => ({ kind: 'text' as const, text })),
  fc.constantFrom('report', 'check_agency', 'learn', 'status', 'help_contacts', 'language', 'job_abroad', 'sambas', 'skip', 'done', 'yes', 'no', 'confirm', 'edit_description', 'nope').map((choiceId) => ({ kind: 'choice' as const, choiceId })),
  fc.constant({ kind: 'media' as const, media: { id: 'M1', sha256: 'b'.repeat(64), mime: 'image/png', size: 1, kind: 'photo' as const } }),
  fc.constantFrom('too_large', 'bad_type').map((reason) => ({ kind: 'media_rejected' as const, reason })),
);

function valid(state: ConversationState) {
  const flow = flowSet.flows[state.flowId];
  expect(flow).toBeDefined();
  expect(flow.steps[state.stepId]).toBeDefined();
  expect(['waiting', 'completed']).toContain(state.status);
  expect(['id', 'en']).toContain(state.locale);
}

describe('engine properties', () => {
  it('any sequence of inputs never throws and always ends in a valid waiting state', () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 40 }), (inputs) => {
        let state: ConversationState | null = null;
        let now = 0;
        for (const content of inputs) {
          let turn = advance(flowSet, state, { kind: 'message', content }, ++now);
          while (turn.state.status === 'awaiting_effect') {
            turn = advance(flowSet, turn.state, { kind: 'effect_result', result: defaultHost(turn.state.pending!) ?? { outcome: 'failed' } }, ++now);
          }
          valid(turn.state);
          // Something is always said back, so nobody is left without an answer.
          expect(turn.outputs.length).toBeGreaterThan(0);
          state = turn.state;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never loses a given answer while the report goes on', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(word, fc.constantFrom('bantuan', 'bahasa', 'lorem', '99')), { maxLength: 15 }), (noise) => {
        let turn = advance(flowSet, null, { kind: 'message', content: { kind: 'choice', choiceId: 'report' } }, 1);
        turn = advance(flowSet, turn.state, { kind: 'message', content: { kind: 'choice', choiceId: 'family_friend' } }, 2);
        turn = advance(flowSet, turn.state, { kind: 'message', content: { kind: 'choice', choiceId: 'marriage' } }, 2);
        turn = advance(flowSet, turn.state, { kind: 'message', content: { kind: 'choice', choiceId: 'sintang' } }, 3);
        for (const text of noise) {
          if (['menu', 'batal'].includes(text)) continue;
          const next = advance(flowSet, turn.state, { kind: 'message', content: { kind: 'text', text } }, 4);
          if (next.state.flowId !== 'report') continue;
          turn = next;
          expect(turn.state.answers.category).toBe('marriage');
          expect(turn.state.answers.regency).toBe('sintang');
        }
      }),
      { numRuns: 200 },
    );
  });
});
