/**
 * Telegram update → `Inbound`, pure (no I/O, time is an argument). Only private chats become
 * inbound messages: groups and channels are the task force's business (a separate composer).
 * Media is returned as a file to fetch; the adapter shell downloads it and stores the evidence.
 */
import type { Update } from 'grammy/types';
import type { Inbound, InboundContent, Locale, MediaRef } from '../../messages.js';

/** Prefix of the callback data of every conversation button: `c:<optionId>`. */
export const CHOICE_PREFIX = 'c:';

/** Everything of an `Inbound` but its content. */
export type InboundBase = Omit<Inbound, 'content'>;

/** A file the adapter must download before the message can be handled. */
export type PendingMedia = {
  fileId: string;
  /** Size Telegram announces (checked against the evidence limit before downloading). */
  size?: number;
  mime: string;
  kind: MediaRef['kind'];
  caption?: string;
};

export type TelegramInbound =
  | { kind: 'ready'; inbound: Inbound }
  | { kind: 'download'; base: InboundBase; media: PendingMedia };

/**
 * Slash commands and what the engine understands instead. `/status` opens the status check
 * (the menu's `status` option); `/menu` shows the menu; `/start` (with or without a deep-link
 * payload or `@botname`) is passed as plain `/start`, which the runtime turns into an engine start.
 */
const COMMANDS: Record<string, InboundContent> = {
  // The runtime recognises `/start` and starts afresh (neutral welcome on a first contact).
  start: { kind: 'text', text: '/start' },
  menu: { kind: 'text', text: 'menu' },
  bahasa: { kind: 'text', text: 'bahasa' },
  language: { kind: 'text', text: 'bahasa' },
  bantuan: { kind: 'text', text: 'bantuan' },
  help: { kind: 'text', text: 'bantuan' },
  status: { kind: 'text', text: 'status' },
  // Someone in danger now: the `sos` word opens the emergency flow from any step.
  sos: { kind: 'text', text: 'sos' },
  darurat: { kind: 'text', text: 'sos' },
};

/** Telegram's `language_code` (IETF tag) → our locales; Malay readers get Indonesian. */
export function localeOf(code: string | undefined): Locale | undefined {
  const base = code?.toLowerCase().split('-')[0];
  if (base === 'id' || base === 'ms') return 'id';
  if (base === 'en') return 'en';
  return undefined;
}

/**
 * Translate one update. Returns `null` for anything that is not a reporter talking to the bot
 * in a private chat (groups, channels, bots, edits, unknown callback data).
 *
 * ```ts
 * const t = toInbound(update, Date.now());
 * if (t?.kind === 'ready') await runtime.handle(t.inbound);
 * ```
 */
export function toInbound(update: Update, receivedAt: number): TelegramInbound | null {
  const platformMessageId = String(update.update_id);
  if (update.callback_query) {
    const q = update.callback_query;
    const chat = q.message?.chat;
    // Optional chains everywhere: a malformed update must yield null, not a TypeError.
    if (chat?.type !== 'private' || !q.from || q.from.is_bot) return null;
    if (!q.data?.startsWith(CHOICE_PREFIX) || q.data.length === CHOICE_PREFIX.length) return null;
    const base: InboundBase = { channel: 'telegram', address: String(chat.id), platformMessageId, receivedAt, ...hint(q.from.language_code) };
    return { kind: 'ready', inbound: { ...base, content: { kind: 'choice', choiceId: q.data.slice(CHOICE_PREFIX.length) } } };
  }
  const m = update.message;
  if (m?.chat?.type !== 'private' || m.from?.is_bot) return null;
  const base: InboundBase = { channel: 'telegram', address: String(m.chat.id), platformMessageId, receivedAt, ...hint(m.from?.language_code) };
  const ready = (content: InboundContent): TelegramInbound => ({ kind: 'ready', inbound: { ...base, content } });
  const caption = m.caption?.trim() ? { caption: m.caption } : {};

  if (typeof m.text === 'string') {
    const cmd = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s|$)/.exec(m.text);
    const mapped = cmd ? COMMANDS[cmd[1]!.toLowerCase()] : undefined;
    return ready(mapped ?? { kind: 'text', text: m.text });
  }
  if (m.photo && m.photo.length > 0) {
    // Sizes come smallest first; the last is the original resolution.
    const best = m.photo[m.photo.length - 1]!;
    return { kind: 'download', base, media: { fileId: best.file_id, size: best.file_size, mime: 'image/jpeg', kind: 'photo', ...caption } };
  }
  if (m.voice) {
    return { kind: 'download', base, media: { fileId: m.voice.file_id, size: m.voice.file_size, mime: m.voice.mime_type ?? 'audio/ogg', kind: 'voice', ...caption } };
  }
  const doc = m.document ?? m.video ?? m.audio;
  if (doc) {
    return {
      kind: 'download',
      base,
      media: { fileId: doc.file_id, size: doc.file_size, mime: doc.mime_type ?? 'application/octet-stream', kind: 'document', ...caption },
    };
  }
  const what = m.sticker ? 'sticker' : m.location ? 'location' : m.contact ? 'contact' : m.video_note ? 'video_note' : 'other';
  return ready({ kind: 'unsupported', note: what });
}

function hint(code: string | undefined): { localeHint?: Locale } {
  const l = localeOf(code);
  return l ? { localeHint: l } : {};
}
