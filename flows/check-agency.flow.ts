import { ask, choose, defineFlow, effect, opt, say } from './define.js';

// The demo label and the list's date always; the longer warnings once per check session (`warn`)
// or on request ("What should I watch out for?").
const always = [{ key: 'check.demo', when: 'demo' }, { key: 'check.always', when: 'warn' }, 'check.freshness'] as const;

/**
 * Is this agency licensed? Honest answers: found is not a guarantee, similar is not the same,
 * not found is not proof of a crime (DOMAIN.md).
 */
export default defineFlow({
  id: 'check_agency',
  version: 1,
  start: 'query',
  steps: {
    query: ask({ say: ['check.ask'], store: 'query', validate: 'query', help: 'check.help', next: 'lookup' }),
    lookup: effect('lookup_agency', {
      exact_active: 'exact_active',
      exact_inactive: 'exact_inactive',
      similar: 'similar',
      not_found: 'not_found',
    }),
    exact_active: say(['check.exact_active', ...always], 'after'),
    exact_inactive: say(
      ['check.exact_inactive', { key: 'check.inactive', by: 'status_id', variants: { expired: 'expired' }, otherwise: 'stopped' }, ...always],
      'after',
    ),
    similar: say(['check.similar', { key: 'check.item', each: 'items' }, 'check.similar_warn', ...always], 'after'),
    not_found: say(['check.not_found', 'check.local_contacts', ...always], 'after'),
    warnings: say(['check.always', 'check.warnings_more'], 'after'),
    after: choose({
      say: ['check.after'],
      options: [
        opt('check_another', 'check.another', 'query'),
        opt('warnings', 'check.warnings', 'warnings'),
        opt('report', 'menu.report', 'flow:report'),
        opt('menu', 'common.menu', 'flow:menu'),
      ],
    }),
  },
});
