/**
 * The urgency lexicon, kept as data so a deploying office can read and correct it without
 * touching the scorer. Sources and caveats: DOMAIN.md §5 (Colloquial Indonesian Lexicon for
 * slang, Pontianak and Sarawak Malay word lists, UU 21/2007 for legal terms). Phrases marked
 * unverified there are included as a starting point, not as fact.
 *
 * How phrases are read (see `normalise.ts`): every phrase goes through the same normaliser as
 * the message, so any spelling listed in {@link SPELLINGS} or {@link NEGATIONS} may be used and
 * all of them mean the same token ("gak bisa pulang" = "tdk bs plg"). A word ending in `*`
 * matches any word starting with it ("dipukul*" matches "dipukuli", "dipukulin"); a lone `_`
 * matches any one word ("baru _ boleh pulang" matches "baru dia boleh pulang").
 *
 * Reason ids are persisted with each tip (`tips.urgency_reasons`) and shown to officers:
 * they are snake_case and stable — renaming one is a data migration.
 */

/** Two word lists that count when a word of each occurs within `window` words of the other. */
export interface NearRule {
  a: readonly string[];
  b: readonly string[];
  window: number;
}

/** One kind of urgency signal: what it matches, how much it weighs, and the reason shown. */
export interface SignalGroup {
  /** Stable snake_case reason id shown to officers. */
  reason: string;
  /** Points added once when the group matches (negative for signals that lower urgency). */
  weight: number;
  /** Contiguous phrases. */
  phrases?: readonly string[];
  /** Co-occurrence rules for signals whose words are often split ("paspor saya ditahan"). */
  near?: readonly NearRule[];
  /** When false, a preceding negation does not cancel the match. Default true. */
  negatable?: boolean;
  /** The group is ignored when any of these phrases occurs anywhere in the text. */
  suppressedBy?: readonly string[];
  /** Short note for maintainers. */
  note?: string;
}

/** Threshold at or above which a tip is `urgent`. */
export const URGENT_THRESHOLD = 50;

/** Points and reason for one value of a structured answer. */
export interface AnswerWeight {
  reason: string;
  weight: number;
}

/**
 * Structured answers from the report flow (keys and values are the flow's stable choice ids).
 * "unsure" counts for less and carries its own reason id, so officers see what was said.
 */
export const ANSWER_WEIGHTS: Readonly<Record<string, Readonly<Record<string, AnswerWeight>>>> = {
  danger_now: {
    yes: { reason: 'danger_now', weight: 60 },
    unsure: { reason: 'danger_now_unsure', weight: 25 },
  },
  departure: {
    now: { reason: 'departure_soon', weight: 50 },
    days: { reason: 'departure_soon', weight: 35 },
    weeks: { reason: 'departure_weeks', weight: 10 },
    already_abroad: { reason: 'already_abroad', weight: 20 },
  },
  minor: {
    yes: { reason: 'minor', weight: 50 },
    unsure: { reason: 'minor_unsure', weight: 20 },
  },
  passport_held: {
    yes: { reason: 'passport_held', weight: 40 },
    unsure: { reason: 'passport_held_unsure', weight: 10 },
  },
};

/**
 * Words that all become one negation token. Besides the list in DOMAIN.md §5: `belum`/`blm`
 * (not yet) and `tiada`. "jangan" is left out on purpose: "jangan sampai dijual" is a fear,
 * not a denial. "x" (Malay chat "x boleh") is handled in the normaliser because "3x" is a count.
 */
export const NEGATIONS: readonly string[] = [
  'tidak', 'tdk', 'tdak', 'tak', 'gak', 'ga', 'gk', 'g', 'gx', 'gag', 'ngga', 'nggak', 'ngak',
  'ngk', 'nggk', 'engga', 'enggak', 'enggk', 'ndak', 'nda', 'ndk', 'tadak', 'sik', 'bukan', 'bkn',
  'tiada', 'belum', 'blm', 'blom', 'not', 'no', 'never',
];

/**
 * Informal spellings folded to one canonical word before matching (after repeated letters are
 * folded, so "skrggg" is "skrg"). Keys and values are ordinary words; the normaliser folds both.
 */
