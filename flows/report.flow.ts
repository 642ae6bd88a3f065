import { ask, branch, choose, collect, defineFlow, effect, opt, say } from './define.js';
import { peopleCountOptions, whereNowOptions } from './emergency-questions.js';

const yesNoUnsure = (next: string) => [
  opt('yes', 'common.yes', next),
  opt('no', 'common.no', next),
  opt('unsure', 'common.unsure', next),
];

/** Regencies and cities of West Kalimantan (DOMAIN.md §4), plus outside Kalbar and abroad. */
const regencies: Array<[string, string[]]> = [
  ['bengkayang', ['kabupaten bengkayang', 'kab bengkayang']],
  ['kapuas_hulu', ['kabupaten kapuas hulu', 'putussibau']],
  ['kayong_utara', ['kabupaten kayong utara']],
  ['ketapang', ['kabupaten ketapang']],
  ['kubu_raya', ['kabupaten kubu raya']],
  ['landak', ['kabupaten landak', 'ngabang']],
  ['melawi', ['kabupaten melawi']],
  // Renamed from Kabupaten Pontianak by PP 58/2014: people still use the old name.
  ['mempawah', ['kabupaten mempawah', 'kabupaten pontianak', 'kab pontianak', 'kab. pontianak']],
  ['sambas', ['kabupaten sambas']],
  ['sanggau', ['kabupaten sanggau', 'entikong']],
  ['sekadau', ['kabupaten sekadau']],
  ['sintang', ['kabupaten sintang']],
  ['kota_pontianak', ['pontianak', 'ptk']],
  ['kota_singkawang', ['singkawang', 'skw']],
];

/**
 * Report a suspicious recruitment offer, anonymously. Step ids are persisted: renaming one needs
 * a state migration.
 */
export default defineFlow({
  id: 'report',
  version: 1,
  start: 'intro',
  onCancel: 'cancel_check',
  // Abandoned after the description: kept as an incomplete tip and triaged like any other.
  onExpire: { effect: 'submit_incomplete', whenAnswered: 'description', unlessVar: 'submitted' },
  // "status" would discard the unfinished report; urgent phrases alert the task force at once.
  blocksGlobals: ['status'],
  earlyAlert: true,
  steps: {
    intro: say(['report.intro'], 'category'),
    category: choose({
      say: ['report.category'],
      store: 'category',
      help: 'report.category_help',
      options: [
        opt('job_abroad', 'report.cat.job_abroad', 'regency'),
        opt('job_domestic', 'report.cat.job_domestic', 'regency'),
        opt('marriage', 'report.cat.marriage', 'regency'),
        opt('internship', 'report.cat.internship', 'regency'),
        opt('online_scam', 'report.cat.online_scam', 'regency'),
        opt('domestic_work', 'report.cat.domestic_work', 'regency'),
        opt('other', 'report.cat.other', 'regency'),
      ],
    }),
    regency: choose({
      say: ['report.regency'],
      store: 'regency',
      options: [
        ...regencies.map(([id, aliases]) => opt(id, `regency.${id}`, 'destination', { aliases })),
        opt('outside_kalbar', 'regency.outside_kalbar', 'destination'),
        opt('abroad', 'regency.abroad', 'destination'),
        opt('unknown', 'regency.unknown', 'destination'),
      ],
    }),
    destination: ask({
      say: ['report.destination'],
      store: 'destination',
      validate: 'short',
      next: 'recruiter',
      options: [opt('skip', 'common.skip', 'recruiter')],
    }),
    recruiter: ask({
      say: ['report.recruiter'],
      store: 'recruiter',
      validate: 'short',
      scan: true,
      skipWhenAnswered: true,
      next: 'description',
      options: [opt('skip', 'common.skip', 'description')],
    }),
    description: ask({
      say: ['report.description'],
      store: 'description',
      scan: true,
      maxLength: 4000,
      skipWhenAnswered: true,
      next: 'evidence',
    }),
    evidence: collect({
      say: ['report.evidence'],
      store: 'evidence',
      max: 10,
      next: 'danger_now',
      help: 'report.evidence_help',
      options: [opt('done', 'common.done', 'danger_now'), opt('skip', 'common.skip', 'danger_now')],
    }),
    // "Yes" alerts the task force at once and names 110 / SAPA 129 before the report goes on.
    danger_now: choose({
      say: ['report.danger_now'],
      store: 'danger_now',
      options: [
        opt('yes', 'common.yes', 'danger_alert'),
        opt('no', 'common.no', 'where_now'),
        opt('unsure', 'common.unsure', 'where_now'),
      ],
    }),
    danger_alert: effect('raise_alert', { ok: 'danger_numbers', otherwise: 'danger_numbers' }, { reason: 'danger_now' }),
    danger_numbers: say(['emergency.numbers_short'], 'where_now'),
    where_now: choose({ say: ['where_now.ask'], store: 'where_now', followUp: true, options: whereNowOptions('people_count') }),
    people_count: choose({ say: ['people_count.ask'], store: 'people_count', followUp: true, options: peopleCountOptions('departure') }),
    departure: choose({
      say: ['report.departure'],
      store: 'departure',
      followUp: true,
      options: [
        opt('now', 'report.dep.now', 'minor'),
        opt('days', 'report.dep.days', 'minor'),
        opt('weeks', 'report.dep.weeks', 'minor'),
        opt('already_abroad', 'report.dep.already_abroad', 'minor'),
        opt('unknown', 'report.dep.unknown', 'minor'),
      ],
    }),
    minor: choose({ say: ['report.minor'], store: 'minor', followUp: true, options: yesNoUnsure('passport_held') }),
    passport_held: choose({
      say: ['report.passport_held'],
      store: 'passport_held',
      followUp: true,
      options: yesNoUnsure('may_contact'),
    }),
    may_contact: choose({
      say: ['report.may_contact'],
      store: 'may_contact',
      help: 'report.may_contact_help',
      options: [opt('no', 'report.contact.no', 'summary'), opt('yes', 'report.contact.yes', 'summary')],
    }),
    summary: choose({
      say: ['report.summary'],
      options: [
        opt('confirm', 'report.confirm', 'submit'),
        opt('edit_category', 'report.edit.category', 'category', { edit: true }),
        opt('edit_regency', 'report.edit.regency', 'regency', { edit: true }),
        opt('edit_destination', 'report.edit.destination', 'destination', { edit: true }),
        opt('edit_recruiter', 'report.edit.recruiter', 'recruiter', { edit: true }),
        opt('edit_description', 'report.edit.description', 'description', { edit: true }),
        opt('edit_evidence', 'report.edit.evidence', 'evidence', { edit: true }),
        opt('edit_urgency', 'report.edit.urgency', 'danger_now', { edit: true }),
        opt('edit_contact', 'report.edit.contact', 'may_contact', { edit: true }),
      ],
    }),
    submit: effect('submit_report', { ok: 'done', otherwise: 'failed' }),
    done: say(
      ['report.receipt', { key: 'report.urgent_notice', when: 'urgent' }, 'report.safety'],
      'flow:menu',
    ),
    failed: say(['report.failed'], 'summary'),
    cancel_check: branch('description', { '': 'cancelled' }, 'cancel_save'),
    cancel_save: effect('submit_incomplete', { ok: 'cancel_saved', otherwise: 'cancelled' }),
    cancel_saved: say(['report.saved_incomplete', 'report.safety'], 'flow:menu'),
    cancelled: say(['report.cancelled'], 'flow:menu'),
  },
});
