/**
 * A small scripted `ConversationRuntime` for adapter tests: dedupes by platform message id like
 * the real one (a duplicate resolves null) and answers every first message with the main menu.
 */
import type { ConversationRuntime, HandleResult } from '../../src/conversations/runtime-types.js';
import type { Inbound } from '../../src/messages.js';

export const MENU_OPTIONS = [
  { id: 'report', label: 'Laporkan perekrutan mencurigakan' },
  { id: 'check_agency', label: 'Cek agen penyalur' },
  { id: 'learn', label: 'Kenali tanda bahaya' },
];

export function scriptedRuntime(reply?: (inbound: Inbound, n: number) => HandleResult['outputs']) {
  const seen = new Set<string>();
  const handled: Inbound[] = [];
  const runtime: ConversationRuntime = {
    mediaGate: async () => 'ok',
    async handle(inbound) {
      const key = `${inbound.channel}:${inbound.platformMessageId}`;
      if (seen.has(key)) return null;
      seen.add(key);
      handled.push(inbound);
      const outputs = reply?.(inbound, handled.length) ?? [{ kind: 'choices', text: 'Halo. Pilih:', options: MENU_OPTIONS }];
      return { outputs, prompt: { flow: 'menu', step: 'main', kind: 'choice', choices: MENU_OPTIONS }, locale: 'id' };
    },
  };
  return { runtime, handled };
}
