/** The web-chat load both benches generate (`npm run bench`, `npm run bench:scaling`). */
import type autocannon from 'autocannon';

/** Issue `n` web conversations and return their tokens. */
export async function openConversations(base: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    out.push(((await res.json()) as { conversation: string }).conversation);
  }
  return out;
}

/**
 * One web-chat turn per request across rotating open conversations: alternately "learn" (a choice
 * at the menu) and "menu" (a global word), so every request is a real turn (state load, engine,
 * state save in one transaction, acknowledged after the commit). `offset` staggers several
 * generators over the same conversations.
 */
export function chatTurns(tokens: string[], offset = 0): autocannon.Options['requests'] {
  let i = offset;
  return [
    {
      method: 'POST',
      path: '/api/chat',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        const n = i++;
        const conversation = tokens[n % tokens.length];
        const body = Math.floor(n / tokens.length) % 2 === 0 ? { conversation, choice: 'learn' } : { conversation, text: 'menu' };
        return { ...req, body: JSON.stringify(body) };
      },
    },
  ];
}
