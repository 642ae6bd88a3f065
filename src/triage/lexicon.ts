/**
 * The language data triage reads texts with, kept as data so a deploying office can read and
 * correct it without touching the scorer: spellings, negation and its scope, conditionals, time
 * words, ages, and the weights of the report's structured answers. The signals themselves (phrases
 * per indicator) are in `signals.ts`. Sources: DOMAIN.md §5 (Colloquial Indonesian Lexicon for
 * slang, Pontianak/Sambas/Sarawak Malay word lists, UU 21/2007 for legal terms); phrases marked
 * unverified there are a starting point, not fact.
 *
 * Every list here goes through the same normaliser as the messages (`normalise.ts`), so any
 * spelling listed in {@link SPELLINGS} or {@link NEGATIONS} may be used in a phrase.
 */

/** Threshold at or above which a tip is `urgent`. */
export const URGENT_THRESHOLD = 50;

/** Points and reason (an indicator id or a context id) for one value of a structured answer. */
export interface AnswerWeight {
  reason: string;
  weight: number;
}

/**
 * Structured answers (step id → choice id → weight). `danger_now = yes` reaches the threshold on
 * its own; "unsure" and skipped answers never do, alone or together (DESIGN "Triage on
 * indicators"). `where_now` and `people_count` are skippable report steps.
 */
export const ANSWER_WEIGHTS: Readonly<Record<string, Readonly<Record<string, AnswerWeight>>>> = {
  danger_now: {
    yes: { reason: 'danger_now', weight: 60 },
    unsure: { reason: 'danger_now_unsure', weight: 10 },
  },
  departure: {
    now: { reason: 'imminent_departure', weight: 40 },
    days: { reason: 'imminent_departure', weight: 30 },
    weeks: { reason: 'departure_weeks', weight: 10 },
    already_abroad: { reason: 'already_abroad', weight: 10 },
  },
  minor: {
    yes: { reason: 'minor', weight: 50 },
    unsure: { reason: 'minor_unsure', weight: 10 },
  },
  passport_held: {
    yes: { reason: 'retention_of_documents', weight: 40 },
    unsure: { reason: 'passport_held_unsure', weight: 5 },
  },
  where_now: {
    transit_point: { reason: 'transit_holding', weight: 30 },
    holding_house: { reason: 'transit_holding', weight: 35 },
    abroad: { reason: 'abroad', weight: 15 },
  },
  people_count: {
    two_to_five: { reason: 'group_movement', weight: 15 },
    more_than_five: { reason: 'group_movement', weight: 25 },
  },
};

/**
 * Forced labour shows as several indicators together (ILO 2012): each distinct indicator beyond
 * the first adds `per`, up to `max`.
 */
export const SEVERAL_INDICATORS = { reason: 'several_indicators', per: 5, max: 15 } as const;

/** Extra points when the person is abroad (`where_now = abroad`) and contact is lost. */
export const ABROAD_NO_CONTACT = { reason: 'abroad_no_contact', weight: 15 } as const;

/**
 * Words that all become one negation token. Besides DOMAIN.md §5: `belum`/`blm` (not yet) and
 * `tiada`. "jangan" is left out on purpose: "jangan sampai dijual" is a fear, not a denial. "x"
 * (Malay chat "x boleh") is handled in the normaliser because "3x" is a count.
 */
export const NEGATIONS: readonly string[] = [
  'tidak', 'tdk', 'tdak', 'tak', 'gak', 'ga', 'gk', 'g', 'gx', 'gag', 'ngga', 'nggak', 'ngak',
  'ngk', 'nggk', 'engga', 'enggak', 'enggk', 'ndak', 'nda', 'ndk', 'tadak', 'sik', 'bukan', 'bkn',
  'tiada', 'belum', 'blm', 'blom', 'tanpa', 'not', 'no', 'never', 'nobody', 'nothing', 'none',
];

/**
 * Informal and regional spellings folded to one canonical word before matching (after repeated
 * letters are folded, so "skrggg" is "skrg"). A value may be several words.
 */
