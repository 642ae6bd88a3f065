/**
 * Whether a conversation may send evidence right now — decided BEFORE any file is received, so a
 * made-up web token, a chat sitting at the menu or a report already full of evidence costs the
 * service nothing (no download, no decode, no byte on disk).
 */
import type { ConversationState, FlowSet } from '../engine/types.js';
import type { Channel, InboundContent } from '../messages.js';
import type { EvidenceStore } from '../tips/evidence-types.js';

export type MediaGate = 'ok' | 'no_conversation' | 'not_waiting' | 'limit';

/**
 * ```ts
 * await mediaGateFor(flows, state, 10, (tipId) => tips.mediaCount(q, tipId)); // 'ok' at report/evidence
 * ```
 * A report's evidence counts against `maxPerTip`; a follow-up's counts together with the evidence
 * the case already holds.
 */
export async function mediaGateFor(
  flows: FlowSet,
  state: ConversationState | null,
  maxPerTip: number,
  mediaCount: (tipId: string) => Promise<number>,
): Promise<MediaGate> {
  if (!state) return 'no_conversation';
  const step = flows.flows[state.flowId]?.steps[state.stepId];
  // A media step, or a text step that reads a picture as text (a screenshot of a job advert).
  // Or one that takes a voice note as its answer (the story): it fills `media.store`.
  const voice = step?.kind === 'text' && step.media ? { store: step.media.store, max: maxPerTip } : undefined;
  const wants = step?.kind === 'media' ? step : step?.kind === 'text' ? (step.readMedia ?? voice) : undefined;
  if (state.status !== 'waiting' || !wants) return 'not_waiting';
  const pending = state.answers[wants.store];
  const count = Array.isArray(pending) ? pending.length : 0;
  const already = state.flowId === 'status' && state.vars.tipId ? await mediaCount(state.vars.tipId) : 0;
  return count >= wants.max || already + count >= maxPerTip ? 'limit' : 'ok';
}

/**
 * For the messaging channels: the refusal to hand to the flow instead of fetching a file, or null
 * when the file may be downloaded. Media where none is expected is answered like any unexpected
 * message (the current question is asked again); a full report, full storage or the global
 * per-minute ceiling get their own polite answer.
 *
 * ```ts
 * const refusal = await evidenceRefusal(runtime, evidence, 'telegram', chatId);
 * if (refusal) return refusal; // nothing downloaded, nothing written
 * ```
 */
export async function evidenceRefusal(
  runtime: { mediaGate(channel: Channel, address: string): Promise<MediaGate> },
  evidence: Pick<EvidenceStore, 'admit'>,
  channel: Channel,
  address: string,
): Promise<InboundContent | null> {
  const gate = await runtime.mediaGate(channel, address);
  if (gate === 'no_conversation' || gate === 'not_waiting') return { kind: 'unsupported', note: 'media_not_expected' };
  if (gate === 'limit') return { kind: 'media_rejected', reason: 'limit' };
  const admitted = evidence.admit();
  return admitted === 'ok' ? null : { kind: 'media_rejected', reason: admitted };
}
