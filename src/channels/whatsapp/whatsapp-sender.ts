/**
 * The WhatsApp channel's outbound side: one global paced queue (≈1 message per second with
 * jitter, a per-chat gap, "typing…" before long replies), waiting for the socket to be open, and
 * the memory of sent messages Baileys asks for when a recipient's phone requests a retry.
 */
import type { proto, WAMessageKey } from '@whiskeysockets/baileys';
import type { ChannelStatus } from '../channel-registry.js';
import type { Pacing, WaSocketLike } from './whatsapp-types.js';

/** Replies at least this long get a "typing…" presence first. */
const COMPOSING_MIN_CHARS = 160;
/** Sent messages remembered for Baileys' retry requests (`getMessage`). */
const SENT_CACHE_SIZE = 1000;

export type WhatsAppSenderDeps = {
  pacing: Pacing;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  /** The current socket and status (the connection supervisor owns them). */
  connection: { socket(): WaSocketLike | undefined; status(): ChannelStatus; waitUntilOpen(timeoutMs: number): Promise<boolean> };
};

/**
 * ```ts
 * const sender = new WhatsAppSender({ pacing: DEFAULT_PACING, sleep, now: Date.now, random: Math.random, connection });
 * const ids = await sender.sendTexts('62812…@s.whatsapp.net', ['Halo']);
 * ```
 */
export class WhatsAppSender {
  private chain: Promise<unknown> = Promise.resolve();
  private nextGlobalAt = 0;
  private readonly nextChatAt = new Map<string, number>();
  private readonly sent = new Map<string, proto.IMessage>();

  constructor(private readonly deps: WhatsAppSenderDeps) {}

  /** Resolves when every queued text has been sent (or has failed). */
  async idle(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  private gap(base: number): number {
    return base + Math.round(this.deps.random() * this.deps.pacing.jitterMs);
  }

  /** Send texts in order through the global paced queue; resolves with WhatsApp message ids. */
  sendTexts(jid: string, texts: string[]): Promise<string[]> {
    const { pacing, sleep, now, connection } = this.deps;
    const job = this.chain.then(async () => {
      const ids: string[] = [];
      for (const text of texts) {
        if (!(await connection.waitUntilOpen(60_000))) throw new Error('WhatsApp is not connected');
        const at = now();
        const wait = Math.max(0, this.nextGlobalAt - at, (this.nextChatAt.get(jid) ?? 0) - at);
        if (wait > 0) await sleep(wait);
        const sock = connection.socket();
        if (!sock) throw new Error('WhatsApp is not connected');
        if (text.length >= COMPOSING_MIN_CHARS) {
          await sock.sendPresenceUpdate('composing', jid).catch(() => undefined);
          const typing = Math.min(2500, text.length * pacing.typingMsPerChar);
          if (typing > 0) await sleep(typing);
        }
        const sent = await sock.sendMessage(jid, { text });
        const id = sent?.key?.id;
        if (id) {
          ids.push(id);
          this.remember(id, sent?.message ?? { conversation: text });
        }
        const t = now();
        this.nextGlobalAt = t + this.gap(pacing.globalMs);
        this.nextChatAt.set(jid, t + this.gap(pacing.perChatMs));
        if (this.nextChatAt.size > 5000) {
          for (const [k, until] of this.nextChatAt) if (until <= t) this.nextChatAt.delete(k);
        }
      }
      return ids;
    });
    this.chain = job.catch(() => undefined);
    return job;
  }

  private remember(id: string, message: proto.IMessage): void {
    this.sent.set(id, message);
    if (this.sent.size > SENT_CACHE_SIZE) {
      const oldest = this.sent.keys().next().value;
      if (oldest !== undefined) this.sent.delete(oldest);
    }
  }

  /** Baileys asks for a message it sent when the recipient's phone requests a retry. */
  getMessage(key: WAMessageKey): proto.IMessage | undefined {
    return key.id ? this.sent.get(key.id) : undefined;
  }
}
