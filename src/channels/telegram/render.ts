/**
 * `Outbound[]` → Telegram `sendMessage` payloads, pure. All text is HTML-escaped and sent with
 * `parse_mode: 'HTML'`, choices become inline keyboards with callback data `c:<optionId>`, and
 * long texts are split under Telegram's 4096-character limit with the keyboard on the last part.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { ChannelCapabilities, Option, Outbound } from '../../messages.js';
import { CHOICE_PREFIX } from './to-inbound.js';
import { escapeHtml, splitText } from '../channel-text.js';

export const telegramCapabilities: ChannelCapabilities = {
  buttons: true,
  maxButtonLabel: 40,
  /** Telegram allows 4096; we keep headroom. */
  maxTextLength: 4000,
  html: true,
};

/** Labels up to this length are laid out two per row. */
const SHORT_LABEL = 16;
const MAX_CALLBACK_BYTES = 64;

export type SendMessagePayload = {
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: true };
  reply_markup?: InlineKeyboardMarkup;
};

/** Escape for Telegram's HTML parse mode (`channel-text.ts`, shared by every channel). */
export { escapeHtml };

/**
 * Render replies in order. Each output becomes one or more messages.
 *
 * ```ts
 * render([{ kind: 'choices', text: 'Pilih:', options: [{ id: 'report', label: 'Lapor' }] }]);
 * // → [{ text: 'Pilih:', parse_mode: 'HTML', reply_markup: { inline_keyboard: [[{ text: 'Lapor', callback_data: 'c:report' }]] }, … }]
 * ```
 */
export function render(outputs: Outbound[], caps: ChannelCapabilities = telegramCapabilities): SendMessagePayload[] {
  const out: SendMessagePayload[] = [];
  for (const o of outputs) {
    switch (o.kind) {
      case 'text':
        out.push(...chunks(o.text, caps).map(payload));
        break;
      case 'choices': {
        const keyboard = caps.buttons ? keyboardFor(o.options, caps) : null;
        if (!keyboard) {
          // Visible degradation: a numbered list the engine accepts by ordinal or label.
          const list = o.options.map((opt, i) => `${i + 1}. ${opt.label}`).join('\n');
          out.push(...chunks(`${o.text}\n\n${list}`, caps).map(payload));
          break;
        }
        const parts = chunks(o.text, caps).map(payload);
        // A keyboard needs a message to hang on, even when the prompt has no text.
        if (parts.length === 0) parts.push(payload('…'));
        parts[parts.length - 1]!.reply_markup = keyboard;
        out.push(...parts);
        break;
      }
      default: {
        const never: never = o;
        throw new Error(`render: unknown outbound kind ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

function payload(text: string): SendMessagePayload {
  return { text: escapeHtml(text), parse_mode: 'HTML', link_preview_options: { is_disabled: true } };
}

/** Inline keyboard, or null when an option id cannot fit in 64 bytes of callback data. */
function keyboardFor(options: Option[], caps: ChannelCapabilities): InlineKeyboardMarkup | null {
  if (options.length === 0) return null;
  const buttons: InlineKeyboardButton[] = [];
  for (const o of options) {
    const data = `${CHOICE_PREFIX}${o.id}`;
    if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) return null;
    buttons.push({ text: trimLabel(o.label || o.id, caps.maxButtonLabel), callback_data: data });
  }
  const perRow = buttons.every((b) => [...b.text].length <= SHORT_LABEL) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}

/** Trim to `max` characters (not UTF-16 units), with an ellipsis; whitespace collapsed. */
export function trimLabel(label: string, max: number): string {
  const clean = label.replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Split text into Telegram-sized parts (emoji-safe; `channel-text.ts`). */
export function chunks(text: string, caps: Pick<ChannelCapabilities, 'maxTextLength'> = telegramCapabilities): string[] {
  return splitText(text, caps.maxTextLength);
}
