import type { SayPart } from '../src/engine/types.js';
import { ask, branch, choose, collect, defineFlow, effect, opt, say } from './define.js';
import { kept, peopleCountOptions, whereNowOptions } from './emergency-questions.js';

/**
 * A question worded for who the report is about: `<key>.me` (second person, the reporter's own
 * offer) or `<key>.other` (third person: family, a friend, someone else).
 */
const forWho = (key: string): SayPart => ({ key, by: 'who', variants: { me: 'me' }, otherwise: 'other' });

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
    intro: say(['report.intro'], 'who'),
    who: choose({
      say: ['report.who'],
      store: 'who',
      options: [
        opt('me', 'report.who.me', 'category'),
        opt('family_friend', 'report.who.family_friend', 'category'),
        opt('someone_else', 'report.who.someone_else', 'category'),
      ],
    }),
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
      say: [forWho('report.regency')],
      store: 'regency',
      options: [
        ...regencies.map(([id, aliases]) => opt(id, `regency.${id}`, 'destination', { aliases })),
        opt('outside_kalbar', 'regency.outside_kalbar', 'destination'),
        opt('abroad', 'regency.abroad', 'destination'),
        opt('unknown', 'regency.unknown', 'destination'),
      ],
    }),
    destination: ask({
      say: [forWho('report.destination')],
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
      say: [forWho('report.description')],
      store: 'description',
      scan: true,
      // A voice note is the story too: kept as evidence, the description says so.
      media: { kinds: ['voice'], store: 'evidence', note: 'report.description_voice' },
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
      say: [forWho('report.danger_now')],
      store: 'danger_now',
      options: [
        opt('yes', 'common.yes', 'danger_alert'),
        opt('no', 'common.no', 'where_now'),
        opt('unsure', 'common.unsure', 'where_now'),
      ],
    }),
    danger_alert: effect('raise_alert', { ok: 'danger_numbers', otherwise: 'danger_numbers' }, { reason: 'danger_now' }),
    danger_numbers: say([kept('emergency.numbers_short')], 'where_now'),
    where_now: choose({ say: [forWho('report.where_now')], store: 'where_now', followUp: true, options: whereNowOptions('people_count') }),
    people_count: choose({ say: ['people_count.ask'], store: 'people_count', followUp: true, options: peopleCountOptions('departure') }),
    departure: choose({
      say: [forWho('report.departure')],
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
    minor: choose({ say: [forWho('report.minor')], store: 'minor', followUp: true, options: yesNoUnsure('passport_held') }),
    passport_held: choose({
      say: [forWho('report.passport_held')],
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
        opt('edit_who', 'report.edit.who', 'who', { edit: true }),
      ],
    }),
    submit: effect('submit_report', { ok: 'done', otherwise: 'failed' }),
    done: say(
      [
        'report.receipt',
        { key: 'report.urgent_notice', when: 'urgent_forwarded' },
        { key: 'report.urgent_notice_kept', when: 'urgent_kept' },
        { key: 'report.safety', when: 'on_chat_app' },
        { key: 'report.safety_web', when: 'on_web' },
      ],
      'flow:menu',
    ),
    failed: say(['report.failed'], 'summary'),
    cancel_check: branch('description', { '': 'cancelled' }, 'cancel_choice'),
    // With a story already told: keep it as an incomplete tip, or discard it entirely.
    cancel_choice: choose({
      say: ['report.cancel_choice'],
      options: [opt('keep', 'report.cancel.keep', 'cancel_save'), opt('discard', 'report.cancel.discard', 'discarded')],
    }),
    cancel_save: effect('submit_incomplete', { ok: 'cancel_saved', otherwise: 'cancelled' }),
    cancel_saved: say(
      ['report.saved_incomplete', { key: 'report.safety', when: 'on_chat_app' }, { key: 'report.safety_web', when: 'on_web' }],
      'flow:menu',
    ),
    cancelled: say(['report.cancelled'], 'flow:menu'),
    discarded: say(['report.discarded', { key: 'report.discarded_alert_kept', when: 'draftTipId' }], 'flow:menu'),
  },
});
