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
        opt('menu', 'common.menu', 'flow:menu'),
      ],
    }),
    red_flags: say(['learn.red_flags'], 'topics'),
    safe_steps: say(['learn.safe_steps'], 'topics'),
    modus: say(['learn.modus'], 'topics'),
  },
});
