/**
 * Urgency signals as data, grouped by indicator (see `indicators.ts`). A deploying office can
 * read and correct them without touching the scorer.
 *
 * How phrases are read: every phrase goes through the same normaliser as the message, so any
 * spelling in `SPELLINGS`/`NEGATIONS` (lexicon.ts) may be used and they all mean the same token
 * ("gak bisa pulang" = "tdk bs plg" = "ndak bise balek"). A word ending in `*` matches any word
 * starting with it ("dipukul*" matches "dipukuli", "dipukulin"); a lone `_` matches any one word.
 * Write patterns of the language (a verb and its forms, a noun with its verbs), not sentences.
 *
 * Each indicator counts once per tip, with the weight of its strongest matching signal; the
 * reason shown to officers is the indicator's (`REASONS` in indicators.ts). Weights are chosen so
 * that one strong signal (locked up, beaten, threatened, a child, sexual exploitation) reaches
 * the threshold alone, and context signals (a route, a date, a group, a place) only together.
 */
import type { IndicatorId } from './indicators.js';
import { CONTEXT_SIGNALS, NOT_A_CASE_PHRASES, NOT_A_CASE_UNLESS, PAST_YEARS, RESOLVED_MORE } from './signals-context.js';
import { GENERAL_SIGNALS } from './signals-general.js';
import { INDIRECT_SIGNALS, NOT_A_CASE_INDIRECT, RESOLVED_INDIRECT } from './signals-indirect.js';
import { NOT_A_CASE_RELAYED, RELAYED_SIGNALS, RESOLVED_RELAYED, SUPPOSED_IS_REAL } from './signals-relayed.js';
import { VARIANT_SIGNALS } from './signals-variants.js';

/** Two word lists that count when a word of each occurs within `window` words of the other. */
export interface NearRule {
  a: readonly string[];
  b: readonly string[];
  window: number;
  /** When true, `a` must come before `b` ("20 orang", not "orang 20 tahun"). */
  ordered?: boolean;
}

/** One signal: what it matches, what it means and how much it weighs. */
export interface Signal {
  /** The indicator id, or a context reason id (`risky_place`, `scam_destination`) or a lowering one. */
  reason: IndicatorId | 'risky_place' | 'scam_destination';
  /** Points added once when the reason matches (its strongest signal counts). */
  weight: number;
  /** Roots whose affixed verb forms count ("siksa": disiksa, menyiksa, disiksanya); see `stem.ts`. */
  stems?: readonly string[];
  /** Contiguous phrases. */
  phrases?: readonly string[];
  /** Co-occurrence rules for signals whose words are often split ("paspor saya ditahan"). */
  near?: readonly NearRule[];
  /** When false, a negation before it does not cancel it. Default true. */
  negatable?: boolean;
  /** The match is dropped when one of these phrases is in the same clause ("paspor saya pegang sendiri"). */
  notWith?: readonly string[];
  /** After a conditional ("kalau …") or a future marker ("akan", "will") it is a threat of harm. */
  threatWhenConditional?: boolean;
  /** Counts only as a threat (conditional or future), never on its own ("akan dijual"). */
  threatOnly?: boolean;
}

/** Words a time signal must stand near to mean a departure (imminence). */
export const MOVEMENT_WORDS: readonly string[] = [
  'berangkat', 'diberangkatkan', 'keberangkatan', 'dikirim', 'kirim', 'pergi', 'nyebrang', 'menyeberang', 'nyeberang',
  'diseberangkan', 'menyeberangkan', 'dibawa', 'bawa', 'membawa', 'terbang', 'dijemput', 'jemput', 'bertolak', 'masuk',
  'dipindah*', 'lewat jalan', 'lewat jalur', 'flight', 'fly', 'flying', 'leave', 'leaving', 'depart*', 'sent', 'send', 'cross*',
  'taken', 'taking', 'smuggled', 'brought', 'moved', 'shipped', 'diterbangkan', 'driven', 'transported', 'diangkut', 'diantar', 'naik kapal', 'naik speedboat', 'naik bus', 'naik van',
  'memberangkatkan', 'naik pesawat', 'left',
];

