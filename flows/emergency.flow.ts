import { choose, defineFlow, effect, opt, say } from './define.js';
import { kept, peopleCountOptions, whereNowOptions } from './emergency-questions.js';

/**
 * Someone is in danger now. Opened from ANY step by the whole-message words `sos`, `darurat` or
 * `tolong` (Telegram `/sos`): the numbers first, the task-force alert at once (an incomplete
 * urgent tip, before any question), then at most three skippable questions and a receipt.
 * Answers of an interrupted report (its story, recruiter…) go along into the same tip.
 */
export default defineFlow({
  id: 'emergency',
  version: 1,
  start: 'numbers',
  interrupt: {
    words: ['sos', 'darurat', 'tolong'],
    keep: ['category', 'regency', 'destination', 'recruiter', 'description', 'evidence', 'danger_now', 'departure', 'minor', 'passport_held'],
    repeat: 'emergency.numbers',
  },
  onCancel: 'cancel_save',
  steps: {
    numbers: say(['emergency.numbers'], 'raise'),
    raise: effect('raise_alert', { ok: 'alerted', otherwise: 'alerted' }, { reason: 'emergency' }),
    alerted: say([kept('emergency.alerted')], 'where_now'),
    where_now: choose({ say: ['where_now.ask'], store: 'where_now', options: whereNowOptions('people_count') }),
    people_count: choose({ say: ['people_count.ask'], store: 'people_count', options: peopleCountOptions('may_contact') }),
    may_contact: choose({
      say: ['emergency.may_contact'],
      store: 'may_contact',
      help: 'report.may_contact_help',
      options: [opt('no', 'report.contact.no', 'submit'), opt('yes', 'report.contact.yes', 'submit')],
    }),
    submit: effect('submit_report', { ok: 'done', otherwise: 'failed' }),
    done: say([kept('emergency.receipt'), { key: 'report.safety', when: 'on_chat_app' }, { key: 'report.safety_web', when: 'on_web' }], 'flow:menu'),
    failed: say([kept('emergency.failed')], 'may_contact'),
    cancel_save: effect('submit_incomplete', { ok: 'cancel_saved', otherwise: 'cancel_failed' }),
    cancel_saved: say([kept('emergency.saved'), { key: 'report.safety', when: 'on_chat_app' }, { key: 'report.safety_web', when: 'on_web' }], 'flow:menu'),
    cancel_failed: say([kept('emergency.failed')], 'flow:menu'),
  },
});
