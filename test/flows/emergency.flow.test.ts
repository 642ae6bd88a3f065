import { describe, expect, it } from 'vitest';
import { expire } from '../../src/engine/engine.js';
import { flowSet, transcript } from '../helpers/transcript.js';

describe.each(['id', 'en'] as const)('emergency flow in %s', (locale) => {
  it('sos: numbers first, the alert at once, three skippable questions, a receipt', () => {
    const r = transcript(['sos', { choice: 'transit_point' }, '3', { choice: 'no' }], { locale });
    expect(r.text).toMatchSnapshot();
    const lines = r.text.split('\n');
    // The very first reply to "sos" names the police and SAPA 129 with its WhatsApp number.
    const firstBot = lines.findIndex((l, i) => i > lines.indexOf('you: sos') && l.startsWith('bot:'));
    expect(lines.slice(firstBot, firstBot + 3).join('\n')).toMatch(/110[\s\S]*129[\s\S]*08111-129-129/);
    const raise = r.effects.filter((e) => e.kind === 'raise_alert');
    expect(raise).toEqual([expect.objectContaining({ flowId: 'emergency', reason: 'emergency' })]);
    // The alert comes before any question is answered.
    expect(r.effects.indexOf(raise[0])).toBe(0);
    const submit = r.effects.find((e) => e.kind === 'submit_report');
    expect(submit).toMatchObject({ answers: { where_now: 'transit_point', people_count: 'more_than_five', may_contact: 'no' } });
    expect(r.text).toContain('7K3F-Q9XM-2HDA');
    expect(r.state.flowId).toBe('menu');
  });
});

describe('emergency words', () => {
  it('open the emergency flow from any step, carrying the unfinished report', () => {
    const steps = [{ choice: 'report' }, 'family_friend', 'job_abroad', 'sambas', 'Kuching', { choice: 'skip' }, 'Kakak saya dibawa calo, HP-nya dimatikan'];
    for (let i = 0; i <= steps.length; i++) {
      for (const word of ['sos', 'SOS!', 'darurat', 'Tolong', '/sos']) {
        const r = transcript([...steps.slice(0, i), word]);
        expect(r.state.flowId, `${word} after ${i} steps`).toBe('emergency');
        expect(r.prompt.step).toBe('where_now');
        expect(r.effects.filter((e) => e.kind === 'raise_alert')).toHaveLength(1);
      }
    }
    const mid = transcript([...steps, 'sos']);
    expect(mid.effects.find((e) => e.kind === 'raise_alert')).toMatchObject({
      answers: { category: 'job_abroad', regency: 'sambas', destination: 'Kuching', description: 'Kakak saya dibawa calo, HP-nya dimatikan' },
    });
  });

  it('"tolong" inside a longer message is ordinary text', () => {
    const r = transcript([{ choice: 'report' }, 'me', 'job_abroad', 'sambas', 'Kuching', { choice: 'skip' }, 'tolong bantu cek agen ini']);
    expect(r.state.flowId).toBe('report');
    expect(r.state.answers.description).toBe('tolong bantu cek agen ini');
  });

  it('a second sos inside the emergency flow repeats the numbers and the question, without a second alert', () => {
    const r = transcript(['sos', 'sos']);
    expect(r.effects.filter((e) => e.kind === 'raise_alert')).toHaveLength(1);
    expect(r.prompt).toMatchObject({ flow: 'emergency', step: 'where_now' });
    expect(r.text.split('you: sos').at(-1)).toMatch(/110/);
  });

  it('cancelling keeps the emergency tip and shows its receipt', () => {
    const r = transcript(['darurat', 'batal']);
    expect(r.effects.filter((e) => e.kind === 'submit_report')).toEqual([expect.objectContaining({ complete: false })]);
    expect(r.text).toContain('7K3F-Q9XM-2HDA');
    expect(r.state.flowId).toBe('menu');
  });
});

describe('an emergency left unanswered', () => {
  it('is completed with what was answered when the conversation times out — only by the flow holding the draft', () => {
    const open = transcript(['sos', { choice: 'abroad' }]);
    const vars = { ...open.state.vars, draftTipId: 'TIP-DRAFT1', draftFlow: 'emergency' };
    const turn = expire(flowSet, { ...open.state, vars }, 9_999);
    expect(turn.outputs).toEqual([]); // never contact first
    expect(turn.effects).toEqual([
      { kind: 'submit_report', complete: false, draftTipId: 'TIP-DRAFT1', answers: { where_now: 'abroad' } },
    ]);
    // The person went on to a status check: its answers are not a report and must not overwrite the tip.
    const status = transcript(['sos', 'status']);
    expect(status.state.flowId).toBe('status');
    expect(expire(flowSet, { ...status.state, vars: { draftTipId: 'TIP-DRAFT1', draftFlow: 'emergency' } }, 9_999).effects).toEqual([]);
  });
});
