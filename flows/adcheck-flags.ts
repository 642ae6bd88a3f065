/**
 * Red flags of a job advert, as data (DOMAIN.md §2: Kemnaker's list, the Kalbar modus, the
 * destinations without placement cooperation). A deployer may correct or extend the patterns;
 * each flag's one-sentence explanation lives in `locales/<locale>/adcheck.json` under
 * `adcheck.flag.<id>`. Checked against DOMAIN.md on 2026-11-30.
 *
 * Patterns are regular-expression sources matched against the advert after triage's
 * `normalise()` (lower case; `|` between sentences, `~` between clauses; every doubled letter
 * folded: "tinggi" → `tingi`, "minggu" → `mingu`, "whatsapp" → `whatsap`; negations and
 * "tanpa" → `tidak`; "dulu" → `duluan` (in advance) or `dahulu` (the past); informal spellings
 * mapped: "gak"/"tdk"/"tak" → `tidak`, "usia" → `umur`, "yg" → `yang`; "10.000.000" →
 * `10 000 000`). Write them in that form: a pattern in any other form silently never matches.
 */

export type AdFlagRule = {
  /** Stable id (API, locales, fixtures): snake_case. */
  id: string;
  /** Raised when any of these matches… */
  any: string[];
  /** …and, if given, one of these matches too (anywhere in the advert). */
  with?: string[];
  /** Never raised when one of these matches. */
  unless?: string[];
  /**
   * Extra condition computed from what was read and looked up: no company named; a named company
   * not in the registry; one whose licence is not active; a licence number that belongs to
   * another company. With `any` empty the condition alone raises the flag.
   */
  requires?: 'no_company' | 'unknown_agency' | 'inactive_agency' | 'license_mismatch';
  /** Raised (when `requires` holds) even without a pattern when the advert gives a contact. */
  orIf?: 'contact_given';
};

const fee = `(?:biaya|uang|ongkos|dana) (?:proses|pendaftaran|daftar|berangkat|keberangkatan|pemberangkatan|admin|administrasi|pengurusan|medical|medikal|tiket|visa|pelatihan|penempatan|jaminan|formulir|berkas|seragam|boking)`;
const payVerb = `(?:transfer|tf|trf|bayar|byr|setor|kirim uang|dp|down payment|uang muka|deposit)`;

