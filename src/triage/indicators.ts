/**
 * The indicators triage is organised by, and the words officers read for every reason id.
 *
 * The first eleven are the ILO's indicators of forced labour (ILO 2012, DOMAIN.md §5); the rest
 * are the trafficking-specific signals DOMAIN.md §5 lists beyond them. Ids are persisted with each
 * tip (`tips.urgency_reasons`) and used by alerts, the dashboard and the CSV export: they are
 * stable snake_case — renaming one is a data migration.
 */

/** The ILO's 11 forced-labour indicators. */
export const ILO_INDICATORS = [
  'abuse_of_vulnerability',
  'deception',
  'restriction_of_movement',
  'isolation',
  'physical_sexual_violence',
  'intimidation_threats',
  'retention_of_documents',
  'withholding_wages',
  'debt_bondage',
  'abusive_conditions',
  'excessive_overtime',
] as const;

/** Trafficking-specific signals beyond the ILO list. */
export const TRAFFICKING_INDICATORS = [
  'imminent_departure',
  'transit_holding',
  'non_procedural_route',
  'minor',
  'marriage_brokering',
  'sexual_exploitation',
  'forced_criminality',
  'loss_of_contact',
  'group_movement',
  'help_request',
] as const;

/** Every indicator id, ILO first. */
export const INDICATORS = [...ILO_INDICATORS, ...TRAFFICKING_INDICATORS] as const;

/** One indicator id. */
export type IndicatorId = (typeof INDICATORS)[number];

const INDICATOR_SET: ReadonlySet<string> = new Set(INDICATORS);

/** True for an indicator id (as opposed to a context or answer reason such as `danger_now`). */
export function isIndicator(id: string): id is IndicatorId {
  return INDICATOR_SET.has(id);
}

/** A reason as officers read it. */
export interface ReasonText {
  id: string;
  en: string;
}

/**
 * Officer-facing words for every reason id the scorer can give: indicators, structured answers,
 * context signals and the signals that lower urgency; the alert's own ids (`where_transit`, `group`,
 * `emergency`); and the ids older tips carry (before triage was organised by indicator), so their
 * reasons still show as words. One table: `src/alerts/reason-words.ts` reads it.
 */
