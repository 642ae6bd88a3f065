/**
 * WhatsApp → `Inbound`, pure. Decides what a Baileys `WAMessage` *is* (a person's text, a file
 * to fetch, a task-force group message, or something to ignore) without any I/O: downloading
 * the file is the adapter shell's job, so the result for media says what to fetch and how big
 * WhatsApp says it is.
 *
 * One person is one address: the sender's phone-number JID when WhatsApp tells us (directly or
 * as the `remoteJidAlt` of a LID-addressed chat, or via the LID→PN mapping the adapter looked
 * up), otherwise their LID, always normalised (no device suffix).
 */
import {
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  isLidUser,
  isPnUser,
  jidNormalizedUser,
  type proto,
  toNumber,
  type WAMessage,
} from '@whiskeysockets/baileys';
import type { Inbound, MediaRef } from '../../messages.js';

/** Everything of an `Inbound` except its content: who, which message, when. */
export type InboundEnvelope = Omit<Inbound, 'content'>;

/** A file WhatsApp announced; the adapter checks size and type before downloading it. */
export type PendingMedia = {
  kind: MediaRef['kind'];
  mime: string;
  /** Size WhatsApp announced, in bytes (undefined if it did not say). */
  fileLength?: number;
  caption?: string;
};

/** A message in the task-force group (e.g. an officer replying to an alert). */
export type TaskforceMessage = {
  chatJid: string;
  /** Normalised JID of the officer who wrote it. */
  senderJid: string;
  text: string;
  platformMessageId: string;
  /** Id of the message this one quotes (an alert the bot sent), if any. */
  quotedMessageId?: string;
  receivedAt: number;
};

export type IgnoreReason =
  | 'no_key'
  | 'from_me'
  | 'group'
  | 'broadcast'
  | 'newsletter'
  | 'empty'
  | 'protocol'
  | 'reaction';

export type WaClassified =
  | { kind: 'inbound'; inbound: Inbound }
  | { kind: 'media'; envelope: InboundEnvelope; media: PendingMedia }
  | { kind: 'taskforce'; message: TaskforceMessage }
  | { kind: 'ignored'; reason: IgnoreReason };

export type ToInboundOptions = {
  /** `TASKFORCE_WHATSAPP_JID`: its messages go to the task-force hook, not to a conversation. */
  taskforceJid?: string;
  /** Used when the message carries no timestamp. */
  now: () => number;
  /** LID → phone-number JID mappings the adapter already knows (from Baileys' LID store). */
  pnForLid?: (lid: string) => string | undefined;
};

/** Key fields Baileys 7 sets beside the protobuf ones, plus the names older 6.x/rc builds used. */
type KeyWithAlternates = proto.IMessageKey & {
  remoteJidAlt?: string | null;
  participantAlt?: string | null;
  senderPn?: string | null;
  participantPn?: string | null;
  senderLid?: string | null;
};

/**
 * The one stable address of a 1:1 sender: their phone-number JID if known, else their LID.
 *
 * ```ts
 * senderAddress({ remoteJid: '1234@lid', remoteJidAlt: '62812@s.whatsapp.net' }) // '62812@s.whatsapp.net'
 * ```
 */
export function senderAddress(key: KeyWithAlternates, pnForLid?: (lid: string) => string | undefined): string | undefined {
  const candidates = [key.remoteJid, key.remoteJidAlt, key.senderPn, key.senderLid].filter(
    (j): j is string => typeof j === 'string' && j.length > 0,
  );
  let pn = candidates.find((j) => isPnUser(j));
  const lid = candidates.find((j) => isLidUser(j));
  if (!pn && lid && pnForLid) {
    const mapped = pnForLid(jidNormalizedUser(lid));
    if (mapped && isPnUser(mapped)) pn = mapped;
  }
  const chosen = pn ?? lid ?? candidates[0];
  if (!chosen) return undefined;
  return jidNormalizedUser(chosen) || undefined;
}

/** The LID of a 1:1 sender when no phone-number JID came with it (the adapter may look it up). */
export function lidNeedingLookup(msg: WAMessage): string | undefined {
  const key = msg.key as KeyWithAlternates | undefined;
  if (!key?.remoteJid || isJidGroup(key.remoteJid)) return undefined;
  const all = [key.remoteJid, key.remoteJidAlt, key.senderPn].filter((j): j is string => !!j);
  if (all.some((j) => isPnUser(j))) return undefined;
  const lid = all.find((j) => isLidUser(j));
  return lid ? jidNormalizedUser(lid) : undefined;
}

/** Strip the wrappers WhatsApp puts around real content (disappearing, view-once, captioned docs). */
export function unwrapMessage(message: proto.IMessage | null | undefined): proto.IMessage | undefined {
  let m = message ?? undefined;
  for (let i = 0; i < 5 && m; i++) {
    const inner =
      m.ephemeralMessage?.message ??
      m.viewOnceMessage?.message ??
      m.viewOnceMessageV2?.message ??
      m.viewOnceMessageV2Extension?.message ??
      m.documentWithCaptionMessage?.message;
    if (!inner) break;
    m = inner;
  }
  return m;
}

const nonEmpty = (s: string | null | undefined): string | undefined => (s && s.length > 0 ? s : undefined);

type NumberLike = Parameters<typeof toNumber>[0];

