/**
 * The WhatsApp channel's inbound side: `messages.upsert` batches are classified one at a time in
 * arrival order (`toInbound` decides; LID senders are resolved to phone numbers first), then each
 * person's messages run strictly in order on a per-chat queue while different people run in
 * parallel; media is size/type-checked and downloaded into the evidence store; the runtime's
 * replies go to the sender.
 */
import { downloadMediaMessage, toNumber, type WAMessage } from '@whiskeysockets/baileys';
import { evidenceRefusal } from '../../conversations/media-gate.js';
import type { Inbound, InboundContent } from '../../messages.js';
import { createKeyedChain } from '../../pacing/keyed-chain.js';
import { render } from './render.js';
import { lidNeedingLookup, type PendingMedia, toInbound } from './to-inbound.js';
import type { ILogger, WaEvents, WaSocketLike, WhatsAppAdapterDeps } from './whatsapp-types.js';

export type WhatsAppIntakeDeps = Pick<
  WhatsAppAdapterDeps,
  'config' | 'runtime' | 'evidence' | 'logger' | 'downloadMedia' | 'onTaskforceMessage' | 'offlineWindowMs'
> & {
  now: () => number;
  /** Baileys' logger, for its media download. */
  baileysLogger: () => ILogger;
  /** Where replies go (the paced sender). */
  reply: (jid: string, texts: string[]) => Promise<unknown>;
};

/**
 * ```ts
 * const intake = new WhatsAppIntake({ config, runtime, evidence, logger, now, baileysLogger, reply: sender.sendTexts });
 * sock.ev.on('messages.upsert', (u) => intake.onUpsert(u, sock));
 * ```
 */
export class WhatsAppIntake {
  /** Messages are classified one at a time, in arrival order, before the per-chat queues. */
  private queue: Promise<void> = Promise.resolve();
  private readonly chatQueues = createKeyedChain();

  constructor(private readonly deps: WhatsAppIntakeDeps) {}

  /** Resolves when every message received so far has been handled. */
  async idle(): Promise<void> {
    await this.queue;
    await this.chatQueues.idle();
  }

  onUpsert(upsert: WaEvents['messages.upsert'], sock: WaSocketLike): void {
    // `append` is history sync, our own sends, and messages that arrived while offline: only the
    // last kind may start a conversation, and only within `offlineWindowMs`.
    const window = this.deps.offlineWindowMs ?? 0;
    const fresh = (msg: WAMessage) => {
      const ts = toNumber(msg.messageTimestamp as Parameters<typeof toNumber>[0]) * 1000;
      return !msg.key?.fromMe && ts > 0 && this.deps.now() - ts <= window;
    };
    const messages = upsert.type === 'notify' ? upsert.messages : window > 0 ? upsert.messages.filter(fresh) : [];
    for (const msg of messages) {
      this.queue = this.queue
        .then(() => this.classify(msg, sock))
        .catch((err) => this.deps.logger.error({ err, channel: 'whatsapp' }, 'whatsapp: reading a message failed'));
    }
  }

  private async classify(msg: WAMessage, sock: WaSocketLike): Promise<void> {
    let pn: string | undefined;
    const lid = lidNeedingLookup(msg);
    if (lid) {
      try {
        pn = (await sock.signalRepository?.lidMapping?.getPNForLID(lid)) ?? undefined;
      } catch {
        pn = undefined;
      }
    }
    const result = toInbound(msg, {
      taskforceJid: this.deps.config.TASKFORCE_WHATSAPP_JID,
      now: this.deps.now,
      pnForLid: (l) => (l === lid ? pn : undefined),
    });
    switch (result.kind) {
      case 'ignored':
        this.deps.logger.debug({ channel: 'whatsapp', reason: result.reason }, 'whatsapp: message ignored');
        return;
      case 'taskforce':
        this.enqueueChat(result.message.chatJid, async () => {
          await this.deps.onTaskforceMessage?.(result.message);
        });
        return;
      case 'inbound':
        this.enqueueChat(result.inbound.address, () => this.handleInbound(result.inbound));
        return;
      case 'media':
        this.enqueueChat(result.envelope.address, async () => {
          const content = await this.fetchMedia(msg, result.envelope.address, result.media, sock);
          await this.handleInbound({ ...result.envelope, content });
        });
        return;
      default: {
        const unreachable: never = result;
        throw new Error(`unknown classification ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** One person's messages are handled strictly in order; different people in parallel. */
  private enqueueChat(key: string, task: () => Promise<void>): void {
    void this.chatQueues
      .run(key, task)
      .catch((err) => this.deps.logger.error({ err, channel: 'whatsapp' }, 'whatsapp: handling a message failed'));
  }

  /** Gate first (nothing is downloaded for a sender not waiting at an evidence step), then fetch and store. */
  private async fetchMedia(msg: WAMessage, address: string, media: PendingMedia, sock: WaSocketLike): Promise<InboundContent> {
    const { evidence } = this.deps;
    const refusal = await evidenceRefusal(this.deps.runtime, evidence, 'whatsapp', address);
    if (refusal) return refusal;
    if (media.fileLength !== undefined && media.fileLength > evidence.maxBytes) {
      return { kind: 'media_rejected', reason: 'too_large' };
    }
    const mime = media.mime.split(';')[0].trim().toLowerCase();
    if (!evidence.accepts(mime)) return { kind: 'media_rejected', reason: 'bad_type' };
    let bytes: Buffer;
    try {
      bytes = await (this.deps.downloadMedia ?? defaultDownload(this.deps.baileysLogger()))(msg, sock);
    } catch (err) {
      this.deps.logger.warn({ err, channel: 'whatsapp' }, 'whatsapp: downloading media failed');
      return { kind: 'media_rejected', reason: 'failed' };
    }
    if (bytes.length > evidence.maxBytes) return { kind: 'media_rejected', reason: 'too_large' };
    const stored = await evidence.store(bytes, mime, media.kind);
    if (!stored.ok) return { kind: 'media_rejected', reason: stored.reason };
    return media.caption !== undefined
      ? { kind: 'media', media: stored.media, caption: media.caption }
      : { kind: 'media', media: stored.media };
  }

  private async handleInbound(inbound: Inbound): Promise<void> {
    const result = await this.deps.runtime.handle(inbound);
    if (!result) return; // duplicate delivery: already answered
    const texts = render(result.outputs, { locale: result.locale });
    if (texts.length === 0) return;
    await this.deps.reply(inbound.address, texts);
  }
}

function defaultDownload(logger: ILogger) {
  return async (msg: WAMessage, sock: WaSocketLike): Promise<Buffer> => {
    const reuploadRequest = sock.updateMediaMessage ?? (async (m: WAMessage) => m);
    return downloadMediaMessage(msg, 'buffer', {}, { logger, reuploadRequest });
  };
}
