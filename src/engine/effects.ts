/**
 * What an effect carries, built from the conversation's answers and vars when a flow reaches an
 * effect step (or expires): the host executes it. Pure.
 */
import type { ConversationState, Effect } from './types.js';

/**
 * The effect `name` with the answers it carries.
 *
 * ```ts
 * effectFor(state, 'lookup_status'); // { kind: 'lookup_status', receipt: state.answers.receipt }
 * ```
 */
export function effectFor(state: ConversationState, name: string, reason?: string): Effect {
  const a = state.answers;
  const str = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
  switch (name) {
    case 'lookup_agency':
      return { kind: 'lookup_agency', query: str('query') };
    case 'submit_report':
      return { kind: 'submit_report', answers: { ...a }, complete: true, draftTipId: state.vars.draftTipId };
    case 'submit_incomplete':
      return { kind: 'submit_report', answers: { ...a }, complete: false, draftTipId: state.vars.draftTipId };
    case 'lookup_status':
      return { kind: 'lookup_status', receipt: str('receipt') };
    case 'check_ad':
      return { kind: 'check_ad', text: str('ad') };
    case 'raise_alert':
      return { kind: 'raise_alert', flowId: state.flowId, reason: reason ?? 'danger_now', answers: { ...a } };
    case 'add_followup':
      return {
        kind: 'add_followup',
        tipId: state.vars.tipId ?? '',
        text: str('followup'),
        media: Array.isArray(a.followup_media) ? a.followup_media : [],
      };
    case 'request_erasure':
      return { kind: 'request_erasure', tipId: state.vars.tipId ?? '' };
    default:
      throw new Error(`Unknown effect "${name}".`);
  }
}
