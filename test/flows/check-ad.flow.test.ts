/**
 * The `check_ad` flow through the pure engine: golden transcripts in both languages (the host
 * answers the effect with the real checker on an in-memory demo registry), screenshots read as
 * text, and the report opened prefilled from the advert.
 */
import { describe, expect, it } from 'vitest';
import { toEffectResult } from '../../src/adcheck/ad-check-effect.js';
import { createAdChecker } from '../../src/adcheck/analyse.js';
import { advance } from '../../src/engine/engine.js';
import type { ConversationState } from '../../src/engine/types.js';
import type { InboundContent } from '../../src/messages.js';
import { createRegistryService } from '../../src/registry/registry-service.js';
import { openDb } from '../../src/storage/db.js';
import { runMigrations } from '../../src/storage/migrate.js';
import { sqliteStorage } from '../../src/storage/storage.js';
import { defaultHost, flowSet, type Host, transcript } from '../helpers/transcript.js';

const db = openDb(':memory:');
runMigrations(db);
const registry = createRegistryService({ storage: sqliteStorage(db), now: () => Date.UTC(2026, 2, 1) });
await registry.ensureDemo();
const checker = createAdChecker(registry.memory);
const host: Host = (e) => (e.kind === 'check_ad' ? toEffectResult(checker.analyse(e.text)) : defaultHost(e));

const SCAM = 'Loker admin online Thailand, gaji USD 1200, tanpa pengalamn. Visa turis dulu. DP 1.500.000 tf ke DANA 0813-9988-7766. Inbox FB Kak Rina';
const PHOTO = { id: 'M1', sha256: 'b'.repeat(64), mime: 'image/jpeg', size: 1000, kind: 'photo' as const };

function at(state: ConversationState | null, content: InboundContent) {
  let turn = advance(flowSet, state, { kind: 'message', content }, 1);
  const outputs = [...turn.outputs];
  while (turn.state.status === 'awaiting_effect') {
    turn = advance(flowSet, turn.state, { kind: 'effect_result', result: host(turn.state.pending!) ?? { outcome: 'failed' } }, 2);
    outputs.push(...turn.outputs);
  }
  return { turn, text: outputs.map((o) => o.text).join('\n') };
}

describe('check_ad flow', () => {
  for (const locale of ['id', 'en'] as const) {
    it(`checks two adverts, then goes back to the menu (${locale})`, () => {
      const r = transcript(
        [{ choice: 'check_ad' }, SCAM, { choice: 'check_another' }, 'PT Contoh Maju Jaya (FIKTIF), izin DEMO-KEP 003/2025, tanpa biaya penempatan.', { choice: 'menu' }],
        { locale, host },
      );
      expect(r.text).toMatchSnapshot();
      // The answers to the two adverts (what follows each pasted advert) never say "safe".
      const answers = r.text.split('\nyou: ').filter((seg) => seg.startsWith(SCAM) || seg.startsWith('PT Contoh'));
      expect(answers).toHaveLength(2);
      for (const a of answers) expect(a).not.toMatch(/\b(aman|safe)\b/i);
      expect(r.state.flowId).toBe('menu');
      // Back at the menu nothing of the advert is left in the conversation state.
      expect(JSON.stringify(r.state)).not.toContain('9988');
    });
  }

  it('reads a screenshot as text (caption + OCR) and keeps it for the report; re-asks when nothing is readable', () => {
    const start = at(null, { kind: 'choice', choiceId: 'check_ad' }).turn.state;
    const none = at(start, { kind: 'media', media: PHOTO, readError: 'unavailable' });
    expect(none.text).toContain('hanya bisa membaca teks');
    expect(none.turn.prompt.step).toBe('ad');
    const blank = at(start, { kind: 'media', media: PHOTO, readError: 'unreadable' });
    expect(blank.text).toContain('tidak bisa membaca tulisan di gambar itu');
    const read = at(start, { kind: 'media', media: PHOTO, caption: 'lihat ini', readText: 'Kerja kosongan di Sarawak. WA 0821 5566 7788' });
    expect(read.text).toContain('izin kerja ("kosongan")');
    expect(read.turn.state.answers.ad_media).toEqual([PHOTO]);
    expect(read.turn.state.answers.ad).toBe('lihat ini\n\nKerja kosongan di Sarawak. WA 0821 5566 7788');

    // Report it: recruiter, story and screenshot prefilled; those steps are skipped, yet editable.
    let s = at(read.turn.state, { kind: 'choice', choiceId: 'report' }).turn.state;
    expect(s.answers).toMatchObject({ recruiter: '6282155667788', description: read.turn.state.answers.ad, evidence: [PHOTO] });
    for (const c of ['me', 'job_abroad', 'sambas']) s = at(s, { kind: 'choice', choiceId: c }).turn.state;
    const dest = at(s, { kind: 'text', text: 'Sarawak' });
    expect(dest.turn.prompt.step).toBe('evidence');
    s = dest.turn.state;
    for (const c of ['done', 'no', 'home_area', 'one', 'days', 'no', 'no', 'no']) s = at(s, { kind: 'choice', choiceId: c }).turn.state;
    expect(s.stepId).toBe('summary');
    const edit = at(s, { kind: 'choice', choiceId: 'edit_recruiter' });
    expect(edit.turn.prompt.step).toBe('recruiter');
    const back = at(edit.turn.state, { kind: 'text', text: 'Pak Tono' });
    expect(back.turn.prompt.step).toBe('summary');
    expect(back.turn.state.answers.recruiter).toBe('Pak Tono');
  });
});
