/**
 * Which channels exist and how they are doing, for /health and for outbound delivery.
 */
import type { Channel, Outbound } from '../messages.js';

export type ChannelStatus = 'up' | 'off' | 'down' | 'pairing';

/** What the outbox and relays need from a channel: send to a raw address, report status. */
export type ChannelPort = {
  channel: Channel;
  status(): ChannelStatus;
  /** Send outputs to a platform address; resolves with the platform message ids. */
  send(address: string, outputs: Outbound[]): Promise<string[]>;
  /** False for a channel that can only answer (the web chat): nothing is ever pushed to it. Default true. */
  pushes?: boolean;
  /** True while another instance holds this channel's session (WhatsApp on PostgreSQL): it sends for us. */
  standby?(): boolean;
};

export type ChannelRegistry = {
  register(port: ChannelPort): void;
  get(channel: Channel): ChannelPort | undefined;
  /** Can a message be pushed to a reporter on this channel (configured, and not answer-only)? */
  canPush(channel: string): boolean;
  statuses(): Record<Channel, ChannelStatus>;
};

export function createChannelRegistry(): ChannelRegistry {
  const ports = new Map<Channel, ChannelPort>();
  return {
    register(port) {
      ports.set(port.channel, port);
    },
    get(channel) {
      return ports.get(channel);
    },
    canPush(channel) {
      const port = ports.get(channel as Channel);
      return !!port && port.pushes !== false;
    },
    statuses() {
      const s = (c: Channel): ChannelStatus => ports.get(c)?.status() ?? 'off';
      return { web: s('web'), telegram: s('telegram'), whatsapp: s('whatsapp') };
    },
  };
}