export const SPELLINGS: Readonly<Record<string, string>> = {
  // Indonesian chat abbreviations [ALAY]
  bs: 'bisa', bsa: 'bisa', bise: 'bisa', dpt: 'dapat', blh: 'boleh', bole: 'boleh',
  plg: 'pulang', plang: 'pulang', pulng: 'pulang', balik: 'pulang', balek: 'pulang', pulai: 'pulang', balit: 'pulang',
  tlg: 'tolong', tlog: 'tolong', tlng: 'tolong', tulong: 'tolong', tolongin: 'tolong', tulung: 'tolong',
  bntu: 'bantu', bantuin: 'bantu', bntuin: 'bantu',
  tkut: 'takut', takot: 'takut', tkt: 'takut',
  skrg: 'sekarang', skrng: 'sekarang', skr: 'sekarang', skg: 'sekarang', skrang: 'sekarang',
  sekarng: 'sekarang', kinektok: 'sekarang', kinek: 'sekarang', kini: 'sekarang',
  bsk: 'besok', bsok: 'besok', besuk: 'besok', esok: 'besok', isok: 'besok',
  ni: 'ini', mlm: 'malam', malem: 'malam', mlam: 'malam', nnt: 'nanti', ntar: 'nanti', ntr: 'nanti', kelak: 'nanti',
  ari: 'hari', hr: 'hari', bln: 'bulan', mggu: 'minggu', mgg: 'minggu',
  sy: 'saya', sya: 'saya', saye: 'saya', aq: 'aku', gw: 'aku', gue: 'aku', kamek: 'aku', sidak: 'mereka', diak: 'dia',
  yg: 'yang', nang: 'yang', dgn: 'dengan', dg: 'dengan', ngan: 'dengan', utk: 'untuk', untok: 'untuk', krn: 'karena', krna: 'karena',
  sdh: 'sudah', udah: 'sudah', udh: 'sudah', dah: 'sudah', sudh: 'sudah', suda: 'sudah',
  lg: 'lagi', lgi: 'lagi', agik: 'lagi', msh: 'masih', masi: 'masih', mash: 'masih',
  org: 'orang', orng: 'orang', urang: 'orang', thn: 'tahun', th: 'tahun', taun: 'tahun', setaon: 'setahun', ktnya: 'katanya', ktny: 'katanya', trnyt: 'ternyata', trnyta: 'ternyata', tnyt: 'ternyata', setaun: 'setahun', berenti: 'berhenti', brhnti: 'berhenti', brenti: 'berhenti', thun: 'tahun',
  umr: 'umur', usia: 'umur', umurnya: 'umur', usianya: 'umur', berumur: 'umur', berusia: 'umur', umurnye: 'umur',
  ambik: 'ambil', amik: 'ambil', ambek: 'ambil', diambek: 'diambil', kluar: 'keluar', kelua: 'keluar', klr: 'keluar', kabor: 'kabur',
  brangkat: 'berangkat', brgkt: 'berangkat', berangkt: 'berangkat', brkt: 'berangkat',
  berangkatkan: 'diberangkatkan', dberangkatkan: 'diberangkatkan', diberangkatin: 'diberangkatkan', diberangkatkn: 'diberangkatkan',
  paspot: 'paspor', pasport: 'paspor', pasprt: 'paspor', passport: 'paspor', pspor: 'paspor',
  pasportnya: 'paspornya', passportnya: 'paspornya', passports: 'paspor', paspornye: 'paspornya',
  hp: 'hp', hape: 'hp', handphone: 'hp', ponsel: 'hp', phone: 'hp', handset: 'hp',
  majikn: 'majikan', bos: 'bos', boss: 'bos', tauke: 'bos', towkay: 'bos', bosnye: 'bosnya',
  dikurong: 'dikurung', kurong: 'kurung', kenak: 'kena', kene: 'kena', kna: 'kena',
  pukol: 'pukul', dipukol: 'dipukul', mukol: 'mukul', paluk: 'palu',
  gilak: 'sangat', bgt: 'banget', bngt: 'banget', inyan: 'sangat',
  dikasi: 'dikasih', dksh: 'dikasih', kasi: 'kasih', dibagi: 'dikasih',
  // Pontianak/Sambas/Sarawak forms [WIKIP][GNFI][SWK1][SWK2]
  ade: 'ada', ape: 'apa', mane: 'mana', kerje: 'kerja', bekerje: 'bekerja', nak: 'mau', mok: 'mau', mauk: 'mau',
  dibawak: 'dibawa', bawak: 'bawa', pegi: 'pergi', rupenye: 'ternyata', rupanya: 'ternyata', rupanye: 'ternyata',
  katenye: 'katanya', cerite: 'cerita', prnh: 'pernah', pnh: 'pernah', diterbangin: 'diterbangkan', katenya: 'katanya', dolok: 'dulu', mintak: 'minta', betol: 'betul', madah: 'bilang',
  polah: 'buat', kbr: 'kabar', disimpen: 'disimpan', nemani: 'menemani', aek: 'air', dibiarin: 'dibiarkan', diselundupin: 'diselundupkan', ilang: 'hilang', tlgin: 'tolong', dibolehin: 'dibolehkan', dibolehkn: 'dibolehkan', lime: 'lima', dinyebrangin: 'diseberangkan', nyebrangin: 'menyeberangkan', dinyebrangkan: 'diseberangkan', dikumpulin: 'dikumpulkan', diambilin: 'diambil', disimpenin: 'disimpan', jak: 'saja', aja: 'saja', aok: 'ya', budak: 'anak', dare: 'gadis', pompuan: 'perempuan',
  // Conditionals all become "kalau" (a conditional threat is a threat)
  kalo: 'kalau', klo: 'kalau', klu: 'kalau', kalu: 'kalau', jika: 'kalau', jikalau: 'kalau', apabila: 'kalau',
  mun: 'kalau', if: 'kalau',
  // More chat forms
  sm: 'sama', dr: 'dari', trs: 'terus', tp: 'tapi', jg: 'juga', kyk: 'kayak', lwt: 'lewat', pake: 'pakai',
  sblm: 'sebelum', smpe: 'sampai', sampe: 'sampai', nyampe: 'sampai', mkn: 'makan', tdr: 'tidur', hrs: 'harus',
  kmrn: 'kemarin', td: 'tadi', tmn: 'teman', temen: 'teman', kawan: 'teman', sodara: 'saudara', ortu: 'orang tua', ank: 'anak',
  gmn: 'gimana', knp: 'kenapa', dmn: 'dimana', brp: 'berapa', trakhir: 'terakhir', jd: 'jadi', ngadu: 'mengadu',
  dijanjiin: 'dijanjikan', dijanjikn: 'dijanjikan', dinikahin: 'dinikahkan', dikawinin: 'dikawinkan', dijadiin: 'dijadikan',
  nemenin: 'menemani', temenin: 'temani', nipu: 'menipu', disuroh: 'disuruh', suroh: 'suruh',
  jt: 'juta', rb: 'ribu', mksh: 'makasih',
  cant: 'can not', cannot: 'can not', wont: 'will not', dont: 'do not', didnt: 'did not',
  doesnt: 'does not', isnt: 'is not', arent: 'are not', wasnt: 'was not', couldnt: 'could not',
  wouldnt: 'would not', havent: 'have not', hasnt: 'has not', werent: 'were not',
  // Sambas/Pontianak final-syllable "o" and SMS skeletons (more verbs are caught by stem.ts)
  tujoh: 'tujuh', sepuloh: 'sepuluh', bunoh: 'bunuh', tidok: 'tidur', taon: 'tahun', kecik: 'kecil', tige: 'tiga',
  cume: 'cuma', masok: 'masuk', kagek: 'nanti', nginep: 'menginap', nginap: 'menginap', dkt: 'dekat', cuba: 'coba',
  dsebrangin: 'diseberangkan', disebrangin: 'diseberangkan', diseberangin: 'diseberangkan', nih: 'ini', naek: 'naik', dikasik: 'dikasih', nombor: 'nomor', sikit: 'sedikit', bkl: 'bakal', dibw: 'dibawa', dpksa: 'dipaksa', kmr: 'kamar', blg: 'bilang',
  phones: 'hp', ponselnya: 'hp', handphones: 'hp',
  // Forms seen in blind-written batches (tuning-5/6)
  tido: 'tidur', jage: 'jaga', jmpt: 'jemput', jmput: 'jemput', pinjem: 'pinjam', cine: 'cina', diambik: 'diambil', ternyate: 'ternyata',
  misalnye: 'misalnya', nanyak: 'nanya', tny: 'tanya', maok: 'mau', kmn: 'ke mana', kemane: 'ke mana', ditelp: 'ditelepon',
  ditelpon: 'ditelepon', ditelfon: 'ditelepon', kallak: 'nanti', lebeh: 'lebih', semue: 'semua', laen: 'lain', tadik: 'tadi',
  bis: 'bus', nangis: 'menangis', rmh: 'rumah', krj: 'kerja', mude: 'muda', isinye: 'isinya', kate: 'kata',
  bhs: 'bahasa', bahase: 'bahasa', ksh: 'kasih', kmi: 'kami', tetamu: 'tamu', amek: 'ambil', dilaporin: 'dilaporkan', laporin: 'laporkan',
  sapa: 'siapa', ngumpul: 'berkumpul',
};