export const REASONS: Readonly<Record<string, ReasonText>> = {
  abuse_of_vulnerability: { id: 'memanfaatkan kerentanan', en: 'abuse of vulnerability' },
  deception: { id: 'penipuan / janji palsu', en: 'deception' },
  restriction_of_movement: { id: 'dikurung / tidak boleh pergi', en: 'restricted movement' },
  isolation: { id: 'diisolasi / tidak boleh menghubungi keluarga', en: 'isolation' },
  physical_sexual_violence: { id: 'kekerasan fisik atau seksual', en: 'physical or sexual violence' },
  intimidation_threats: { id: 'intimidasi / ancaman', en: 'intimidation and threats' },
  retention_of_documents: { id: 'dokumen identitas ditahan', en: 'identity documents withheld' },
  withholding_wages: { id: 'gaji ditahan / tidak dibayar', en: 'wages withheld' },
  debt_bondage: { id: 'jeratan utang', en: 'debt bondage' },
  abusive_conditions: { id: 'kondisi kerja/tinggal tidak layak', en: 'abusive working and living conditions' },
  excessive_overtime: { id: 'jam kerja berlebihan', en: 'excessive overtime' },
  imminent_departure: { id: 'akan segera diberangkatkan', en: 'imminent departure' },
  transit_holding: { id: 'ditampung di penampungan / titik transit', en: 'held in transit or a holding house' },
  non_procedural_route: { id: 'jalur/visa tidak resmi', en: 'non-procedural route or visa' },
  minor: { id: 'anak di bawah umur', en: 'a minor is involved' },
  marriage_brokering: { id: 'perjodohan / pengantin pesanan', en: 'marriage brokering' },
  sexual_exploitation: { id: 'eksploitasi seksual', en: 'sexual exploitation' },
  forced_criminality: { id: 'dipaksa melakukan kejahatan (mis. penipuan online)', en: 'forced criminality (e.g. online scams)' },
  loss_of_contact: { id: 'hilang kontak', en: 'loss of contact' },
  group_movement: { id: 'rombongan dipindahkan bersama', en: 'group moved together' },
  help_request: { id: 'minta tolong', en: 'asks for help' },
  danger_now: { id: 'ada yang dalam bahaya sekarang', en: 'someone in danger now' },
  danger_now_unsure: { id: 'mungkin dalam bahaya', en: 'possibly in danger' },
  minor_unsure: { id: 'mungkin anak di bawah umur', en: 'possibly a minor' },
  passport_held_unsure: { id: 'mungkin paspor ditahan', en: 'passport possibly withheld' },
  departure_weeks: { id: 'berangkat dalam beberapa minggu', en: 'leaving within weeks' },
  already_abroad: { id: 'sudah di luar negeri', en: 'already abroad' },
  abroad: { id: 'sekarang di luar negeri', en: 'now abroad' },
  abroad_no_contact: { id: 'di luar negeri dan hilang kontak', en: 'abroad and out of contact' },
  risky_place: { id: 'tempat berisiko', en: 'high-risk place' },
  scam_destination: { id: 'negara tujuan online scam (Kamboja, Myanmar, Laos …)', en: 'online-scam destination (Cambodia, Myanmar, Laos …)' },
  several_indicators: { id: 'beberapa indikator sekaligus', en: 'several indicators together' },
  past_event: { id: 'kejadian lampau', en: 'past event' },
  resolved: { id: 'sudah teratasi', en: 'already resolved' },
  general_question: { id: 'pertanyaan umum / informasi', en: 'general question or information' },
  confinement: { id: 'disekap/dikurung', en: 'confined' },
  passport_held: { id: 'paspor ditahan', en: 'passport withheld' },
  violence: { id: 'kekerasan', en: 'violence' },
  threatened: { id: 'diancam', en: 'threatened' },
  sold: { id: 'diperjualbelikan', en: 'sold' },
  ransom: { id: 'tebusan', en: 'ransom demanded' },
  forced_labour: { id: 'kerja paksa', en: 'forced labour' },
  cannot_leave: { id: 'tidak bisa pulang', en: 'cannot go home' },
  lost_contact: { id: 'hilang kontak', en: 'lost contact' },
  emergency: { id: 'darurat (SOS)', en: 'emergency (SOS)' },
  departure_soon: { id: 'segera berangkat', en: 'leaving very soon' },
  bride_trafficking: { id: 'pengantin pesanan', en: 'bride trafficking' },
  irregular_route: { id: 'jalur ilegal', en: 'irregular route' },
  scam_compound: { id: 'sindikat penipuan online', en: 'online-scam compound' },
  asks_for_help: { id: 'minta tolong', en: 'asks for help' },
  afraid: { id: 'ketakutan', en: 'afraid' },
  general_info: { id: 'informasi umum', en: 'general information' },
  where_transit: { id: 'sedang di titik transit (perbatasan, bandara, pelabuhan)', en: 'at a transit point (border, airport, harbour)' },
  where_holding_house: { id: 'di penampungan / rumah agen', en: 'in a holding house' },
  where_abroad: { id: 'di luar negeri', en: 'abroad' },
  group: { id: 'beberapa orang sekaligus', en: 'several people together' },
};

/**
 * The words for a reason id in `locale` (`id` or `en`), so alerts, the dashboard and the CSV show
 * what officers can act on rather than an id. An unknown id is returned as it is, readable enough
 * and never an error: a reason stored by a newer version must not break an older screen.
 *
 * ```ts
 * reasonText('retention_of_documents', 'en') // 'Passport or documents withheld'
 * reasonText('minor', 'id')                  // 'Anak di bawah umur / umur dipalsukan'
 * ```
 */
export function reasonText(reason: string, locale: 'id' | 'en' | string): string {
  const r = Object.hasOwn(REASONS, reason) ? REASONS[reason] : undefined;
  if (!r) return reason.replace(/_/g, ' ');
  return locale === 'en' ? r.en : r.id;
}
