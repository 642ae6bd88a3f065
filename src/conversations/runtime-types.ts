/**
 * The port every channel adapter talks to. Adapters translate platform updates into `Inbound`,
 * call `handle`, and render what comes back; they never decide anything about the flow.
 */
import type { Channel, Inbound, Outbound, Prompt } from '../messages.js';
import type { MediaGate } from './media-gate.js';

export type HandleResult = {
  /** Replies to send back to the sender, in order. */
  outputs: Outbound[];
  /** What the conversation waits for next (web chat shows it). */
  prompt: Prompt;
  /** Locale of the conversation after this turn. */
  locale: 'id' | 'en';
};

export type ConversationRuntime = {
  /**
   * Process one inbound message: dedupe by (channel, platformMessageId) when the platform gives one, one turn at a time per
   * sender (across instances too), load → advance → one transaction (state, tips, outbox) → replies.
   * Resolves `null` for a duplicate delivery (already processed: send nothing).
   * The raw `inbound.address` never leaves memory except encrypted in `contacts`.
   */
  handle(inbound: Inbound, opts?: HandleOptions): Promise<HandleResult | null>;
  /**
   * Whether this sender may send evidence now (read-only; call it BEFORE receiving a file): a
   * conversation this service holds, waiting at a media step, under the per-report count.
   */
  mediaGate(channel: Channel, address: string): Promise<MediaGate>;
};

export type HandleOptions = {
  /**
   * The client's network address (web only), kept in memory to throttle receipt guesses spread
   * over many conversations; never stored or logged.
   */
  clientAddress?: string;
};
