/**
 * The WhatsApp channel: a thin shell that composes its three parts and is the channel's port for
 * the app — the connection supervisor (`whatsapp-connection.ts`: socket, pairing, reconnects), the
 * intake (`whatsapp-intake.ts`: upserts → `Inbound`s → runtime, one queue per person) and the
 * sender (`whatsapp-sender.ts`: paced replies). All decisions live elsewhere: `toInbound` and
 * `render` translate, `decideConnection` chooses what a disconnect means, the runtime runs the
 * conversation (STYLE.md §10 rule 3).
 *
 * Ban hygiene (this is an unofficial client on a personal/business account): reply-only, never
 * a cold message from here; ~1 message per second with jitter; "typing…" before long replies;
 * no history sync; no "online" presence on connect.
 */
import type { proto, WAMessageKey } from '@whiskeysockets/baileys';
import type { Outbound } from '../../messages.js';
import type { ChannelPort, ChannelStatus } from '../channel-registry.js';
import { render } from './render.js';
import { WhatsAppConnection } from './whatsapp-connection.js';
import { WhatsAppIntake } from './whatsapp-intake.js';
import { WhatsAppSender } from './whatsapp-sender.js';
import { DeferDeliveryError } from '../../storage/outbox.js';
import { DEFAULT_PACING, type WhatsAppAdapterDeps } from './whatsapp-types.js';

export type { AdapterLogger, Pacing, WaSocketLike, WhatsAppAdapterDeps, WhatsAppAlert } from './whatsapp-types.js';
export { DEFAULT_PACING } from './whatsapp-types.js';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());
const realSetTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
};

/**
 * The WhatsApp channel. Start it in the app's `onReady`, stop it in `preClose`.
 *
 * ```ts
 * const wa = new WhatsAppAdapter({ config, db, runtime, evidence, logger: app.log });
 * app.channels.register(wa);
 * app.addHook('onReady', () => wa.start());
 * app.addHook('preClose', () => wa.stop());
 * ```
 */
export class WhatsAppAdapter implements ChannelPort {
  readonly channel = 'whatsapp' as const;
  private readonly connection: WhatsAppConnection;
  private readonly intake: WhatsAppIntake;
  private readonly sender: WhatsAppSender;

  constructor(private readonly deps: WhatsAppAdapterDeps) {
    const sleep = deps.sleep ?? realSleep;
    const now = deps.now ?? Date.now;
    const random = deps.random ?? Math.random;
    this.connection = new WhatsAppConnection({
      ...deps,
      sleep,
      now,
      random,
      setTimer: deps.setTimer ?? realSetTimer,
      onUpsert: (upsert, sock) => this.intake.onUpsert(upsert, sock),
      getMessage: (key) => this.sender.getMessage(key),
    });
    this.sender = new WhatsAppSender({ pacing: deps.pacing ?? DEFAULT_PACING, sleep, now, random, connection: this.connection });
    this.intake = new WhatsAppIntake({
      ...deps,
      now,
      baileysLogger: () => this.connection.baileys(),
      reply: (jid, texts) => this.sender.sendTexts(jid, texts),
    });
  }

  /** `/health` status: `off` (disabled), `pairing`, `up`, or `down` (closed/reconnecting/stopped). */
  status(): ChannelStatus {
    return this.connection.status();
  }

  /** The latest QR string while pairing by QR (for an admin-only page), else null. */
  currentQr(): string | null {
    return this.connection.currentQr();
  }

  /**
   * Connect in the background (or do nothing if `WHATSAPP_ENABLED` is false). Never blocks the
   * app's start-up on the network: the status says `pairing`/`down` until the socket opens.
   */
  async start(): Promise<void> {
    this.connection.start();
  }

  /** Close the socket, cancel reconnects and let in-flight conversations finish. */
  async stop(): Promise<void> {
    if (this.connection.isStopped()) return;
    this.connection.beginStop();
    await this.intake.idle();
    await this.sender.idle();
    await this.connection.finishStop();
  }

  /** True while another instance holds the WhatsApp session (several instances on PostgreSQL). */
  standby(): boolean {
    return this.connection.onStandby();
  }

  /**
   * Send outputs to a WhatsApp address (a relay or an alert). The caller is responsible for
   * only messaging people who wrote first and agreed; this adapter never cold-messages.
   */
  async send(address: string, outputs: Outbound[]): Promise<string[]> {
    if (this.connection.isStopped()) throw new Error('WhatsApp channel is not running (WHATSAPP_ENABLED=false or stopped)');
    // Several instances: the one holding the session sends; this one hands the outbox row back.
    if (this.connection.onStandby()) throw new DeferDeliveryError('whatsapp: another instance holds the session');
    return this.sender.sendTexts(address, render(outputs, { locale: this.deps.config.DEFAULT_LOCALE }));
  }

  /**
   * Delete one of our own messages for everyone (an alert about an erased case). WhatsApp allows
   * this for about two days; after that the platform ignores it and nothing more can be done.
   */
  async deleteMessage(jid: string, messageId: string): Promise<void> {
    if (this.connection.onStandby()) throw new DeferDeliveryError('whatsapp: another instance holds the session');
    const sock = this.connection.socket();
    if (this.connection.isStopped() || !sock || this.connection.status() !== 'up') throw new Error('WhatsApp channel is not connected');
    await sock.sendMessage(jid, { delete: { remoteJid: jid, fromMe: true, id: messageId } });
  }

  /** Wait until every queued inbound message has been handled and every reply sent (tests, shutdown). */
  async idle(): Promise<void> {
    await this.intake.idle();
    await this.sender.idle();
    await this.connection.idle();
  }

  /** Baileys asks for a message it sent when the recipient's phone requests a retry. */
  async getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined> {
    return this.sender.getMessage(key);
  }
}
