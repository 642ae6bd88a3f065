/**
 * `Outbound[]` → WhatsApp text messages, pure. WhatsApp (via Baileys, on a personal account) has
 * no dependable buttons, so choices degrade visibly to a numbered list plus a hint to reply with
 * a number; the engine matches "2" to the second option itself (STYLE.md §10 rules 4–5).
 *
 * All outbound text is plain text: characters that WhatsApp would turn into bold, italic,
 * strike-through or monospace are neutralised, so a reporter's words quoted back (or an
 * officer's reply) never change appearance.
 */
import type { Locale, Outbound } from '../../messages.js';
import { escapeWhatsApp, splitText as splitParts } from '../channel-text.js';

/** WhatsApp accepts ~65k characters; long texts are split well below that, for readability. */
export const WHATSAPP_MAX_TEXT = 4000;

export const CHOICE_HINT: Record<Locale, string> = {
  id: 'Balas dengan angka.',
  en: 'Reply with a number.',
};

export type RenderOptions = {
  locale: Locale;
  /** Split texts longer than this (default 4000). */
  maxLength?: number;
};

/** WhatsApp marker neutralising and the emoji-safe splitter live in `channel-text.ts`. */
export { escapeWhatsApp };

/** Split into WhatsApp-sized messages (at least one, so a blank reply still answers). */
export function splitText(text: string, max: number = WHATSAPP_MAX_TEXT): string[] {
  const parts = splitParts(text, max);
  return parts.length ? parts : [text];
}

/**
 * Render outputs in order; each element of the result is one WhatsApp message.
 *
 * ```ts
 * render([{ kind: 'choices', text: 'Menu', options: [{ id: 'report', label: 'Lapor' }] }], { locale: 'id' })
 * // ['Menu\n\n1. Lapor\n\nBalas dengan angka.']
 * ```
 */
export function render(outputs: Outbound[], opts: RenderOptions): string[] {
  const max = opts.maxLength ?? WHATSAPP_MAX_TEXT;
  const messages: string[] = [];
  for (const out of outputs) {
    switch (out.kind) {
      case 'text': {
        if (out.text.trim().length === 0) break;
        messages.push(...splitText(escapeWhatsApp(out.text), max));
        break;
      }
      case 'choices': {
        const list = out.options.map((o, i) => `${i + 1}. ${escapeWhatsApp(o.label)}`).join('\n');
        const tail = `${list}\n\n${CHOICE_HINT[opts.locale]}`;
        const head = escapeWhatsApp(out.text).trim();
        const whole = head ? `${head}\n\n${tail}` : tail;
        if (whole.length <= max) {
          messages.push(whole);
        } else {
          // Keep the list and its hint together in the last message so the numbers stay visible.
          if (head) messages.push(...splitText(head, max));
          messages.push(...splitText(tail, max));
        }
        break;
      }
      default: {
        const unreachable: never = out;
        throw new Error(`render: unknown outbound kind ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return messages;
}
