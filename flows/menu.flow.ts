import { choose, defineFlow, opt } from './define.js';

/** The main menu. Its first words are neutral: someone may be reading over the reporter's shoulder. */
export default defineFlow({
  id: 'menu',
  version: 1,
  start: 'main',
  steps: {
    main: choose({
      say: ['menu.prompt'],
      help: 'menu.help',
      options: [
        opt('report', 'menu.report', 'flow:report'),
        opt('check_agency', 'menu.check_agency', 'flow:check_agency'),
        opt('check_ad', 'menu.check_ad', 'flow:check_ad'),
        opt('learn', 'menu.learn', 'flow:learn'),
        opt('status', 'menu.status', 'flow:status'),
        opt('help_contacts', 'menu.help_contacts', 'flow:help_contacts'),
        opt('language', 'menu.language', 'flow:language'),
      ],
    }),
  },
});