/**
 * Words mapped before repeated letters are folded, because folding would make them collide with
 * another word ("took" → "tok", Sarawak "this"; "good" → "god").
 */
export const EXACT_SPELLINGS: Readonly<Record<string, string>> = {
  d: 'di', took: 'taken', too: 'also', good: 'baik', seen: 'saw', been: 'been', keep: 'keep', feel: 'feel',
};

/**
 * Words a negation reaches over to the predicate it negates ("tidak pernah dipukul", "nobody
 * hit him", "not being beaten"). Any other word ends its reach: "kalau tidak mau kerja dipukul"
 * negates "mau", not "dipukul".
 */
export const NEGATION_SCOPE: readonly string[] = [
  'pernah', 'sampai', 'ada', 'yang', 'orang', 'siapa', 'menemukan', 'ditemukan', 'tanda', 'found', 'find', 'sign', 'signs', 'of', 'siapapun', 'lagi', 'sedang', 'akan', 'jadi', 'sempat',
  'pun', 'sih', 'kok', 'juga', 'benar', 'betul', 'sekalipun', 'kena', 'sama', 'sekali', 'mengalami', 'menerima', 'mendapat',
  'experienced', 'suffered', 'melakukan', 'berbuat', 'any', 'melalui', 'lewat', 'via', 'through',
  'be', 'being', 'been', 'get', 'got', 'ever', 'even', 'really', 'actually', 'once', 'yet', 'physically',
  'anybody', 'anyone', 'one', 'body', 'was', 'were', 'is', 'are',
];

