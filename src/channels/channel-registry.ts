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
};

export type ChannelRegistry = {
  register(port: ChannelPort): void;
  get(channel: Channel): ChannelPort | undefined;
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
    statuses() {
      const s = (c: Channel): ChannelStatus => ports.get(c)?.status() ?? 'off';
      return { web: s('web'), telegram: s('telegram'), whatsapp: s('whatsapp') };
    },
  };
}
