/**
 * Triage reasons as words officers read (group alert, private details, dashboard, CSV) — never
 * ids. The scorer's own `reasonText(id, locale)` (`src/triage/indicators.ts`, issue #13a) replaces
 * this local table once it lands on main: every reader imports from here, so the switch is one
 * line (keep this table only as a fallback for reason ids stored by older versions).
 *
 * ```ts
 * reasonText('danger_now', 'id'); // 'ada yang dalam bahaya sekarang'
 * reasonText('retention_of_documents', 'en'); // 'identity documents withheld'
 * ```
 */

export type ReasonLocale = 'id' | 'en';

const WORDS: Record<string, [id: string, en: string]> = {
  // Structured answers and the emergency path.
  danger_now: ['ada yang dalam bahaya sekarang', 'someone in danger now'],
  danger_now_unsure: ['mungkin dalam bahaya', 'possibly in danger'],
  emergency: ['darurat (SOS)', 'emergency (SOS)'],
  departure_soon: ['segera berangkat', 'leaving very soon'],
  departure_weeks: ['berangkat dalam beberapa minggu', 'leaving within weeks'],
  minor: ['anak di bawah umur', 'a minor is involved'],
  minor_unsure: ['mungkin anak di bawah umur', 'possibly a minor'],
  passport_held: ['paspor ditahan', 'passport withheld'],
  passport_held_unsure: ['mungkin paspor ditahan', 'passport possibly withheld'],
  already_abroad: ['sudah di luar negeri', 'already abroad'],
  where_transit: ['sedang di titik transit (perbatasan, bandara, pelabuhan)', 'at a transit point (border, airport, harbour)'],
  where_holding_house: ['di penampungan / rumah agen', 'in a holding house'],
  where_abroad: ['di luar negeri', 'abroad'],
  group: ['beberapa orang sekaligus', 'several people together'],
  // ILO forced-labour indicators and trafficking-specific signals (DOMAIN.md §5).
  abuse_of_vulnerability: ['memanfaatkan kerentanan', 'abuse of vulnerability'],
  deception: ['penipuan / janji palsu', 'deception'],
  restriction_of_movement: ['dikurung / tidak boleh pergi', 'restricted movement'],
  isolation: ['diisolasi / tidak boleh menghubungi keluarga', 'isolation'],
  physical_sexual_violence: ['kekerasan fisik atau seksual', 'physical or sexual violence'],
  intimidation_threats: ['intimidasi / ancaman', 'intimidation and threats'],
  retention_of_documents: ['dokumen identitas ditahan', 'identity documents withheld'],
  withholding_wages: ['gaji ditahan / tidak dibayar', 'wages withheld'],
  debt_bondage: ['jeratan utang', 'debt bondage'],
  abusive_conditions: ['kondisi kerja/tinggal tidak layak', 'abusive working and living conditions'],
  excessive_overtime: ['jam kerja berlebihan', 'excessive overtime'],
  imminent_departure: ['akan segera diberangkatkan', 'imminent departure'],
  transit_holding: ['ditampung di penampungan / titik transit', 'held in transit or a holding house'],
  non_procedural_route: ['jalur/visa tidak resmi', 'non-procedural route or visa'],
  marriage_brokering: ['perjodohan / pengantin pesanan', 'marriage brokering'],
  sexual_exploitation: ['eksploitasi seksual', 'sexual exploitation'],
  forced_criminality: ['dipaksa melakukan kejahatan (mis. penipuan online)', 'forced criminality (e.g. online scams)'],
  loss_of_contact: ['hilang kontak', 'loss of contact'],
  group_movement: ['rombongan dipindahkan bersama', 'group moved together'],
  help_request: ['minta tolong', 'asks for help'],
  // Earlier reason ids still stored on older tips.
  confinement: ['disekap/dikurung', 'confined'],
  violence: ['kekerasan', 'violence'],
  threatened: ['diancam', 'threatened'],
  forced_labour: ['kerja paksa', 'forced labour'],
  sold: ['diperjualbelikan', 'sold'],
  ransom: ['tebusan', 'ransom demanded'],
  cannot_leave: ['tidak bisa pulang', 'cannot go home'],
  irregular_route: ['jalur ilegal', 'irregular route'],
  scam_compound: ['sindikat penipuan online', 'online-scam compound'],
  bride_trafficking: ['pengantin pesanan', 'bride trafficking'],
  risky_place: ['tempat berisiko', 'high-risk place'],
  lost_contact: ['hilang kontak', 'lost contact'],
  afraid: ['ketakutan', 'afraid'],
  asks_for_help: ['minta tolong', 'asks for help'],
  past_event: ['kejadian lampau', 'past event'],
  resolved: ['sudah teratasi', 'already resolved'],
  general_info: ['informasi umum', 'general information'],
};

/** The words for a reason id in `locale`; an unknown id reads as its words (`foo_bar` → `foo bar`). */
export function reasonText(id: string, locale: ReasonLocale = 'id'): string {
  const w = WORDS[id];
  if (w) return locale === 'en' ? w[1] : w[0];
  return id.replace(/_/g, ' ');
}

/** Several reasons as one readable line, e.g. for a CSV cell. */
export function reasonsText(ids: readonly string[], locale: ReasonLocale = 'id'): string {
  return ids.map((id) => reasonText(id, locale)).join('; ');
}