/** "or"-words a negation reaches over to the next predicate ("not locked up or beaten"). */
export const NEGATION_OR: readonly string[] = ['atau', 'ataupun', 'maupun', 'or', 'nor'];

/** Particles allowed between a phrase and a negation after it ("dipukul sih enggak"). */
export const POST_NEGATION_PARTICLES: readonly string[] = ['sih', 'si', 'mah', 'kok', 'juga'];

/** Words after a negation that make it doubt, not negation ("tidak tahu dia disekap"). */
export const DOUBT_AFTER_NEGATION: readonly string[] = [
  'tahu', 'tau', 'tw', 'taw', 'know', 'sure', 'yakin', 'pasti', 'jelas', 'ngerti', 'mengerti',
  'paham', 'tentu', 'salah',
];

/** A conditional ("kalau …") before a harm word makes it a threat. Canonical forms. */
export const CONDITIONALS: readonly string[] = ['kalau', 'bila', 'unless', 'otherwise', 'kalaupun'];

/** Words right before a harm word that make it a threat of harm ("akan dibunuh", "will be beaten"). */
export const FUTURE_MARKERS: readonly string[] = ['akan', 'bakal', 'nanti', 'mau', 'will', 'would', 'going', 'gonna'];

/** How many words back a conditional reaches a harm word within one sentence. */
export const CONDITIONAL_REACH = 16;

/** Words after "pukul" that make it a time of day ("pukul 3", "pukul tiga"). */
export const CLOCK_WORDS: readonly string[] = [
  'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh',
  'sebelas', 'setengah', 'duabelas', 'berapa', 'brp',
];

/**
 * "dulu" means "in advance" right after these ("bayar dulu", "utang 20 juta dulu baru boleh
 * pulang") and when "baru" follows; elsewhere it tells the past ("dulu pernah", "saya dulu").
 */