export const AD_FLAGS: AdFlagRule[] = [
  {
    // Registration/processing fees or a down payment (Ps. 30 UU 18/2017; Kemnaker; [GRID]).
    id: 'upfront_fee',
    any: [
      fee,
      String.raw`\b(?:dp|down payment|uang muka|panjar|cengkeram)\b`,
      String.raw`\b(?:bayar|byr|transfer|tf|setor)\b[^|]{0,40}\b(?:duluan|di muka|didepan|di depan|awal|pendaftaran|daftar|proses)\b`,
      String.raw`\b(?:yuran|bayaran) (?:proses|pendaftaran|permit|visa)`,
    ],
    unless: [String.raw`\b(?:tidak|tidak|bebas|zero|nol) (?:ada )?(?:dipungut )?(?:biaya|potongan|cost|bayaran|yuran)`, String.raw`\bgratis biaya\b`],
  },
  {
    // Payment to a personal account ("a/n Siti", "rekening pribadi") [FAKB].
    id: 'personal_account',
    any: [String.raw`\ba n (?!pt\b|cv\b|yayasan\b|koperasi\b)\p{L}+`, String.raw`\batas nama (?!pt\b|cv\b)\p{L}+`, String.raw`\brek(?:ening)? (?:pribadi|saya|saya|aku)\b`, String.raw`\bke (?:rek|rekening|tidak rek|nomor rek)\b`, String.raw`\b(?:dana|ovo|gopay|go pay|shopepay|shope pay) (?:\d|ke )`],
    with: [payVerb, fee, String.raw`\b(?:biaya|bayar|byr|yuran)\b`],
  },
  {
    // Visit/tourist/umrah-ziarah visas for work [KOM22][OKZ2].
    id: 'wrong_visa',
    any: [
      String.raw`\bvisa (?:kunjungan|turis|turist|tourist|wisata|pelancong|melancong|umroh|umrah|ziarah|holiday|ziarah|visit|on arival|voa|pelajar|student)\b`,
      String.raw`\b(?:tourist|visit|social visit) (?:visa|pas)\b`,
      String.raw`\b(?:pakai|guna|gunakan|mengunakan|dengan|dengan) (?:visa )?(?:umroh|umrah|ziarah|turis|melancong|pelancong|wisata)\b`,
      String.raw`\b(?:paspor|paspor) (?:melancong|pelancong|wisata|turis)\b`,
    ],
  },
  {
    // Unusually high pay with no experience needed (Kemnaker: easy requirements, high pay).
    id: 'high_pay_no_experience',
    any: [String.raw`\b(?:tidak|tidak perlu|tidak butuh|tidak usah|tidak memerlukan|tidak wajib|tidak harus|tidak|tidak ada) (?:pengalaman|pengalman|pengalamn|experience|skil|keahlian|ijazah)\b`, String.raw`\b(?:fresh graduate|tidak berpengalaman|tidak berpengalaman) (?:boleh|bisa|diterima)\b`],
    with: [
      String.raw`\bgaji (?:besar|tingi|fantastis|mengiurkan|tingi sekali|sangat tingi|lumayan besar|jutan|dolar|dolar|usd)\b`,
      String.raw`\b(?:rp )?(?:[89]|[1-9]\d) (?:juta|juta)\b`,
      String.raw`\brp (?:[89]|[1-9]\d) 000 000\b`,
      String.raw`\b(?:usd|\$) ?(?:[89]\d\d|\d \d{3}|\d{4})\b`,
      String.raw`\brm ?(?:[4-9] ?\d{3}|\d{2} ?\d{3})\b`,
      String.raw`\b(?:[89]\d\d|\d ?\d{3}) (?:usd|dolar|dolar)\b`,
      String.raw`\b(?:[4-9] ?\d{3}|\d{2} ?\d{3}) ?(?:ringit|rm)\b`,
    ],
  },
  {
    // "Any age" or minors (child = under 18, UU 35/2014; ages falsified [KEEPO]).
    id: 'age_any_or_minor',
    any: [
      String.raw`\bumur (?:tidak (?:masalah|dibatasi|dibatas|penting|jadi masalah|ada batas|kisah|apa apa)|bebas|berapa saja|berapapun|tidak had|tidak masalah)`,
      String.raw`\bsemua umur\b`,
      String.raw`\b(?:umur|min umur|minimal umur|umur min|umur minimal) (?:1[0-7])\b`,
      String.raw`\b(?:lulusan|lulus|tamat|tamatan) (?:sd|smp|sltp)\b[^|]{0,30}\b(?:boleh|bisa|diterima)\b`,
      String.raw`\b(?:anak|remaja) (?:umur|umur )?(?:1[0-7])\b`,
      String.raw`\bbawah umur\b`,
    ],
  },
  {
    // Departure within days: no time for the legal steps (orientation, contract, work visa).
    id: 'quick_departure',
    any: [
      String.raw`\b(?:langsung|cepat|segera|terus|lgsg|lsg) (?:berangkat|berangkat|terbang|kerja|jalan)\b`,
      String.raw`\b(?:berangkat|berangkat|terbang|jalan) (?:mingu ini|besok|lusa|secepatnya|cepat|langsung|segera|hari ini|mingu depan|mingu dpn|mingu depan|mingu dpn|dalam (?:\d|satu|dua|tiga|semingu|beberapa) ?(?:hari|mingu)?)\b`,
      String.raw`\bproses (?:cepat|kilat|singkat|sehari|\d hari|semingu)\b`,
      String.raw`\b(?:\d|satu|dua|tiga) hari (?:langsung |sudah |sudah |terus )?(?:berangkat|terbang|kerja)\b`,
      String.raw`\btidak (?:menungu|tungu) lama\b`,
    ],
  },
  {
    // No written contract or job order (Ps. 59 UU 18/2017: demand letter and contract).
    id: 'no_contract',
    any: [
      String.raw`\b(?:tidak|tidak ada|tidak perlu|tidak pakai|tidak usah|tidak) (?:surat )?(?:kontrak|perjanjian|job order|jo\b|demand leter)`,
      String.raw`\bkontrak (?:menyusul|nanti|di sana|disana|di sini|belakangan|setelah sampai)\b`,
      String.raw`\b(?:tidak|without) (?:contract|job order)\b`,
    ],
  },
  {
    // An individual or a social-media account instead of a licensed P3MI [KOM22].
    id: 'individual_recruiter',
    any: [
      String.raw`\b(?:japri|inbox|inbok|dm|pm|chat|wa|whatsap|hubungi|hub|kontak|cal|sms|telp)\b`,
      String.raw`\b(?:facebok|fb|tiktok|instagram|ig|telegram)\b`,
      String.raw`\b(?:calo|sponsor|agen|tekong|taikong)\b`,
    ],
    requires: 'no_company',
    orIf: 'contact_given',
  },
  {
    // Online "customer service"/"operator"/"admin" jobs in the scam-compound countries [TEMPO][TRIB23].
    id: 'scam_compound_job',
    any: [
      String.raw`\b(?:customer service|cs|operator|admin|administrasi online|telemarketing|marketing online|typist|input data|data entry|penerjemah|translator|it|programer|game online|crypto|kripto|investasi|scamer|chating|ketik|online|kasino|casino|judi)\b`,
      String.raw`\bkerja (?:di depan )?(?:laptop|komputer|online|hp)\b`,
    ],
    with: [String.raw`\b(?:kamboja|cambodia|kemboja|phnom penh|sihanoukvile|myanmar|burma|myawady|myawadi|laos|thailand|thailan|bangkok|mae sot|perbatasan thailand|golden triangle|segitiga emas)\b`],
  },
  {
    // Destinations without placement cooperation with Indonesia [MMK].
    id: 'no_placement_country',
    any: [String.raw`\b(?:kamboja|cambodia|kemboja|phnom penh|sihanoukvile|myanmar|burma|myawady|myawadi|laos|thailand|thailan|bangkok|mae sot)\b`],
  },
  {
    // Unofficial crossings ("jalan tikus", Jalan Patoka, Sekayam, Badau) [MPUT][P2P][KHAT].
    id: 'unofficial_route',
    any: [
      String.raw`\bjalan tikus\b`,
      String.raw`\b(?:jalur|jalan|lewat|via) (?:belakang|hutan|tidak resmi|gelap|potong|samping|sungai|kebun)\b`,
      String.raw`\b(?:tidak|tidak) (?:lewat )?(?:plbn|imigrasi|cop paspor|cap paspor|pos)\b`,
      String.raw`\bjalan patoka\b`,
      String.raw`\b(?:tidak|tidak) (?:perlu |usah |pakai )?(?:cop|cap) paspor\b`,
    ],
  },
  {
    // Work without a permit in Malaysia ("kerja kosongan"), visa-free entry as a visitor [KTT][RIAU].
    id: 'no_work_permit',
    any: [
      String.raw`\bkosongan\b`,
      String.raw`\b(?:tidak|tidak perlu|tidak usah|tidak pakai|tidak ada|tidak) (?:pakai |guna |ada |perlu )?(?:permit|work permit|permit kerja|izin kerja|visa kerja|caling visa|paspor|paspor|dokumen)\b`,
      String.raw`\b(?:bebas visa|fre visa|fre visa|visa fre) (?:kerja|langsung kerja|malaysia|30 hari)?`,
      String.raw`\b(?:permit|izin kerja|visa kerja) (?:menyusul|nanti|diurus di sana|diurus disana|urus di sana|belakangan)\b`,
      String.raw`\bcukup (?:paspor|ktp|paspor)\b`,
    ],
  },
  {
    // Requests for secrecy: isolates the person from help.
    id: 'secrecy',
    any: [
      String.raw`\b(?:jangan|jgn|tidak usah|tidak perlu) (?:bilang|kasih tahu|kasih tau|cerita|lapor|beritahu|beri tahu|memberitahu|bagitau|bagi tahu|share|sebar)`,
      String.raw`\b(?:rahasiakan|dirahasiakan|rahasia|diam diam|rahsia|rahsiakan|senyap senyap)\b`,
      String.raw`\bkep (?:it )?(?:secret|quiet)\b`,
    ],
  },
  {
    // Passport or documents kept by the agent or employer (commonly cited).
    id: 'passport_held',
    any: [String.raw`\b(?:paspor|paspor|paspor|dokumen|ktp) (?:akan |nanti )?(?:disimpan|dipegang|ditahan|dititip|dititipkan) (?:oleh )?(?:agen|perusahan|majikan|bos|kami|sponsor|bos)`],
  },
  {
    // Contract marriage / mail-order brides, a Kalbar modus [KUMK2][TRIBP].
    id: 'marriage_offer',
    any: [String.raw`\b(?:kawin kontrak|nikah kontrak|pengantin pesanan|dicarikan jodoh|cari jodoh|menikah dengan (?:pria|lelaki|orang) (?:china|cina|tiongkok|taiwan)|calon suami (?:china|cina|taiwan))\b`],
  },
  {
    // Personal documents asked for straight away through chat (Kemnaker).
    id: 'documents_by_chat',
    any: [String.raw`\b(?:kirim|kirimkan|kirimin|send) (?:foto |scan |fotokopi )?(?:ktp|k|kartu keluarga|paspor|paspor|ijazah|data diri|foto diri|selfie)\b`],
    with: [String.raw`\b(?:wa|whatsap|inbox|dm|japri|chat|telegram)\b`],
  },
  {
    // A named company that is not in the registry of licensed P3MI (not proof of a crime).
    id: 'agency_not_in_registry',
    any: [],
    requires: 'unknown_agency',
  },
  {
    // A named company whose licence is suspended, revoked or expired.
    id: 'agency_inactive',
    any: [],
    requires: 'inactive_agency',
  },
  {
    // A licence number that the registry gives to a different company: impostors copy numbers.
    id: 'license_mismatch',
    any: [],
    requires: 'license_mismatch',
  },
];