export const SPELLINGS: Readonly<Record<string, string>> = {
  // Indonesian chat abbreviations [ALAY]
  bs: 'bisa', bsa: 'bisa', bise: 'bisa', bisa: 'bisa', dpt: 'dapat',
  plg: 'pulang', plang: 'pulang', pulng: 'pulang', balik: 'pulang', balek: 'pulang', pulai: 'pulang',
  tlg: 'tolong', tlog: 'tolong', tlng: 'tolong', tulong: 'tolong', tolongin: 'tolong', tulung: 'tolong',
  bntu: 'bantu', bantuin: 'bantu', bntuin: 'bantu',
  tkut: 'takut', takot: 'takut', tkt: 'takut',
  skrg: 'sekarang', skrng: 'sekarang', skr: 'sekarang', skg: 'sekarang', skrang: 'sekarang',
  sekarng: 'sekarang', kinektok: 'sekarang', kinek: 'sekarang',
  bsk: 'besok', bsok: 'besok', besuk: 'besok', esok: 'besok', isok: 'besok',
  ni: 'ini', mlm: 'malam', malem: 'malam', mlam: 'malam', nnt: 'nanti', ntar: 'nanti', ntr: 'nanti',
  sy: 'saya', sya: 'saya', saye: 'saya', aq: 'aku', gw: 'aku', gue: 'aku', kamek: 'aku',
  yg: 'yang', dgn: 'dengan', dg: 'dengan', utk: 'untuk', krn: 'karena', krna: 'karena',
  sdh: 'sudah', udah: 'sudah', udh: 'sudah', dah: 'sudah', sudh: 'sudah', suda: 'sudah',
  lg: 'lagi', lgi: 'lagi', agik: 'lagi', msh: 'masih', masi: 'masih', mash: 'masih',
  org: 'orang', orng: 'orang', thn: 'tahun', th: 'tahun', taun: 'tahun', thun: 'tahun',
  umr: 'umur', usia: 'umur', umurnya: 'umur', usianya: 'umur', berumur: 'umur', berusia: 'umur',
  ambik: 'ambil', amik: 'ambil', kluar: 'keluar', kelua: 'keluar', klr: 'keluar', kabor: 'kabur',
  brangkat: 'berangkat', brgkt: 'berangkat', berangkt: 'berangkat', brkt: 'berangkat',
  berangkatkan: 'diberangkatkan', dberangkatkan: 'diberangkatkan',
  paspot: 'paspor', pasport: 'paspor', pasprt: 'paspor', passport: 'paspor', pspor: 'paspor',
  pasportnya: 'paspornya', passportnya: 'paspornya', passports: 'paspor',
  hp: 'hp', hape: 'hp', handphone: 'hp', ponsel: 'hp', phone: 'hp',
  majikn: 'majikan', bos: 'bos', boss: 'bos', tauke: 'bos', towkay: 'bos',
  dikurong: 'dikurung', kurong: 'kurung', kenak: 'kena', kene: 'kena', kna: 'kena',
  gilak: 'sangat', bgt: 'banget', bngt: 'banget',
  dikasi: 'dikasih', dksh: 'dikasih', kasi: 'kasih',
  cant: 'can not', cannot: 'can not', wont: 'will not', dont: 'do not', didnt: 'did not',
  doesnt: 'does not', isnt: 'is not', arent: 'are not', wasnt: 'was not', couldnt: 'could not',
};

/** Cues that a following number is an age (for the minor check). */
export const AGE_CUES: readonly string[] = ['umur', 'age', 'aged'];
/**
 * Weaker cues right before a number: "dia baru 16", "masih 15". They count for 10–17 only, and
 * not when a non-year unit follows ("baru 2 minggu", "masih 15 juta").
 */
export const SOFT_AGE_CUES: readonly string[] = ['baru', 'masih', 'only', 'just', 'cuma', 'hanya'];
/** Units after a number that make it anything but an age in years. */
export const NON_AGE_UNITS: readonly string[] = [
  'hari', 'hr', 'minggu', 'mgg', 'mg', 'bulan', 'bln', 'bl', 'jam', 'menit', 'kali', 'x', 'orang',
  'juta', 'jt', 'ribu', 'rb', 'ringgit', 'rm', 'rupiah', 'days', 'day', 'weeks', 'week', 'months',
  'month', 'hours', 'people', 'million', 'kg', 'km', 'persen',
];
/** Words right before a number that make it an age ("gadis 15 tahun", "anak 8 tahun"). */
export const PERSON_BEFORE_AGE: readonly string[] = [
  'anak', 'gadis', 'bocah', 'remaja', 'adik', 'adiknya', 'cewek', 'cewe', 'perempuan', 'putri',
  'putra', 'girl', 'boy', 'child', 'kid', 'daughter', 'son', 'sister', 'brother',
];
/** Age units after a number: "15 tahun", "15 thn", "15 years old", "15 yo". */
export const AGE_UNITS: readonly string[] = ['tahun', 'year', 'years', 'yo', 'yr', 'yrs'];
/**
 * Words before "N tahun" that make it a duration or a year, not an age
 * ("kontrak 2 tahun", "sudah 3 tahun kerja").
 */
