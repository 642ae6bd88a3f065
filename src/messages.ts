/**
 * The one inbound and one outbound message type every channel speaks, in zod.
 * Meaning is never encoded inside text: a button press is a `choice`, a photo is `media`.
 */
import { z } from 'zod';

export const channelSchema = z.enum(['web', 'telegram', 'whatsapp']);
export type Channel = z.infer<typeof channelSchema>;

export const localeSchema = z.enum(['id', 'en']);
export type Locale = z.infer<typeof localeSchema>;

/** Evidence already stored by content hash in the evidence store. */
export const mediaRefSchema = z.object({
  id: z.string(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  kind: z.enum(['photo', 'document', 'voice']),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

export const inboundContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('choice'), choiceId: z.string() }),
  z.object({
    kind: z.literal('media'),
    media: mediaRefSchema,
    caption: z.string().optional(),
    /** Text the host read from the image (local OCR), only where a step reads media as text. */
    readText: z.string().optional(),
    /** Why no text could be read: the host has no OCR, or the image held no readable text. */
    readError: z.enum(['unavailable', 'unreadable']).optional(),
  }),
  /** Media that could not be stored (too big, wrong type), so the flow can say why. */
  z.object({ kind: z.literal('media_rejected'), reason: z.enum(['too_large', 'bad_type', 'failed', 'limit', 'quota', 'busy']) }),
  z.object({ kind: z.literal('unsupported'), note: z.string() }),
]);
export type InboundContent = z.infer<typeof inboundContentSchema>;

export const inboundSchema = z.object({
  channel: channelSchema,
  /** Raw platform address (chat id, JID, web token). Lives only in memory. */
  address: z.string().min(1),
  /**
   * The platform's delivery id, deduped so a redelivery is processed once. Absent where the platform
   * has none (the web chat: each POST is one turn and a random id would only cost an insert).
   */
  platformMessageId: z.string().min(1).optional(),
  receivedAt: z.number().int(),
  content: inboundContentSchema,
  /** Locale the platform suggests (Telegram language_code) for a first contact. */
  localeHint: localeSchema.optional(),
});
export type Inbound = z.infer<typeof inboundSchema>;

export type Option = { id: string; label: string };
export type Outbound =
  | { kind: 'text'; text: string }
  | { kind: 'choices'; text: string; options: Option[] };

/** What the conversation is waiting for next: the web chat shows it, others render it. */
export type Prompt = {
  flow: string;
  step: string;
  kind: 'choice' | 'text' | 'media' | 'none';
  choices?: Option[];
};

/** What a channel can render; `render` degrades visibly where a capability is missing. */
export type ChannelCapabilities = {
  buttons: boolean;
  maxButtonLabel: number;
  maxTextLength: number;
  html: boolean;
};
