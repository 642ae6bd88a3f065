/**
 * The one state machine of a tip's status. The officer API, the dashboard and the task force's
 * Telegram buttons all move a tip through {@link TRANSITIONS} (via `tipsRepository.transition`),
 * so no channel can do what another refuses.
 */

export const TIP_STATUSES = ['new', 'claimed', 'in_progress', 'closed', 'spam'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

/**
 * Allowed status changes. `claimed → new` releases a claim; `closed → in_progress` reopens;
 * `spam → new` undoes a mistaken spam mark. Setting the current status again is a no-op.
 */
export const TRANSITIONS: Readonly<Record<TipStatus, readonly TipStatus[]>> = {
  new: ['claimed', 'in_progress', 'closed', 'spam'],
  claimed: ['new', 'in_progress', 'closed', 'spam'],
  in_progress: ['claimed', 'closed', 'spam'],
  closed: ['in_progress'],
  spam: ['new'],
};

/** Statuses a case leaves only when an officer reopens it on purpose. */
export const FINISHED: ReadonlySet<TipStatus> = new Set(['closed', 'spam']);

export function isTipStatus(value: string): value is TipStatus {
  return (TIP_STATUSES as readonly string[]).includes(value);
}

/**
 * Whether the workflow allows `from → to`.
 *
 * ```ts
 * canTransition('closed', 'spam'); // false: reopen first
 * ```
 */
export function canTransition(from: string, to: TipStatus): boolean {
  return isTipStatus(from) && TRANSITIONS[from].includes(to);
}

/**
 * Who holds the case after `from → to`: claiming (or starting work on an unheld case) records the
 * officer; going back to `new` releases it; anything else keeps the holder.
 */
export function holderAfter(to: TipStatus, current: string | null, officerName: string): string | null {
  if (to === 'claimed' || (to === 'in_progress' && !current)) return officerName;
  if (to === 'new') return null;
  return current;
}

/** Thrown (or mapped to HTTP 409) for a status change the workflow does not allow. */
export class TransitionError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    const allowed = isTipStatus(from) ? TRANSITIONS[from].join(', ') : '';
    super(`A tip cannot go from "${from}" to "${to}". Allowed from "${from}": ${allowed || 'none'}.`);
  }
}