/** Time words that make a movement imminent: today, tonight, tomorrow, within days. */
export const SOON_WORDS: readonly string[] = [
  'besok', 'sekarang', 'lusa', 'subuh', 'segera', 'malam ini', 'nanti malam', 'malam nanti', 'hari ini', 'pagi ini', 'sore ini',
  'siang ini', 'malam tok', 'pagi tok', 'hari tok', 'minggu ini', 'minggu depan', 'sebentar lagi', 'tonight', 'tomorrow', 'now', 'today', 'this evening',
  'this week', 'next week', 'day after tomorrow', 'soon', 'right now', 'pagi tadi',
  'senin ini', 'selasa ini', 'rabu ini', 'kamis ini', 'jumat ini', 'sabtu ini', 'this monday', 'this tuesday',
  'this wednesday', 'this thursday', 'this friday', 'this saturday', 'this sunday', 'kinian', 'kejap lagi',
  'on monday', 'on tuesday', 'on wednesday', 'on thursday', 'on friday', 'on saturday', 'on sunday', 'before dawn',
  'sebelum subuh', 'dini hari', 'this morning', 'this afternoon', 'tadi pagi', 'midnight', 'tengah malam', 'nanti pagi',
  'nanti siang', 'nanti sore', 'jam _ malam',
];

const HARM_VERBS = [
  'dipukul*', 'pukul', 'memukul*', 'mukul*', 'kena pukul', 'dianiaya', 'aniaya', 'penganiayaan', 'disiksa', 'siksa',
  'kena siksa', 'penyiksaan', 'ditendang*', 'ditampar*', 'disetrum', 'setrum', 'dicambuk', 'disiram air panas',
  'dihajar', 'digebuk*', 'dikeroyok', 'dilepok', 'lepok', 'kena lepok', 'kena palu', 'dipalu', 'palu', 'dibunuh',
  'bunuh', 'kena bunuh', 'disakiti', 'menyakiti',
  'beaten', 'beat', 'beating', 'hit', 'hits', 'kicked', 'slapped', 'tortured', 'torture', 'electrocuted', 'electric shock',
  'assaulted', 'hurt', 'kill', 'killed', 'punished', 'menyiksa', 'memukuli', 'menganiaya',
  'menampar', 'menendang', 'melukai', 'membunuh', 'mencambuk', 'cambukan', 'burned her', 'burned him',
];

