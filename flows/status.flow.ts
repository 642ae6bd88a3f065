import { ask, choose, collect, defineFlow, effect, opt, say } from './define.js';

/** Follow a case with its receipt: status, officer replies, and more information or evidence. */
export default defineFlow({
  id: 'status',
  version: 1,
  start: 'receipt',
  steps: {
    receipt: ask({ say: ['status.ask'], store: 'receipt', validate: 'receipt', help: 'status.help', next: 'lookup' }),
    lookup: effect('lookup_status', { found: 'show', not_found: 'not_found', throttled: 'throttled' }),
    show: say(['status.show', { key: 'status.reply', each: 'items' }, { key: 'status.no_replies', when: 'no_replies' }], 'next_action'),
    next_action: choose({
      say: ['status.next'],
      options: [
        opt('add_info', 'status.add_info', 'followup'),
        opt('add_evidence', 'status.add_evidence', 'followup_media'),
        opt('erase', 'erasure.option', 'erase_confirm'),
        opt('menu', 'common.menu', 'flow:menu'),
      ],
    }),
    // UU 27/2022 (PDP): the reporter may have the report erased. The link to them goes at once;
    // the content after a delay unless officers hold the case (src/tips/erasure.ts).
    erase_confirm: choose({
      say: ['erasure.confirm'],
      options: [opt('yes', 'erasure.yes', 'erase_request'), opt('no', 'erasure.no', 'next_action')],
    }),
    erase_request: effect('request_erasure', { ok: 'erase_done', otherwise: 'erase_failed' }),
    erase_done: say(['erasure.done'], 'flow:menu'),
    erase_failed: say(['erasure.failed'], 'flow:menu'),
    followup: ask({ say: ['status.followup'], store: 'followup', scan: true, maxLength: 4000, next: 'save' }),
    followup_media: collect({
      say: ['status.followup_media'],
      store: 'followup_media',
      max: 10,
      next: 'save',
      options: [opt('done', 'common.done', 'save'), opt('skip', 'common.skip', 'next_action')],
    }),
    save: effect('add_followup', { ok: 'saved', otherwise: 'next_action' }),
    saved: say(['status.saved'], 'next_action'),
    not_found: say(['status.not_found'], 'retry'),
    retry: choose({
      say: ['status.retry'],
      options: [opt('try_again', 'status.try_again', 'receipt'), opt('menu', 'common.menu', 'flow:menu')],
    }),
    throttled: say(['status.throttled'], 'flow:menu'),
  },
});