export const DULU_IN_ADVANCE_AFTER: readonly string[] = [
  'bayar', 'dibayar', 'transfer', 'tf', 'setor', 'kirim', 'tunggu', 'isi', 'daftar', 'deposit',
  'lunasi', 'lunas', 'uang', 'duit', 'juta', 'ribu', 'ringgit', 'rupiah', 'dp', 'biaya', 'utang', 'hutang',
  'cek', 'tanya', 'urus', 'diurus', 'siapkan', 'kumpulkan', 'serahkan', 'serahin', 'kasih', 'titip', 'sini', 'situ', 'hp',
  // held "for now" before a move: "ditampung dulu di gudang", "tinggal dulu di mess"
  'ditampung', 'tampung', 'tinggal', 'menunggu', 'nunggu', 'singgah', 'transit', 'inap', 'menginap', 'disimpan', 'diinapkan',
];

/** After "tahan" these make it "lasting/enduring", not "withheld" ("tahan lama"). */
export const TAHAN_ENDURE: readonly string[] = ['lama', 'banting', 'air', 'panas', 'api', 'uji', 'harga', 'gempa'];

/** Cues that a following number is an age (for the minor check). */
export const AGE_CUES: readonly string[] = ['umur', 'age', 'aged', 'looks', 'look', 'nampak', 'keliatan', 'kelihatan', 'terlihat'];
/** Weaker cues right before a number ("dia baru 16", "masih 15"): count for 10–17 only. */
export const SOFT_AGE_CUES: readonly string[] = ['baru', 'masih', 'only', 'just', 'cuma', 'hanya', 'is', 'was', 'am', 'm'];
/** Units after a number that make it anything but an age in years. */
export const NON_AGE_UNITS: readonly string[] = [
  'hari', 'minggu', 'bulan', 'jam', 'menit', 'kali', 'x', 'orang', 'juta', 'ribu', 'ringgit', 'rm', 'rupiah',
  'days', 'day', 'weeks', 'week', 'months', 'month', 'hours', 'people', 'million', 'kg', 'km', 'persen', 'pagi', 'malam', 'sore',
  'meter', 'meters', 'minutes', 'percent', 'dollars', 'usd', 'am', 'pm',
];
/** Words right before a number that make it an age ("gadis 15 tahun", "anak 8 tahun"). */
export const PERSON_BEFORE_AGE: readonly string[] = [
  'anak', 'gadis', 'bocah', 'remaja', 'adik', 'adiknya', 'cewek', 'cewe', 'perempuan', 'putri',
  'putra', 'girl', 'boy', 'child', 'kid', 'daughter', 'son', 'sister', 'brother', 'niece', 'nephew', 'cousin',
];
/** Age units after a number: "15 tahun", "15 thn", "15 years old", "15 yo". */
export const AGE_UNITS: readonly string[] = ['tahun', 'year', 'years', 'yo', 'yr', 'yrs'];
/** Words before "N tahun" that make it a duration or a year, not an age. */
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
export const SCHOOL_LEVELS: readonly string[] = ['sma', 'smk', 'mts', 'sltp', 'slta', 'pelajar', 'siswi', 'siswa', 'murid', 'schoolgirl', 'schoolboy'];
/** "SD"/"SMP" also abbreviate "sampai (dengan)": they count only after one of {@link SCHOOL_CUES}. */
export const SCHOOL_LEVELS_STRICT: readonly string[] = ['sd', 'smp'];
/** Words before a school level that make a pupil certain ("masih SD", "kelas 5 SD"). */
export const SCHOOL_CUES: readonly string[] = [
  'masih', 'kelas', 'kls', 'anak', 'murid', 'siswa', 'siswi', 'duduk', 'bangku', 'pelajar', 'adik', 'adek', 'gadis', 'perempuan', 'seorang',
];
/** Words before a school level that make it a qualification, not a pupil. */
export const SCHOOL_GRADUATE: readonly string[] = [
  'lulus', 'lulusan', 'tamat', 'tamatan', 'ijazah', 'minimal', 'min', 'pendidikan', 'syarat',
  'setara', 'alumni', 'guru', 'dahulu', 'waktu',
];