export const DURATION_BEFORE: readonly string[] = [
  'kontrak', 'selama', 'sudah', 'lebih', 'hampir', 'sejak', 'tiap', 'per', 'dalam', 'kerja',
  'bekerja', 'for', 'after', 'setelah', 'sampai', 'hingga', 'lamanya', 'masa', 'penjara',
  'dipenjara', 'ditahan', 'lagi',
];
/** Words after "N tahun" that make it a duration ("2 tahun lalu", "3 tahun kerja"). */
export const DURATION_AFTER: readonly string[] = [
  'lalu', 'yang', 'lagi', 'ago', 'kontrak', 'kerja', 'bekerja', 'penjara', 'di', 'disana',
  'contract', 'lamanya', 'terakhir',
];
/** School levels and pupils: under 18 unless said as a qualification ("lulusan SMP"). */
export const SCHOOL_LEVELS: readonly string[] = [
  'smp', 'sma', 'smk', 'mts', 'sltp', 'slta', 'pelajar', 'siswi', 'siswa', 'murid',
];
/** "SD" also abbreviates "sampai dengan": it counts only after one of {@link SCHOOL_CUES}. */
export const SCHOOL_LEVELS_STRICT: readonly string[] = ['sd'];
/** Words before a school level that make a pupil certain ("masih SD", "kelas 5 SD"). */
export const SCHOOL_CUES: readonly string[] = ['masih', 'kelas', 'kls', 'anak', 'murid', 'siswa', 'siswi', 'duduk'];
/** Words before a school level that make it a qualification, not a pupil. */
export const SCHOOL_GRADUATE: readonly string[] = [
  'lulus', 'lulusan', 'tamat', 'tamatan', 'ijazah', 'minimal', 'min', 'pendidikan', 'syarat',
  'setara', 'alumni', 'guru', 'dulu', 'waktu',
];

/** Words a time signal must stand near to mean a departure (see `departure_soon`). */
const DEPARTURE_WORDS = [
  'berangkat', 'diberangkatkan', 'keberangkatan', 'dikirim', 'pergi', 'nyebrang', 'menyeberang', 'nyeberang',
  'diseberangkan', 'dibawa', 'terbang', 'dijemput', 'jemput', 'naik', 'bertolak', 'jalan',
  'pindah', 'dipindah*', 'leave', 'leaving', 'depart*', 'fly', 'flying', 'sent', 'cross*',
  'taken', 'taking', 'take', 'pick', 'picked', 'travel*', 'go', 'going', 'across', 'moving',
];
const SOON_WORDS = [
  'besok', 'sekarang', 'lusa', 'tonight', 'tomorrow', 'now', 'today', 'segera', 'subuh',
  'malam ini', 'nanti malam', 'hari ini', 'pagi ini', 'sore ini', 'minggu ini', 'sebentar lagi',
  'malam tok', 'pagi tok', 'hari tok', 'ari tok', 'this week', 'right now', 'soon',
];

/**
 * Signal groups. Weights are chosen so that one strong signal (locked up, beaten, sold,
 * threatened, a child) reaches the threshold alone, and context signals (a border town,
 * a route, a date) only in combination.
 */
