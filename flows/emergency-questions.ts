/**
 * The two short questions an emergency needs and a report shares: where the person is now and
 * how many people are in danger. Option ids are persisted and scored (DESIGN.md "Triage on
 * indicators"); "unsure" and a skip store `unsure`, which never makes a tip urgent alone.
 */
import type { OptionDef, SayPart } from '../src/engine/types.js';
import { opt } from './define.js';

/** `where_now`: `home_area`, `transit_point`, `holding_house`, `abroad`, `unsure` (skip stores `unsure`). */
export const whereNowOptions = (next: string): OptionDef[] => [
  opt('home_area', 'where_now.home_area', next),
  opt('transit_point', 'where_now.transit_point', next),
  opt('holding_house', 'where_now.holding_house', next),
  opt('abroad', 'where_now.abroad', next),
  opt('unsure', 'common.unsure', next),
  opt('skip', 'common.skip', next, { value: 'unsure' }),
];

/** `people_count`: `one`, `two_to_five`, `more_than_five`, `unsure` (skip stores `unsure`). */
export const peopleCountOptions = (next: string): OptionDef[] => [
  opt('one', 'people_count.one', next),
  opt('two_to_five', 'people_count.two_to_five', next),
  opt('more_than_five', 'people_count.more_than_five', next),
  opt('unsure', 'common.unsure', next),
  opt('skip', 'common.skip', next, { value: 'unsure' }),
];

/**
 * A text that says the task force was told, or — when no task-force channel takes this
 * regency's alerts (`alert_kept`, set by the runtime) — its `<key>.kept` variant that says the
 * report is saved but not forwarded, and to call 110 / SAPA 129.
 */
export const kept = (key: string): SayPart => ({ key, by: 'alert_kept', variants: { yes: 'kept' }, otherwise: '' });