/** The core signals, by indicator. */
const CORE_SIGNALS: readonly Signal[] = [
  // ---------------------------------------------------------------- ILO indicators
  {
    reason: 'restriction_of_movement',
    weight: 55,
    stems: ['sekap', 'kurung', 'sandera', 'culik', 'gembok', 'kurungin'],
    phrases: [
      'disekap', 'sekap*', 'penyekapan', 'menyekap', 'dikurung', 'terkurung', 'kena kurung', 'kurung', 'dikunci*',
      'terkunci', 'kunci pintu', 'pintu dikunci', 'di lock', 'lock the gate', 'disandera', 'diculik', 'dijaga ketat',
      'jaga ketat', 'dijaga satpam', 'dijaga orang bersenjata',
      'tidak boleh keluar', 'tidak bisa keluar', 'tidak dapat keluar', 'tidak dikasih keluar', 'tidak diizinkan keluar',
      'tidak diijinkan keluar', 'dilarang keluar', 'tidak kasih keluar', 'tidak bagi keluar', 'tidak pernah diizinkan keluar',
      'tidak boleh pulang', 'tidak bisa pulang', 'tidak dapat pulang', 'tidak dikasih pulang', 'tidak diizinkan pulang',
      'dilarang pulang', 'tidak kasih pulang', 'tidak bagi pulang', 'tidak boleh pergi', 'tidak boleh berhenti',
      'tidak bisa kabur', 'tidak boleh turun', 'tidak bisa turun', 'tidak mengizinkan _ turun', 'tidak bagi turun',
      'baru boleh pulang', 'baru boleh keluar', 'baru bisa pulang', 'sebelum lunas', 'sebelum bayar', 'sebelum target',
      'terjebak', 'stuck', 'ditahan di penampungan', 'ditahan di mes', 'ditahan di rumah',
      'locked', 'locked up', 'locked in', 'confined', 'held captive', 'kidnapped', 'trapped', 'kept inside',
      'not allowed to leave', 'can not leave', 'can not go home', 'can not go out', 'will not let', 'not let _ go',
      'not let _ out', 'never leaves', 'never let', 'not allowed to go', 'until it is repaid', 'until i pay',
      'can not return', 'won t let', 'before can go home', 'before _ can go home', 'before _ can leave',
      'ingin kabur', 'mau kabur', 'pengen kabur', 'coba kabur', 'mencoba kabur', 'try to run away', 'want to escape',
    ],
    threatWhenConditional: true,
  },
  {
    reason: 'physical_sexual_violence',
    weight: 60,
    stems: [
      'pukul', 'aniaya', 'siksa', 'tendang', 'tampar', 'cambuk', 'setrum', 'hajar', 'gebuk', 'keroyok', 'lepok', 'perkosa',
      'leceh', 'cabul', 'tinju', 'cekik', 'jambak', 'sundut', 'tusuk', 'bunuh', 'belasah', 'tumbuk', 'hentam', 'sepak', 'injak',
    ],
    phrases: [...HARM_VERBS, 'diperkosa', 'perkosa', 'pemerkosaan', 'dilecehkan', 'pelecehan', 'raped', 'rape', 'molested', 'sexually abused'],
    notWith: ['dipukul rata'],
    threatWhenConditional: true,
  },
  {
    reason: 'intimidation_threats',
    weight: 55,
    stems: ['ancam', 'ugut', 'intimidasi', 'gertak', 'teror'],
    phrases: [
      'diancam', 'ancam', 'mengancam', 'ancaman', 'terancam', 'diintimidasi', 'intimidasi', 'menakut nakuti',
      'akan dilaporkan ke polisi', 'report ke police', 'reported to immigration', 'disebarkan fotonya', 'dibakar',
      'threatened', 'threaten*', 'threat', 'intimidated', 'dalam bahaya', 'in danger', 'take our land',
    ],
  },
  {
    reason: 'intimidation_threats',
    weight: 55,
    phrases: ['dijual', 'dijual lagi', 'jual', 'sold', 'being sold'],
    threatOnly: true,
  },
  {
    reason: 'retention_of_documents',
    weight: 40,
    phrases: [
      'paspor ditahan', 'paspor disita', 'paspor dipegang', 'paspor dirampas', 'paspor disimpan', 'paspor dikumpulkan',
      'tahan paspor', 'menahan paspor', 'pegang paspor', 'hold paspor', 'holding paspor', 'dokumen ditahan',
      'dokumen disita', 'ktp ditahan', 'ktp disita', 'permit ditahan',
    ],
    near: [
      {
        a: ['paspor', 'paspornya', 'dokumen', 'dokumennya', 'ktp', 'permit'],
        b: [
          'ditahan', 'disita', 'dirampas', 'dipegang', 'disimpan', 'dikumpulkan', 'menahan', 'memegang', 'diambil',
          'kena simpan', 'kena ambil', 'simpan', 'pegang', 'hold', 'holding', 'holds', 'kept', 'keeps', 'keep', 'took', 'taken',
          'confiscated', 'confiscate', 'withheld', 'di confiscate', 'sita', 'rampas', 'tahan', 'di tangan',
        ],
        window: 5,
      },
    ],
    notWith: [
      'sendiri', 'sndri', 'own', 'myself', 'has her passport', 'has his passport', 'bisa minta', 'urus permit', 'saya pegang', 'aku simpan', 'aku pegang', 'i keep', 'i hold', 'melanggar', 'kalau _ menahan', 'if an employer',
      'siapa', 'mau tanya', 'ditahan imigrasi', 'disita imigrasi', 'by immigration',
    ],
  },
  {
    reason: 'isolation',
    weight: 30,
    phrases: [
      'hp disita', 'hp diambil', 'hp ditahan', 'hp dirampas', 'hp dikumpulkan', 'hp kena ambil', 'hp kena simpan',
      'tidak boleh pegang hp', 'tidak boleh pakai hp', 'tidak boleh telepon', 'tidak boleh menelepon', 'tidak boleh menghubungi',
      'dilarang menghubungi', 'tidak boleh berbicara', 'diam diam', 'sembunyi sembunyi', 'pakai hp teman', 'pake hp teman',
      'hp teman', 'hp kawan', 'tidak ada sinyal', 'no signal', 'took her hp', 'took his hp', 'took my hp', 'took their hp',
      'hp taken', 'hp di confiscate', 'secretly', 'in secret', 'remote camp', 'while the employer listens', 'once a month',
      'tidak bisa menghubungi keluarga', 'tidak bisa nelpon', 'tidak bisa telepon',
    ],
    near: [
      {
        a: ['hp'],
        b: [
          'disita', 'diambil', 'dirampas', 'dikumpulkan', 'ditahan', 'disimpan', 'confiscated', 'confiscate', 'taken', 'kena rampas',
          'kena sita', 'kena ambil',
        ],
        window: 4,
      },
    ],
  },
  {
    reason: 'withholding_wages',
    weight: 25,
    phrases: [
      'gaji tidak dibayar', 'tidak dibayar', 'tidak digaji', 'tanpa gaji', 'tanpa upah', 'gaji ditahan', 'gaji belum dibayar',
      'gaji tidak masuk', 'tidak dibayar gaji', 'belum dibayar', 'gaji dipotong', 'upah dipotong', 'potong gaji', 'no salary',
      'no pay for', 'no wages', 'not paid', 'unpaid', 'wages withheld', 'wages are kept', 'without pay', 'have not paid', 'denda gaji', 'was not paid', 'tanpa bayaran',
    ],
    near: [
      {
        a: ['gaji', 'gajinya', 'upah', 'wages', 'salary', 'pay'],
        b: ['tidak dibayar', 'ditahan', 'menahan', 'tidak masuk', 'withheld', 'kept', 'dipotong', 'telat', 'lambat', 'late', 'delay', 'terlambat'],
        window: 4,
      },
    ],
  },
  {
    reason: 'debt_bondage',
    weight: 30,
    stems: ['utang', 'hutang'],
    phrases: [
      'jeratan utang', 'jerat utang', 'bayar utang', 'utang', 'hutang', 'berutang', 'owe', 'owes', 'debt', 'pinjaman',
      'lent', 'potong gaji nanti', 'ganti rugi', 'until it is repaid', 'repaid',
    ],
    notWith: ['melunasi utang rumah'],
  },
  {
    reason: 'deception',
    weight: 25,
    stems: ['janji', 'bohong'],
    phrases: [
      'ditipu', 'tertipu', 'menipu kami', 'dijanjikan', 'dijanjikan kerja', 'janji', 'janjinya', 'iming iming', 'diiming iming',
      'dibujuk', 'ternyata bukan', 'rupanya bukan', 'bukan visa kerja', 'bukan working visa', 'dinaikkan', 'bayar duluan',
      'deposit duluan', 'uang duluan', 'duit duluan', 'rekening pribadi', 'registration fee', 'fee first', 'pay _ fee first', 'bukan di pabrik', 'tidak sesuai', 'tidak seperti dijanjikan',
      'tanpa kontrak', 'tidak ada kontrak', 'tanpa kontrak tertulis', 'gaji besar', 'gaji besak', 'gaji tinggi',
      'umur diganti', 'ganti umur', 'palsu', 'dipalsukan', 'promised', 'deceived', 'tricked', 'lured',
      'no contract', 'not a work visa', 'instead of', 'turned out', 'visa lawatan', 'not what', 'easy jobs', 'fake',
      'mencari budak', 'cari budak',
    ],
    near: [
      {
        a: ['ternyata', 'rupanya', 'turned out', 'found out'],
        b: ['bukan', 'dipaksa', 'disuruh', 'dibawa', 'dipekerjakan', 'dijadikan', 'kerja', 'visa', 'not'],
        window: 3,
      },
      { a: ['katanya', 'dijanjikan', 'janji', 'promised'], b: ['tapi', 'but', 'ternyata', 'rupanya'], window: 6 },
      {
        a: ['customer service', 'admin', 'operator', 'marketing', 'penerjemah', 'translator', 'job', 'kerja', 'direkrut', 'ditawari'],
        b: ['kamboja', 'cambodia', 'myanmar', 'laos', 'thailand', 'philippines', 'myawaddy', 'phnom penh', 'sihanoukville', 'bangkok', 'manila'],
        window: 4,
      },
    ],
    notWith: ['kalau', 'apakah', 'is this', 'is that', 'wajar', 'kantor imigrasi'],
  },
  {
    reason: 'abuse_of_vulnerability',
    weight: 15,
    phrases: [
      'yatim', 'yatim piatu', 'janda', 'miskin', 'putus sekolah', 'tidak bisa baca', 'tidak paham bahasa', 'orphan', 'orphans',
      'widows', 'no money', 'does not speak', 'tanpa sepengetahuan', 'tidak tahu apa apa', 'terpaksa', 'budak budak miskin',
      'orang tua tidak tahu', 'ortunya tidak tahu', 'parents do not know',
    ],
    notWith: ['keluarga kami miskin dan saya ingin'],
  },
  {
    reason: 'abusive_conditions',
    weight: 25,
    phrases: [
      'tidak dikasih makan', 'tidak diberi makan', 'tidak dikasih mkn', 'makan sekali', 'makan seadanya', 'makan cuma',
      'tidur di lantai', 'tidur di dapur', 'tidur di gudang', 'tanpa kasur', 'tidak ada air bersih', 'air kotor',
      'sakit tidak diobati', 'tidak diberi makan cukup', 'tidak diberi makan yang layak', 'kontainer',
      'no food', 'barely any food', 'rotten', 'dirty', 'sleep on the floor', 'no clean water', 'sleeping on the floor',
    ],
  },
  {
    reason: 'excessive_overtime',
    weight: 20,
    phrases: [
      'jam sehari', 'hours a day', 'tanpa libur', 'tidak ada libur', 'tanpa hari libur', 'no day off', 'no off day', 'no rest',
      'siang malam', 'subuh sampai', 'pagi sampai tengah malam', 'sampai tengah malam', 'nonstop', 'seven days a week',
      'tiap hari tanpa', 'dari subuh', 'to midnight', 'until midnight', 'berhari hari di laut', 'sampai jam 11 malam',
      'sampai jam 12 malam', 'sampai jam 12', 'sampai jam 1 pagi', 'sampai jam 2 pagi',
    ],
    near: [{ a: ['kerja', 'bekerja', 'work'], b: ['16 jam', '18 jam', '20 jam', '18', '20', 'sixteen', 'twenty'], window: 3 }],
    notWith: ['tapi dibayar', 'tapi gaji', 'dibayar kok', 'get paid', 'uang lembur', 'bisa pulang'],
  },
  // ---------------------------------------------------------------- trafficking-specific
  {
    reason: 'sexual_exploitation',
    weight: 60,
    phrases: [
      'melayani tamu', 'layani tamu', 'layan tamu', 'menemani tamu', 'temani tamu', 'dijadikan psk', 'psk', 'pelacur*',
      'prostitusi', 'dilacurkan', 'pekerja seks', 'open bo', 'pijat plus', 'jadi lc', 'lc di karaoke', 'escort',
      'forced prostitution', 'forced into prostitution', 'prostitut*', 'sexual exploitation', 'offered to customers',
      'melayani teman', 'dijual untuk', 'dijual ke tempat karaoke', 'jual ke pub', 'hiburan malam',
    ],
  },
  {
    reason: 'forced_criminality',
    weight: 50,
    phrases: [
      'dipaksa menipu', 'disuruh menipu', 'menipu orang', 'tipu orang', 'kerja scam', 'scammer', 'perusahaan scam',
      'perusahaan penipuan', 'penipuan online', 'penipuan investasi', 'judi online', 'scam compound', 'romance scam',
      'scam people', 'run romance scams', 'target harian', 'daily target', 'capai target', 'target tercapai', 'miss the',
      'jadi scammer', 'polah kerja scam', 'the compound', 'target tidak tercapai', 'tidak capai target',
      'tidak dapat target', 'tidak tercapai', 'untuk menipu',
    ],
  },
  {
    reason: 'scam_destination',
    weight: 15,
    phrases: [
      'kamboja', 'cambodia', 'myawaddy', 'myanmar', 'laos', 'sihanoukville', 'poipet', 'bavet', 'phnom penh', 'kk park',
      'shwe kokko', 'segitiga emas', 'golden triangle', 'philippines', 'filipina', 'thailand',
    ],
    negatable: false,
  },
  {
    reason: 'minor',
    weight: 50,
    phrases: [
      'bawah umur', 'di bawah umur', 'dibawah umur', 'belum cukup umur', 'underage', 'under 18', 'masih anak anak', 'anak kecil',
      'umur dipalsukan', 'umur dinaikkan', 'umur dituakan', 'memalsukan umur', 'umur diganti', 'umur palsu', 'fake age',
      'changed _ birth date', 'a minor', 'di bawah 18', 'anak sekolah', 'masih sekolah',
    ],
  },
  {
    reason: 'marriage_brokering',
    weight: 40,
    phrases: [
      'pengantin pesanan', 'kawin kontrak', 'nikah kontrak', 'dijodohkan', 'dinikahkan', 'dikawinkan', 'mak comblang',
      'makcomblang', 'comblang', 'agen jodoh', 'biro jodoh', 'perantara', 'mail order bride', 'as a bride', 'married off',
      'marriage broker', 'matchmaker', 'contract marriage', 'di match',
    ],
    notWith: ['apakah', 'legal'],
  },
  {
    reason: 'imminent_departure',
    weight: 30,
    phrases: ['flight malam ini', 'flight next week'],
    near: [{ a: SOON_WORDS, b: MOVEMENT_WORDS, window: 10 }],
    notWith: [
      'jenguk', 'berobat', 'medical', 'holiday', 'liburan', 'jalan jalan', 'kondangan', 'ujian', 'kuliah', 'umroh', 'umrah',
      'dokumen lengkap', 'documents are in order', 'dokumen complete', 'paspor lengkap', 'semua dokumen', 'cara berangkat',
      'sampai sekarang', 'bulan lalu', 'minggu lalu', 'tahun lalu', 'hari lalu', 'ago', 'last month', 'last week', 'sudah pindah',
      'dahulu', 'setiap minggu', 'every week', 'visa kerja sudah', 'sudah ada visa kerja', 'with my work visa', 'lewat pt resmi',
      'pt nya resmi', 'p3mi resmi', 'gtog', 'g2g', 'program resmi', 'menghadiri', 'pernikahan saudara', 'acara keluarga',
      'sekeluarga', 'pulang kampung', 'mudik', 'tiap hari', 'setiap hari', 'semua dokumen', 'paspor lengkap', 'ziarah', 'cpmi resmi', 'ltsa',
    ],
  },
  {
    reason: 'transit_holding',
    weight: 30,
    phrases: [
      'otw', 'on the way', 'sudah di jalan', 'dalam perjalanan', 'penampungan', 'ditampung', 'rumah singgah', 'rumah transit', 'transit house', 'holding house', 'mess agen',
      'mess dekat', 'mess deket', 'mess pt', 'mess agen', 'mess perusahaan', 'sedang di pelabuhan', 'di pelabuhan', 'di bandara', 'di terminal', 'at the harbour',
      'at the airport', 'at the border', 'border post', 'near the border', 'dekat perbatasan', 'waiting for a boat',
      'menunggu diseberangkan', 'menunggu dikirim', 'nunggu dikirim', 'menunggu diberangkatkan', 'shophouse',
      'sudah di entikong', 'sudah di aruk', 'sudah di badau', 'sudah di batam', 'sudah di nunukan', 'lagi di entikong',
      'lagi di tebedu', 'masih di entikong', 'di tebedu', 'at tebedu', 'sudah di perbatasan', 'sekarang di perbatasan',
    ],
    notWith: ['jemput ibu', 'umroh', 'program magang resmi', 'work visa and contract', 'visa kerja lengkap', 'visa kerja sudah', 'visa kerja ada'],
  },
  {
    reason: 'non_procedural_route',
    weight: 25,
    stems: ['selundup', 'seludup'],
    phrases: [
      'jalan tikus', 'jalur tikus', 'rat route', 'lewat hutan', 'jalan hutan', 'ikut hutan', 'through the jungle', 'jalan setapak',
      'jalur ilegal', 'jalur gelap', 'jalur tidak resmi', 'jalur belakang', 'lewat belakang', 'tidak resmi', 'non prosedural',
      'tanpa paspor', 'tidak pakai paspor', 'tidak ada paspor', 'no paspor', 'without paspor', 'tanpa dokumen', 'tanpa permit',
      'tidak punya visa kerja', 'tanpa visa kerja', 'tanpa visa', 'visa turis', 'visa kunjungan', 'visa wisata', 'visa lawatan',
      'visa ziarah', 'tourist visa', 'visit visa', 'bukan visa kerja', 'not a work visa', 'kerja kosongan', 'calling visa',
      'smuggled', 'smuggl*', 'tekong', 'undocumented', 'lewat tikus', 'visa on arrival', 'bebas visa',
      'sponsor', 'calo',
    ],
    notWith: ['apakah', 'is it', 'can a', 'bisa dipakai', 'legal tidak', 'legal gak', 'mau tanya'],
  },
  {
    reason: 'loss_of_contact',
    weight: 40,
    phrases: [
      'hilang kontak', 'putus kontak', 'kehilangan kontak', 'lost contact', 'no contact', 'tidak bisa dihubungi',
      'tidak dapat dihubungi', 'tidak bisa hubungi', 'tidak ada kabar', 'tidak ada kabarnya', 'tanpa kabar', 'menghilang',
      'tidak pernah kabar', 'tidak dapat contact', 'tidak bisa contact', 'can not reach', 'cannot reach', 'haven t heard',
      'have not heard', 'no news', 'missing', 'tidak ada kabar lagi', 'tidak ade kabar', 'since he arrived',
    ],
    notWith: ['hp nya rusak', 'hp rusak', 'ternyata', 'sudah bisa dihubungi', 'ganti nomor', 'sudah ketemu', 'duit', 'uang', 'money'],
  },
  {
    reason: 'group_movement',
    weight: 20,
    phrases: [
      'rombongan', 'rame rame', 'ramai ramai', 'bersama sama', 'serentak', 'puluhan orang', 'belasan orang',
      'kami bertujuh', 'kami berdelapan', 'dua belas perempuan', 'dua puluh orang', 'tiga puluh pemuda', 'tiga puluh orang',
      'sebelas orang', 'sepuluh orang', 'fifteen people', 'forty people', 'eight people', 'three mobil', '3 mobil',
    ],
    notWith: ['studi banding', 'study tour', 'wisata', 'pengajian', 'umroh', 'liburan', 'holiday', 'dokumen lengkap', 'keluarga besar'],
    near: [
      {
        a: ['5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '25', '30', '40', '50'],
        b: ['orang', 'org', 'people', 'pemuda', 'perempuan', 'pekerja', 'urang'],
        window: 1,
        ordered: true,
      },
    ],
  },
  {
    reason: 'help_request',
    weight: 15,
    phrases: [
      'tolong saya', 'tolong kami', 'tolong aku', 'tolong bantu', 'bantu saya', 'bantu kami', 'bantu aku', 'selamatkan',
      'minta tolong', 'tolong pak', 'tolong segera', 'tolong dicegah', 'help me', 'help us', 'please help me', 'help pls',
      'takut', 'ketakutan', 'menangis', 'sambil menangis', 'scared', 'afraid', 'terrified', 'crying', 'sembunyi',
      'hide', 'hiding', 'please help', 'sos', 'minta tlg', 'please tolong',
    ],
    negatable: false,
  },
  {
    reason: 'help_request',
    weight: 40,
    phrases: [
      'ragu ada dimana', 'ragu ada di mana', 'ragu sedang di mana', 'ragu sedang dimana', 'ragu di mana', 'ragu dimana',
      'do not know where i am', 'ragu where i am',
    ],
  },
  {
    reason: 'risky_place',
    weight: 10,
    phrases: [
      'entikong', 'badau', 'aruk', 'sekayam', 'jagoi', 'kuching', 'sarawak', 'serian', 'tebedu', 'biawak', 'sibu', 'miri',
      'bintulu', 'sabah', 'tawau', 'nunukan', 'malaysia', 'brunei', 'johor', 'tiongkok', 'china', 'cina', 'taiwan',
      'perbatasan', 'border', 'luar negeri', 'abroad',
    ],
    negatable: false,
  },
];

/** Every signal: the core list, the variants (`signals-variants.ts`) and general patterns (`signals-general.ts`). */
export const SIGNALS: readonly Signal[] = [...CORE_SIGNALS, ...VARIANT_SIGNALS, ...GENERAL_SIGNALS, ...CONTEXT_SIGNALS, ...INDIRECT_SIGNALS, ...RELAYED_SIGNALS];

/**
 * Signals that lower urgency: a story told as past, a person already safe, a general question.
 * `unlessAny`: ignored when one of these (still happening, now) is anywhere in the texts.
 */
export interface LoweringSignal {
  reason: 'past_event' | 'resolved' | 'general_question';
  weight: number;
  phrases: readonly string[];
  unlessAny: readonly string[];
  /** When it applies, the text alone scores at most this: it is not a case, however many indicators it names. */
  cap?: number;
}

export const LOWERING: readonly LoweringSignal[] = [
  {
    reason: 'past_event',
    weight: -30,
    phrases: [
      'dahulu', 'pernah', 'tahun lalu', 'tahun yang lalu', 'waktu itu', 'years ago', 'used to', 'in the past', 'back in',
      'last year', 'ten years ago', 'sepuluh tahun', 'waktu muda', ...PAST_YEARS,
    ],
    unlessAny: ['masih', 'still', 'sedang', 'currently', 'sampai sekarang', 'until now', 'lagi di',
      // a state that began then and goes on ("tidak pernah terlihat keluar sejak Lebaran"), not "free since 2019"
      'sejak itu', 'since then', 'sejak lebaran', 'sejak tiba', 'sejak datang', 'sejak berangkat', 'since she left', 'since he left',
    ],
  },
  {
    reason: 'resolved',
    weight: -45,
    phrases: [
      'sudah pulang', 'sudah di rumah', 'sudah aman', 'sudah selamat', 'sudah dipulangkan', 'sudah kembali', 'sudah bebas',
      'sudah dibebaskan', 'sudah diselamatkan', 'sudah ditangani', 'pulang dengan selamat', 'sekarang aman', 'aman di rumah',
      'sudah baik baik saja', 'baik baik saja', 'i am safe', 'we are safe', 'am safe and', 'now safe', 'safe and working', 'sudah beres', 'sudah ketemu', 'sudah lama bebas', 'already home',
      'safe now', 'safe at home', 'is safe', 'was rescued', 'are handling', 'returned home', 'been home', 'safe dan sehat',
      'already back home', 'is back home', 'are back home',
      'sudah selesai', 'sudah nyaman', 'dah okay', 'aku aman', 'saya aman', 'kami aman', 'semuanya sudah beres', 'tenang saja',
      ...RESOLVED_MORE, ...RESOLVED_INDIRECT, ...RESOLVED_RELAYED,
    ],
    unlessAny: ['masih', 'still', 'sedang', 'currently', 'sampai sekarang', 'until now', 'tapi adik', 'but my', 'gemetar', 'crying', 'menangis', 'nangis'],
  },
  {
    reason: 'general_question',
    weight: -30,
    phrases: [
      'mau tanya', 'mau nanya', 'ingin bertanya', 'ingin tahu', 'mau tahu', 'cuma nanya', 'cuma tanya', 'hanya ingin',
      'bagaimana cara', 'gimana cara', 'macam mana cara', 'camne', 'apakah', 'apa yang harus', 'berapa', 'syarat',
      'just asking', 'how do i', 'how can', 'what should', 'is it legal', 'is it normal', 'is it true', 'is it safe', 'is this legal', 'is this normal', 'is this true', 'is this a', 'can a', 'berita', 'news', 'artikel',
      'sosialisasi', 'penyuluhan', 'film', 'journalist', 'interview', 'info lowongan', 'ada saran', 'just sharing',
      'lapor saja', 'lapor aja', 'cuma mau lapor', 'ingin bercerita', 'status laporan', 'mohon bantuan informasi',
      'belajar tentang', 'migrasi aman', 'materi', 'adakah', 'bisakah', 'lewat mana', 'what s the', 'what is the', 'kapan bisa',
    ],
    unlessAny: ['sekarang', 'masih', 'sedang', 'now', 'still', 'malam ini', 'tonight', 'besok', 'tomorrow'],
  },
  {
    // Outreach, study, a rumour, a hypothetical, a survivor's story: not a case (signals-context.ts).
    reason: 'general_question',
    weight: -50,
    phrases: [...NOT_A_CASE_PHRASES, ...NOT_A_CASE_INDIRECT, ...NOT_A_CASE_RELAYED],
    unlessAny: [...NOT_A_CASE_UNLESS, ...SUPPOSED_IS_REAL],
    cap: 30,
  },
];