export const SIGNAL_GROUPS: readonly SignalGroup[] = [
  {
    reason: 'confinement',
    weight: 60,
    phrases: [
      'disekap', 'sekap*', 'penyekapan', 'menyekap', 'dikurung', 'terkurung', 'dikunci*', 'terkunci',
      'kena kurung', 'ditahan di penampungan', 'ditahan di mes', 'ditahan di mess',
      'ditahan di rumah', 'ditahan di kamar', 'ditahan di asrama', 'ditahan di kapal',
      'dikunci dari luar',
      'tidak boleh keluar', 'tidak bisa keluar', 'tidak dikasih keluar', 'tidak diizinkan keluar',
      'tidak diijinkan keluar', 'dilarang keluar', 'tidak dapat keluar', 'disandera', 'sandera',
      'diculik', 'penculikan', 'dikurung di', 'dijaga ketat', 'dijaga satpam',
      'locked', 'locked up', 'locked in', 'confined', 'held captive', 'captive', 'kidnapped',
      'detained', 'trapped', 'not allowed to leave', 'can not leave', 'held hostage', 'hostage',
      'kept in a room', 'kept inside',
    ],
  },
  {
    reason: 'passport_held',
    weight: 40,
    phrases: [
      'paspor ditahan', 'paspor disita', 'paspor dipegang', 'paspor dirampas', 'paspor disimpan',
      'paspor diambil agen', 'paspor diambil bos', 'paspor diambil majikan', 'paspor diambil calo',
      'paspor kena simpan', 'paspor kena ambil', 'paspor dipegang agen', 'tahan paspor',
      'menahan paspor', 'pegang paspor', 'simpan paspor', 'dokumen ditahan', 'dokumen disita',
      'ktp ditahan', 'ktp disita',
      'took paspor', 'taken paspor', 'kept paspor', 'keep paspor', 'holding paspor', 'hold paspor',
      'paspor taken', 'paspor confiscated', 'confiscated paspor', 'paspor withheld',
    ],
    near: [
      {
        a: ['paspor', 'paspornya', 'dokumen', 'dokumennya'],
        b: [
          'ditahan', 'disita', 'dirampas', 'dipegang', 'disimpan', 'ditahannya', 'menahan',
          'withheld', 'confiscated', 'held', 'kept', 'took', 'taken', 'keeps', 'holds', 'simpan',
          'sita', 'rampas', 'pegang', 'tahan', 'diambil', 'ambil',
        ],
        window: 5,
      },
    ],
    note: 'Employer/agent keeping a worker\'s passport: ILO forced-labour indicator [U].',
  },
  {
    reason: 'violence',
    weight: 60,
    phrases: [
      'dipukul*', 'pukul', 'pukuli*', 'memukul*', 'mukul*', 'pukulan', 'kena pukul', 'dianiaya',
      'aniaya', 'penganiayaan', 'disiksa', 'siksa', 'penyiksaan', 'ditendang*', 'ditampar*',
      'disetrum', 'setrum', 'dicambuk', 'diperkosa', 'perkosa', 'pemerkosaan', 'dilecehkan',
      'pelecehan', 'dilepok', 'lepok', 'kena lepok', 'kena palu', 'kena paluk', 'dipalu', 'luka',
      'lebam', 'memar', 'berdarah', 'dihajar', 'digebuk*', 'dikeroyok',
      'beaten', 'beating', 'beat me', 'beat her', 'beat him', 'beat us', 'beat them', 'was hit',
      'were hit', 'hit me', 'hit her', 'hit him', 'hit us', 'hits me', 'hits her', 'hits him',
      'hits us', 'abused', 'tortured', 'torture', 'raped',
      'rape', 'kicked', 'slapped', 'electrocuted', 'bruised', 'bleeding', 'assaulted',
    ],
    note: '"pukul" + a time is o\'clock: rewritten before matching (see also IDIOMS).',
  },
  {
    reason: 'threatened',
    weight: 50,
    phrases: [
      'diancam', 'ancam', 'mengancam', 'ancaman', 'diancam dibunuh', 'mau dibunuh', 'akan dibunuh',
      'dibunuh', 'nyawa terancam', 'terancam', 'dalam bahaya', 'diintimidasi', 'intimidasi',
      'threatened', 'threaten*', 'threat', 'in danger', 'kill', 'killed',
    ],
  },
  {
    reason: 'sold',
    weight: 50,
    phrases: [
      'dijual', 'dijual ke', 'diperjualbelikan', 'jual orang', 'menjual orang', 'dijual lagi',
      'sold', 'sold to', 'was sold', 'trafficked',
    ],
  },
  {
    reason: 'sexual_exploitation',
    weight: 55,
    phrases: [
      'dipaksa melayani', 'melayani tamu', 'layani tamu', 'dijadikan psk', 'psk', 'pelacur*',
      'prostitusi', 'dilacurkan', 'pekerja seks', 'teman tidur', 'pijat plus', 'open bo',
      'forced prostitution', 'prostitut*', 'sex work', 'sexual exploitation',
    ],
  },
  {
    reason: 'ransom',
    weight: 50,
    phrases: [
      'tebusan', 'uang tebusan', 'ditebus', 'tebus', 'minta tebusan', 'bayar tebusan', 'ransom',
      'kalau mau keluar harus bayar', 'harus bayar kalau mau pulang', 'bayar denda kalau mau pulang',
    ],
    near: [
      {
        a: ['bayar', 'uang', 'juta', 'denda', 'tebus*', 'ringgit', 'usd', 'dollar', 'pay'],
        b: [
          'baru boleh keluar', 'baru boleh pulang', 'baru bisa keluar', 'baru bisa pulang',
          'baru dilepas*', 'baru _ boleh keluar', 'baru _ boleh pulang', 'baru _ bisa keluar',
          'baru _ bisa pulang', 'baru _ dilepas*', 'before _ can leave', 'to let _ go',
        ],
        window: 4,
      },
    ],
  },
  {
    reason: 'forced_labour',
    weight: 40,
    phrases: [
      'dipaksa', 'dipaksa kerja', 'kerja paksa', 'paksa kerja', 'disuruh menipu', 'dipaksa menipu',
      'tidak dikasih makan', 'tidak diberi makan', 'tidak dikasih istirahat', 'tidak boleh istirahat',
      'tanpa istirahat', 'kerja 20 jam', 'kerja 18 jam', 'kerja 16 jam', 'diperbudak', 'perbudakan',
      'forced to', 'forced labour', 'forced labor', 'forced to work', 'no food', 'slave',
      'no rest', 'sakit tidak diobati', 'tidak dibawa ke dokter',
    ],
  },
  {
    reason: 'isolation',
    weight: 30,
    phrases: [
      'hp disita', 'hp diambil', 'hp ditahan', 'hp dirampas', 'tidak boleh pegang hp',
      'tidak boleh pakai hp', 'tidak boleh telepon', 'tidak boleh menghubungi',
      'dilarang menghubungi', 'dilarang pegang hp', 'diam diam', 'sembunyi sembunyi', 'curi curi',
      'hp kena ambil', 'hp kena simpan', 'tidak dikasih pegang hp', 'tidak diberi hp',
      'pinjam hp', 'hp teman', 'hp kena rampas', 'took my hp', 'hp taken', 'secretly', 'in secret',
    ],
  },
  {
    reason: 'cannot_leave',
    weight: 40,
    phrases: [
      'tidak bisa pulang', 'tidak boleh pulang', 'tidak dikasih pulang', 'tidak diizinkan pulang',
      'tidak diijinkan pulang', 'dilarang pulang', 'tidak dapat pulang', 'tidak bisa kabur',
      'tidak bisa lari', 'mau kabur', 'ingin kabur', 'pengen kabur', 'coba kabur', 'mau lari',
      'tidak dilepas', 'tidak dilepaskan', 'tidak mau melepaskan', 'tidak kasih pulang',
      'tidak bisa pergi', 'tidak boleh pergi', 'ditahan tidak boleh pulang', 'terjebak',
      'tersekat', 'can not go home', 'not allowed to go home', 'not let me go', 'not let her go',
      'not let him go', 'not let them go', 'will not let', 'want to escape', 'escape', 'stuck',
      'can not return',
    ],
  },
  {
    reason: 'lost_contact',
    weight: 40,
    phrases: [
      'hilang kontak', 'putus kontak', 'lost contact', 'tidak bisa dihubungi', 'tidak ada kabar',
      'tidak ada kabarnya', 'tanpa kabar', 'hilang tanpa kabar', 'menghilang', 'tidak pernah kabar',
      'no news', 'missing', 'can not be reached', 'no contact', 'tidak dapat kontak',
      'tidak bisa kontak', 'tidak dapat contact', 'tidak bisa contact', 'tidak dapat dihubungi',
    ],
  },
  {
    reason: 'emergency',
    weight: 40,
    phrases: ['darurat', 'gawat', 'emergency', 'sos', 'urgent', 'mendesak', 'segera tolong'],
  },
  {
    reason: 'departure_soon',
    weight: 30,
    phrases: [
      'malam ini berangkat', 'berangkat malam ini', 'besok berangkat', 'berangkat besok',
      'sudah di jalan', 'sedang dalam perjalanan', 'on the way', 'otw',
    ],
    near: [{ a: SOON_WORDS, b: DEPARTURE_WORDS, window: 5 }],
  },
  {
    reason: 'minor',
    weight: 50,
    phrases: [
      'bawah umur', 'di bawah umur', 'dibawah umur', 'belum cukup umur', 'under umur',
      'underage', 'under 18', 'di bawah 18', 'dibawah 18', 'masih anak anak', 'anak kecil',
      'umur dipalsukan', 'umurnya dipalsukan', 'umur dinaikkan', 'umur dituakan',
      'memalsukan umur', 'pemalsuan umur', 'palsukan umur', 'umur dipalsu', 'umur palsu',
      'bohong soal umur', 'bohongi soal umur', 'bohong umur', 'tipu umur', 'fake age', 'minor', 'child',
      'a child', 'schoolgirl', 'schoolboy', 'masih sekolah', 'anak sekolah', 'putus sekolah',
    ],
    note: 'Ages ("umur 15", "16 thn") and school levels are checked in score.ts.',
  },
  {
    reason: 'bride_trafficking',
    weight: 35,
    phrases: [
      'pengantin pesanan', 'kawin kontrak', 'nikah kontrak', 'dijodohkan', 'dinikahkan',
      'kawin dengan orang china', 'nikah dengan orang china', 'nikah sama orang china',
      'dikawinkan', 'mak comblang', 'comblang', 'mail order bride', 'bride', 'married off',
      'contract marriage',
    ],
  },
  {
    reason: 'debt_bondage',
    weight: 25,
    phrases: [
      'jeratan utang', 'jeratan hutang', 'jerat utang', 'jerat hutang', 'utang', 'hutang',
      'gaji tidak dibayar', 'gaji belum dibayar', 'gaji tidak bayar', 'gaji tidak masuk', 'tidak digaji', 'tidak dibayar', 'gaji dipotong',
      'potong gaji', 'ganti rugi', 'denda', 'debt', 'owe', 'unpaid', 'not paid', 'wages withheld',
      'gaji ditahan',
    ],
  },
  {
    reason: 'irregular_route',
    weight: 25,
    phrases: [
      'jalan tikus', 'jalur tikus', 'lewat hutan', 'jalan hutan', 'jalur ilegal', 'jalur gelap',
      'tidak resmi', 'ilegal', 'illegal', 'non prosedural', 'nonprosedural', 'tanpa paspor',
      'tidak punya paspor', 'tanpa dokumen', 'tanpa permit', 'tidak ada permit', 'tanpa visa',
      'visa kunjungan', 'visa turis', 'visa wisata', 'visa ziarah', 'visa umroh', 'visa umrah',
      'kerja kosongan', 'calling visa', 'pati', 'calo', 'tekong', 'penampungan', 'lewat belakang',
      'no paspor', 'without paspor', 'undocumented', 'tourist visa', 'visit visa', 'smuggl*',
      'lewat sungai', 'speedboat', 'speed boat', 'jungle', 'jungle path', 'through the forest', 'kapal kecil', 'pas lintas batas',
    ],
  },
  {
    reason: 'scam_compound',
    weight: 30,
    phrases: [
      'kamboja', 'cambodia', 'myawaddy', 'myanmar', 'laos', 'sihanoukville', 'poipet', 'bavet',
      'phnom penh', 'kk park', 'shwe kokko', 'segitiga emas', 'golden triangle', 'scam', 'scammer',
      'scamming', 'judi online', 'judol', 'penipuan online', 'online scam', 'love scam',
      'romance scam', 'kerja scam', 'target harian', 'compound', 'perusahaan scam',
    ],
  },
  {
    reason: 'risky_place',
    weight: 10,
    phrases: [
      'entikong', 'badau', 'aruk', 'sekayam', 'jagoi', 'jagoi babang', 'kuching', 'sarawak',
      'serian', 'tebedu', 'biawak', 'sibu', 'miri', 'bintulu', 'sabah', 'tawau', 'nunukan',
      'malaysia', 'brunei', 'johor', 'kuala lumpur', 'tiongkok', 'china', 'cina', 'taiwan',
      'hong kong', 'thailand', 'singapura', 'arab', 'saudi', 'dubai', 'timur tengah',
      'luar negeri', 'abroad', 'perbatasan', 'border',
    ],
  },
  {
    reason: 'asks_for_help',
    weight: 15,
    phrases: [
      'tolong', 'tolong saya', 'tolong kami', 'tolong bantu', 'bantu saya', 'bantu kami',
      'selamatkan', 'minta tolong', 'help', 'help me', 'help us', 'please help',
    ],
    negatable: false,
  },
  {
    reason: 'afraid',
    weight: 15,
    phrases: [
      'takut', 'ketakutan', 'cemas', 'trauma', 'menangis', 'nangis', 'scared', 'afraid',
      'frightened', 'terrified', 'crying',
    ],
  },
  {
    reason: 'past_event',
    weight: -25,
    phrases: [
      'dulu', 'dahulu', 'pernah', 'tahun lalu', 'tahun yang lalu', 'bulan lalu', 'waktu itu',
      'years ago', 'used to', 'last year', 'in the past',
    ],
    suppressedBy: ['masih', 'still', 'sedang', 'currently', 'sampai sekarang', 'until now', 'lagi di'],
    note: 'Lowers urgency for events told as past, unless something is still happening.',
  },
  {
    reason: 'general_info',
    weight: -30,
    phrases: ['berita', 'di tv', 'artikel', 'news', 'in the news', 'sosialisasi'],
    negatable: false,
    suppressedBy: ['masih', 'still', 'sedang', 'currently'],
    note: 'News and awareness talk, not a report about a person.',
  },
  {
    reason: 'resolved',
    weight: -40,
    phrases: [
      'sudah pulang', 'sudah di rumah', 'sudah dirumah', 'sudah aman', 'sudah selamat',
      'sudah dipulangkan', 'sudah kembali', 'sudah bebas', 'sudah dibebaskan', 'sudah ditolong',
      'sudah diselamatkan', 'sudah di kbri', 'sudah di kjri', 'pulang dengan selamat',
      'sekarang aman', 'dan aman', 'sudah baik baik saja',
      'selamat sampai', 'already home', 'back home', 'safe now', 'is safe', 'are safe',
      'was rescued', 'been rescued', 'sudah ditangani',
    ],
    negatable: false,
    suppressedBy: ['masih', 'still', 'sedang', 'currently', 'sampai sekarang', 'until now'],
    note: 'Lowers urgency for past events, unless something is said to be still happening.',
  },
];

