import { choose, defineFlow, opt, say } from './define.js';

/** Switch between Bahasa Indonesia and English (also: the words `bahasa`/`language` at any step). */
export default defineFlow({
  id: 'language',
  version: 1,
  start: 'choose',
  steps: {
    choose: choose({
      say: ['language.choose'],
      options: [opt('id', 'language.id', 'done', { locale: 'id' }), opt('en', 'language.en', 'done', { locale: 'en' })],
    }),
    done: say(['language.set'], 'flow:menu'),
  },
});