function lengthOf(v: NumberLike): number | undefined {
  if (v === null || v === undefined) return undefined;
  const n = toNumber(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

type Content =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; choiceId: string }
  | { kind: 'media'; media: PendingMedia }
  | { kind: 'unsupported'; note: string }
  | { kind: 'ignored'; reason: IgnoreReason };

function contentOf(m: proto.IMessage | undefined): Content {
  if (!m) return { kind: 'ignored', reason: 'empty' };
  const text = nonEmpty(m.conversation) ?? nonEmpty(m.extendedTextMessage?.text);
  if (text !== undefined) return { kind: 'text', text };
  if (m.imageMessage) {
    const i = m.imageMessage;
    return {
      kind: 'media',
      media: { kind: 'photo', mime: i.mimetype || 'image/jpeg', fileLength: lengthOf(i.fileLength), caption: nonEmpty(i.caption) },
    };
  }
  if (m.documentMessage) {
    const d = m.documentMessage;
    return {
      kind: 'media',
      media: {
        kind: 'document',
        mime: d.mimetype || 'application/octet-stream',
        fileLength: lengthOf(d.fileLength),
        caption: nonEmpty(d.caption),
      },
    };
  }
  if (m.audioMessage) {
    const a = m.audioMessage;
    return { kind: 'media', media: { kind: 'voice', mime: a.mimetype || 'audio/ogg', fileLength: lengthOf(a.fileLength) } };
  }
  if (m.videoMessage) {
    // No `video` MediaRef kind: offered as a document, the evidence store decides on its type.
    const v = m.videoMessage;
    return {
      kind: 'media',
      media: { kind: 'document', mime: v.mimetype || 'video/mp4', fileLength: lengthOf(v.fileLength), caption: nonEmpty(v.caption) },
    };
  }
  const choiceId =
    nonEmpty(m.buttonsResponseMessage?.selectedButtonId) ??
    nonEmpty(m.listResponseMessage?.singleSelectReply?.selectedRowId) ??
    nonEmpty(m.templateButtonReplyMessage?.selectedId);
  if (choiceId !== undefined) return { kind: 'choice', choiceId };
  if (m.reactionMessage) return { kind: 'ignored', reason: 'reaction' };
  if (m.protocolMessage || m.senderKeyDistributionMessage || m.editedMessage || m.pollUpdateMessage || m.keepInChatMessage) {
    return { kind: 'ignored', reason: 'protocol' };
  }
  if (m.stickerMessage) return { kind: 'unsupported', note: 'sticker' };
  if (m.locationMessage || m.liveLocationMessage) return { kind: 'unsupported', note: 'location' };
  if (m.contactMessage || m.contactsArrayMessage) return { kind: 'unsupported', note: 'contact' };
  if (m.pollCreationMessage || m.pollCreationMessageV2 || m.pollCreationMessageV3) return { kind: 'unsupported', note: 'poll' };
  return { kind: 'unsupported', note: 'unknown' };
}

/**
 * Classify one message of a `messages.upsert` of type `notify` (the caller drops `append`:
 * history sync must never start conversations).
 *
 * ```ts
 * const r = toInbound(msg, { now: Date.now, taskforceJid: config.TASKFORCE_WHATSAPP_JID });
 * if (r.kind === 'inbound') await runtime.handle(r.inbound);
 * ```
 */
export function toInbound(msg: WAMessage, opts: ToInboundOptions): WaClassified {
  const key = msg.key as KeyWithAlternates | undefined;
  const chat = key?.remoteJid ?? undefined;
  const id = key?.id ?? undefined;
  if (!key || !chat || !id) return { kind: 'ignored', reason: 'no_key' };
  if (key.fromMe) return { kind: 'ignored', reason: 'from_me' };
  if (isJidNewsletter(chat)) return { kind: 'ignored', reason: 'newsletter' };
  if (isJidBroadcast(chat)) return { kind: 'ignored', reason: 'broadcast' };

  const ts = msg.messageTimestamp;
  const seconds = ts === null || ts === undefined ? undefined : toNumber(ts as NumberLike);
  const receivedAt = seconds && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : opts.now();
  const content = contentOf(unwrapMessage(msg.message));

  if (isJidGroup(chat)) {
    if (!opts.taskforceJid || chat !== opts.taskforceJid) return { kind: 'ignored', reason: 'group' };
    if (content.kind !== 'text') return { kind: 'ignored', reason: content.kind === 'ignored' ? content.reason : 'group' };
    const inner = unwrapMessage(msg.message);
    const participant = [key.participantAlt, key.participantPn, key.participant].find(
      (j): j is string => !!j && isPnUser(j) === true,
    ) ?? key.participant ?? '';
    return {
      kind: 'taskforce',
      message: {
        chatJid: chat,
        senderJid: jidNormalizedUser(participant),
        text: content.text,
        platformMessageId: id,
        quotedMessageId: nonEmpty(inner?.extendedTextMessage?.contextInfo?.stanzaId),
        receivedAt,
      },
    };
  }

  if (content.kind === 'ignored') return { kind: 'ignored', reason: content.reason };
  const address = senderAddress(key, opts.pnForLid);
  if (!address) return { kind: 'ignored', reason: 'no_key' };
  const envelope: InboundEnvelope = { channel: 'whatsapp', address, platformMessageId: id, receivedAt };
  if (content.kind === 'media') return { kind: 'media', envelope, media: content.media };
  return { kind: 'inbound', inbound: { ...envelope, content } };
}