/**
 * Fixed expressions rewritten before matching, so that their words do not read as signals:
 * "dipukul rata" (averaged out), "hit me up" (contact me), "baju kurung" (a Malay dress).
 */
export const IDIOMS: Readonly<Record<string, string>> = {
  'pukul rata': 'rata rata',
  'dipukul rata': 'rata rata',
  'hit me up': 'hubungi aku',
  'hit us up': 'hubungi kami',
  'baju kurung': 'baju',
  'tanda kurung': 'tanda',
  'beat the target': 'capai target',
};

/** Words after "pukul" that make it a time of day ("pukul 3", "pukul tiga"). */
export const CLOCK_WORDS: readonly string[] = [
  'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh',
  'sebelas', 'setengah', 'duabelas', 'berapa', 'brp',
];

/** Words after a negation that make it doubt, not negation ("tidak tahu dia disekap"). */
export const DOUBT_AFTER_NEGATION: readonly string[] = [
  'tahu', 'tau', 'tw', 'taw', 'know', 'sure', 'yakin', 'pasti', 'jelas', 'ngerti', 'mengerti',
  'paham', 'tentu',
];

/** Words that end a negation's reach ("tidak digaji dan dipukul": "dipukul" is not negated). */
export const NEGATION_BREAKERS: readonly string[] = [
  'dan', 'lalu', 'terus', 'trus', 'kemudian', 'tapi', 'tetapi', 'namun', 'malah', 'bahkan',
  'hanya', 'cuma', 'cuman', 'melainkan', 'sedangkan', 'padahal', 'and', 'but', 'then', 'only',
  'just', 'instead', 'yet', 'sampai', 'sehingga',
];

/**
 * "or"-words a negation reaches over without using up its window
 * ("not locked up or beaten", "tidak disekap maupun dipukul").
 */
export const NEGATION_CONJUNCTIONS: readonly string[] = ['atau', 'ataupun', 'maupun', 'or', 'nor'];

/** Particles allowed between a phrase and a negation after it ("dipukul sih enggak"). */
export const POST_NEGATION_PARTICLES: readonly string[] = ['sih', 'si', 'mah', 'kok', 'juga', 'jg'];

/** How many words before a phrase a negation reaches. */
export const NEGATION_WINDOW = 3;
