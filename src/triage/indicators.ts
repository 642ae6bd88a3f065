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
 * context signals and the signals that lower urgency. Also the ids older tips carry (before
 * triage was organised by indicator), so their reasons still show as words.
 */
export const REASONS: Readonly<Record<string, ReasonText>> = {
  // ILO indicators
  abuse_of_vulnerability: { id: 'Kerentanan dimanfaatkan (miskin, yatim, tidak paham bahasa)', en: 'Vulnerability exploited (poverty, orphan, language)' },
  deception: { id: 'Penipuan soal pekerjaan, gaji atau visa', en: 'Deceived about the job, pay or visa' },
  restriction_of_movement: { id: 'Dikurung / tidak boleh keluar atau pulang', en: 'Confined / not allowed to leave or go home' },
  isolation: { id: 'Diisolasi: HP disita, dilarang menghubungi keluarga', en: 'Isolated: phone taken, no contact with family' },
  physical_sexual_violence: { id: 'Kekerasan fisik atau seksual', en: 'Physical or sexual violence' },
  intimidation_threats: { id: 'Ancaman atau intimidasi', en: 'Threats or intimidation' },
  retention_of_documents: { id: 'Paspor/dokumen ditahan', en: 'Passport or documents withheld' },
  withholding_wages: { id: 'Gaji tidak dibayar / ditahan', en: 'Wages unpaid or withheld' },
  debt_bondage: { id: 'Jeratan utang', en: 'Debt bondage' },
  abusive_conditions: { id: 'Kondisi kerja/tinggal tidak layak (makan, tidur, sakit)', en: 'Abusive working or living conditions' },
  excessive_overtime: { id: 'Jam kerja berlebihan, tanpa libur', en: 'Excessive hours, no rest days' },
  // Trafficking-specific
  imminent_departure: { id: 'Akan segera diberangkatkan (hari ini/besok/lusa)', en: 'Departure imminent (today, tomorrow, within days)' },
  transit_holding: { id: 'Sedang transit atau di penampungan', en: 'In transit or in a holding house' },
  non_procedural_route: { id: 'Jalur atau visa non-prosedural', en: 'Non-procedural route or visa' },
  minor: { id: 'Anak di bawah umur / umur dipalsukan', en: 'A minor / falsified age' },
  marriage_brokering: { id: 'Perjodohan / kawin kontrak / pengantin pesanan', en: 'Marriage brokering / contract or mail-order bride' },
  sexual_exploitation: { id: 'Eksploitasi seksual', en: 'Sexual exploitation' },
  forced_criminality: { id: 'Dipaksa menipu/berjudi online (online scam)', en: 'Forced criminality (online scam compound)' },
  loss_of_contact: { id: 'Hilang kontak', en: 'Contact lost' },
  group_movement: { id: 'Beberapa orang dipindahkan bersama', en: 'Several people moved together' },
  help_request: { id: 'Minta tolong / ketakutan', en: 'Asks for help / afraid' },
  // Structured answers and context
  danger_now: { id: 'Pelapor: ada yang dalam bahaya SEKARANG', en: 'Reporter: someone is in danger NOW' },
  danger_now_unsure: { id: 'Pelapor: tidak yakin ada bahaya sekarang', en: 'Reporter: unsure about danger now' },
  minor_unsure: { id: 'Pelapor: mungkin anak di bawah umur', en: 'Reporter: possibly a minor' },
  passport_held_unsure: { id: 'Pelapor: mungkin paspor ditahan', en: 'Reporter: passport possibly withheld' },
  departure_weeks: { id: 'Berangkat dalam beberapa minggu', en: 'Departure within weeks' },
  already_abroad: { id: 'Sudah di luar negeri', en: 'Already abroad' },
  abroad: { id: 'Sekarang di luar negeri', en: 'Now abroad' },
  abroad_no_contact: { id: 'Di luar negeri dan hilang kontak', en: 'Abroad and out of contact' },
  risky_place: { id: 'Tempat rawan (perbatasan/tujuan)', en: 'Risky place (border or destination)' },
  scam_destination: { id: 'Negara tujuan online scam (Kamboja, Myanmar, Laos …)', en: 'Online-scam destination (Cambodia, Myanmar, Laos …)' },
  several_indicators: { id: 'Beberapa indikator sekaligus', en: 'Several indicators together' },
  past_event: { id: 'Diceritakan sebagai kejadian lampau', en: 'Told as a past event' },
  resolved: { id: 'Sudah aman / sudah pulang', en: 'Already safe / back home' },
  general_question: { id: 'Pertanyaan umum / informasi', en: 'General question or information' },
  // Ids of tips scored before indicators (kept readable)
  confinement: { id: 'Dikurung / disekap', en: 'Confined' },
  passport_held: { id: 'Paspor ditahan', en: 'Passport withheld' },
  violence: { id: 'Kekerasan', en: 'Violence' },
  threatened: { id: 'Diancam', en: 'Threatened' },
  sold: { id: 'Dijual', en: 'Sold' },
  ransom: { id: 'Tebusan', en: 'Ransom' },
  forced_labour: { id: 'Kerja paksa', en: 'Forced labour' },
  cannot_leave: { id: 'Tidak bisa pulang', en: 'Cannot go home' },
  lost_contact: { id: 'Hilang kontak', en: 'Contact lost' },
  emergency: { id: 'Darurat', en: 'Emergency' },
  departure_soon: { id: 'Segera berangkat', en: 'Departure soon' },
  bride_trafficking: { id: 'Perdagangan pengantin', en: 'Bride trafficking' },
  irregular_route: { id: 'Jalur tidak resmi', en: 'Irregular route' },
  scam_compound: { id: 'Online scam', en: 'Online scam' },
  asks_for_help: { id: 'Minta tolong', en: 'Asks for help' },
  afraid: { id: 'Ketakutan', en: 'Afraid' },
  general_info: { id: 'Informasi umum', en: 'General information' },
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
