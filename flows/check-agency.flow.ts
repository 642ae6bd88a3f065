import { ask, choose, defineFlow, effect, opt, say } from './define.js';

const always = ['check.always', { key: 'check.demo', when: 'demo' }, 'check.freshness'] as const;

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
    exact_inactive: say(['check.exact_inactive', ...always], 'after'),
    similar: say(['check.similar', { key: 'check.item', each: 'items' }, 'check.similar_warn', ...always], 'after'),
    not_found: say(['check.not_found', ...always], 'after'),
    after: choose({
      say: ['check.after'],
      options: [
        opt('check_another', 'check.another', 'query'),
        opt('report', 'menu.report', 'flow:report'),
        opt('menu', 'common.menu', 'flow:menu'),
      ],
    }),
  },
});
