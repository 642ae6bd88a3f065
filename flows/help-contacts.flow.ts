import { defineFlow, say } from './define.js';

/** Hotlines (SAPA 129, KP2MI, police 110, LPSK…), from the editable catalogs with their check date. */
export default defineFlow({
  id: 'help_contacts',
  version: 1,
  start: 'show',
  steps: {
    show: say(['help.contacts', 'help.checked'], 'flow:menu'),
  },
});
