/**
 * Whether urgent tips can reach a task-force channel at all. Said honestly in three places:
 * the receipt a reporter reads, the start-up log and `/health` — a report must never claim it was
 * "forwarded at once" when no group is configured.
 */
import type { Config } from '../config.js';

export type Forwarding = {
  /** At least one task-force channel is configured. */
  configured: boolean;
  /** Configured targets, by channel (`telegram`, `whatsapp`). */
  targets: Array<'telegram' | 'whatsapp'>;
  /** One line for the log and `/health` when nothing is configured. */
  problem: string | null;
};

/**
 * ```ts
 * const f = taskforceForwarding(config);
 * if (!f.configured) app.log.warn(f.problem);
 * ```
 */
export function taskforceForwarding(
  config: Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'TASKFORCE_TELEGRAM_CHAT_ID' | 'WHATSAPP_ENABLED' | 'TASKFORCE_WHATSAPP_JID'>,
): Forwarding {
  const targets: Forwarding['targets'] = [];
  if (config.TELEGRAM_BOT_TOKEN && config.TASKFORCE_TELEGRAM_CHAT_ID) targets.push('telegram');
  if (config.WHATSAPP_ENABLED && config.TASKFORCE_WHATSAPP_JID) targets.push('whatsapp');
  const configured = targets.length > 0;
  return {
    configured,
    targets,
    problem: configured
      ? null
      : 'no task-force channel configured: urgent tips are stored but NOT forwarded to anyone ' +
        '(set TELEGRAM_BOT_TOKEN + TASKFORCE_TELEGRAM_CHAT_ID, or WHATSAPP_ENABLED + TASKFORCE_WHATSAPP_JID; see README "Task-force channel")',
  };
}
