import { choose, defineFlow, opt, say } from './define.js';

/** Warning signs, safe and legal migration, and the modus seen in Kalbar (content in the catalogs). */
export default defineFlow({
  id: 'learn',
  version: 1,
  start: 'topics',
  steps: {
    topics: choose({
      say: ['learn.topics'],
      options: [
        opt('red_flags', 'learn.t.red_flags', 'red_flags'),
        opt('safe_steps', 'learn.t.safe_steps', 'safe_steps'),
        opt('modus', 'learn.t.modus', 'modus'),
        opt('border', 'learn.t.border', 'border'),
        opt('fees', 'learn.t.fees', 'fees'),
        opt('menu', 'common.menu', 'flow:menu'),
      ],
    }),
    red_flags: say(['learn.red_flags'], 'topics'),
    safe_steps: say(['learn.safe_steps', 'learn.safe_steps_checked'], 'topics'),
    modus: say(['learn.modus'], 'topics'),
    // West Kalimantan content (DOMAIN.md §1–§4), each with its check date and sources; fee rules
    // are marked for human review (flows/content-review.json).
    border: say(['learn.border', 'learn.border_checked'], 'topics'),
    fees: say(['learn.fees', 'learn.fees_checked'], 'topics'),
  },
});
