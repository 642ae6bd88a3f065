import { ask, choose, defineFlow, effect, opt, say } from './define.js';

/**
 * Check a job advert: the person pastes or forwards it (text, or a screenshot read by local OCR
 * where the host has it). The answer names what was found, explains each red flag in one
 * sentence and each agency's licence status — and never calls anything "safe": found is not a
 * guarantee, not found is not proof of a crime (DOMAIN.md). Reporting the advert opens the
 * report prefilled with the recruiter, the advert as the story and a screenshot as evidence.
 */
export default defineFlow({
  id: 'check_ad',
  version: 1,
  start: 'ad',
  steps: {
    ad: ask({
      say: ['adcheck.ask'],
      store: 'ad',
      maxLength: 4096,
      help: 'adcheck.help',
      next: 'read',
      readMedia: { store: 'ad_media', max: 3, unreadable: 'adcheck.photo_unreadable', unavailable: 'adcheck.photo_text_only' },
    }),
    read: effect('check_ad', { result: 'result', otherwise: 'failed' }),
    result: say(
      [
        { key: 'adcheck.agencies_intro', when: 'has_agencies' },
        { key: 'adcheck.agency_line', each: 'agencies' },
        { key: 'adcheck.no_company', when: 'no_company' },
        { key: 'adcheck.flags_intro', when: 'has_flags' },
        { key: 'adcheck.flag_line', each: 'flags' },
        { key: 'adcheck.no_flags', when: 'no_flags' },
        { key: 'adcheck.ids_intro', when: 'has_ids' },
        { key: 'adcheck.id_line', each: 'ids' },
        { key: 'check.demo', when: 'demo' },
        'adcheck.always',
      ],
      'after',
    ),
    failed: say(['adcheck.failed'], 'after'),
    after: choose({
      say: ['adcheck.after'],
      options: [
        opt('report', 'adcheck.report', 'flow:report', { prefill: { recruiter: 'ad_recruiter', description: 'ad', evidence: 'ad_media' } }),
        opt('check_another', 'adcheck.another', 'flow:check_ad'),
        opt('menu', 'common.menu', 'flow:menu'),
      ],
    }),
  },
});
