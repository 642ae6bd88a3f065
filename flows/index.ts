/**
 * The explicit list of flows and the per-locale catalogs. Validated at boot (`validateFlowSet`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog, FlowSet } from '../src/engine/types.js';
import { projectRoot } from '../src/paths.js';
import checkAgency from './check-agency.flow.js';
import helpContacts from './help-contacts.flow.js';
import language from './language.flow.js';
import learn from './learn.flow.js';
import menu from './menu.flow.js';
import report from './report.flow.js';
import status from './status.flow.js';

export const flows = [menu, report, checkAgency, learn, status, helpContacts, language];

/** Beside this module (source, or a build that copied them), else `flows/locales` under the project root. */
function catalogPath(locale: string): string {
  const beside = fileURLToPath(new URL(`./locales/${locale}.json`, import.meta.url));
  return existsSync(beside) ? beside : join(projectRoot, 'flows', 'locales', `${locale}.json`);
}

function loadCatalog(locale: string): Catalog {
  return JSON.parse(readFileSync(catalogPath(locale), 'utf8')) as Catalog;
}

/** Words that work at every step (compared after folding case, spaces and punctuation). */
export const globals = {
  menu: ['menu', 'batal', 'cancel', 'kembali', 'back'],
  language: ['bahasa', 'language', 'english', 'inggris', 'indonesia'],
  help: ['bantuan', 'help', '?'],
  status: ['status', 'cek status'],
};

/** Build the flow set the engine runs. */
export function loadFlowSet(): FlowSet {
  return {
    flows: Object.fromEntries(flows.map((f) => [f.id, f])),
    catalogs: { id: loadCatalog('id'), en: loadCatalog('en') },
    globals,
  };
}
