/**
 * Transitional (#18): the tips repository in the shape the alerts and routing rooms call — async,
 * with the caller's transaction `q` first (`transition(q, …)`, `moveRegency(q, …)`,
 * `markDelivered(q, …)`), as the repository's port version has it. Until that version lands
 * (area A), this wraps the synchronous SQLite methods; on SQLite they write on the same connection
 * as `q`, so they still commit with the caller's transaction. Delete once the repository is async.
 */
import type { Q } from '../storage/storage.js';
import type { TipsRepository } from '../tips/tips-repository.js';

export function tipsPortOf(repo: TipsRepository) {
  return {
    transition: async (_q: Q, ...a: Parameters<TipsRepository['transition']>) => repo.transition(...a),
    moveRegency: async (_q: Q, ...a: Parameters<TipsRepository['moveRegency']>) => repo.moveRegency(...a),
    markDelivered: async (_q: Q, tipMessageId: number) => repo.markDelivered(tipMessageId),
    reply: async (...a: Parameters<TipsRepository['reply']>) => repo.reply(...a),
    relayTarget: async (tipMessageId: number) => repo.relayTarget(tipMessageId),
    isFinished: (status: string) => repo.isFinished(status),
  };
}
