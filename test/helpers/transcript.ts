/**
 * Scripted conversations through the pure engine, with effects answered by a scripted host.
 * A transcript is plain text (goflow-style golden files via toMatchSnapshot).
 */
import { loadFlowSet } from '../../flows/index.js';
import { advance } from '../../src/engine/engine.js';
import type { ConversationState, Effect, EffectResult, Turn } from '../../src/engine/types.js';
import type { Locale, Outbound } from '../../src/messages.js';

export const flowSet = loadFlowSet();

export type Host = (effect: Effect) => EffectResult | null;

export const defaultHost: Host = (e): EffectResult | null => {
  switch (e.kind) {
    case 'submit_report':
      // As the runtime answers with a task-force channel configured, on a chat app.
      return {
        outcome: 'ok',
        vars: { receipt: '7K3F-Q9XM-2HDA', urgent: e.answers.danger_now === 'yes' ? 1 : '', urgent_forwarded: e.answers.danger_now === 'yes' ? 1 : '', on_chat_app: 1 },
      } as EffectResult;
    case 'lookup_agency':
      return /maju/i.test(e.query)
        ? {
            outcome: 'exact_active',
            vars: { name: 'PT Maju Jaya (FIKTIF)', license: 'KEP 1/2026', status: { t: 'agency.status.active' }, status_id: 'active', valid_until: '31 Januari 2027', city: 'Pontianak', demo: 1, updated_at: '1 November 2026', warn: 1 },
          }
        : { outcome: 'not_found', vars: { demo: 1, updated_at: '1 November 2026' } };
    case 'lookup_status':
      return e.receipt === '7K3FQ9XM2HDA'
        ? {
            outcome: 'found',
            vars: { case_id: 'TIP-ABC123', case_status: { t: 'case.status.claimed' }, updated: '28 November 2026, 10.00 WIB', no_replies: '' },
            items: [{ date: '28 November 2026, 10.00 WIB', text: 'Terima kasih, kami sedang memeriksa.' }],
            persist: { tipId: 'TIP-ABC123' },
          }
        : { outcome: 'not_found' };
    case 'add_followup':
      return { outcome: 'ok', clear: ['followup', 'followup_media'] };
    case 'raise_alert':
      return { outcome: 'ok' };
    case 'request_erasure':
      return { outcome: e.tipId === 'TIP-ABC123' ? 'ok' : 'failed', clear: ['receipt'] };
    default:
      return null;
  }
};

export type Step = string | { choice: string } | { media: true } | { voice: true };

/** Run inputs through the engine and return the transcript and the final state. */
export function transcript(inputs: Step[], opts: { locale?: Locale; host?: Host; state?: ConversationState | null } = {}) {
  const host = opts.host ?? defaultHost;
  const lines: string[] = [];
  const effects: Effect[] = [];
  const out = (o: Outbound[]) => {
    for (const x of o) {
      lines.push(`bot: ${x.text.replace(/\n/g, '\n     ')}`);
      if (x.kind === 'choices') lines.push(`     [${x.options.map((c) => `${c.id}=${c.label}`).join(' | ')}]`);
    }
  };
  let n = 0;
  const drive = (turn: Turn): Turn => {
    let t = turn;
    out(t.outputs);
    while (t.state.status === 'awaiting_effect') {
      effects.push(...t.effects);
      const pending = t.state.pending as Effect;
      t = advance(flowSet, t.state, { kind: 'effect_result', result: host(pending) ?? { outcome: 'failed' } }, ++n, opts.locale);
      out(t.outputs);
    }
    effects.push(...t.effects.filter((e) => e.kind === 'scan_text'));
    return t;
  };
  let turn = drive(advance(flowSet, opts.state ?? null, { kind: 'start' }, ++n, opts.locale ?? 'id'));
  for (const input of inputs) {
    const content =
      typeof input === 'string'
        ? ({ kind: 'text', text: input } as const)
        : 'choice' in input
          ? ({ kind: 'choice', choiceId: input.choice } as const)
          : 'voice' in input
            ? ({ kind: 'media', media: { id: `M${n}`, sha256: 'b'.repeat(64), mime: 'audio/ogg', size: 100, kind: 'voice' } } as const)
            : ({ kind: 'media', media: { id: `M${n}`, sha256: 'a'.repeat(64), mime: 'image/jpeg', size: 100, kind: 'photo' } } as const);
    lines.push(`you: ${typeof input === 'string' ? input : 'choice' in input ? `[${input.choice}]` : 'voice' in input ? '[voice note]' : '[photo]'}`);
    turn = drive(advance(flowSet, turn.state, { kind: 'message', content }, ++n, opts.locale ?? 'id'));
  }
  return { text: lines.join('\n'), state: turn.state, prompt: turn.prompt, effects };
}
