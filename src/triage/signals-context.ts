/**
 * Signals added after two batches written blind by other writers (test/fixtures/triage/tuning-5.json
 * and tuning-6.json) showed which patterns the earlier lists lacked: asking to be fetched, being
 * driven somewhere unknown, arriving at a border place before a crossing, a vehicle full of young
 * people heading for the border at night, threats addressed to the victim ("kalau kamu kabur …"),
 * kept at sea without shore leave, a borrowed phone. Same format and weights as `signals.ts`;
 * the lowering lists at the end (outreach, study, rumours, hypotheticals, "I escaped, I'm fine")
 * are spread into `LOWERING` there.
 */
import type { Signal } from './signals.js';

/** Crossing points on the way out of West Kalimantan: where people wait before the next leg. */
const CROSSING_POINTS = [
  'entikong', 'badau', 'aruk', 'sajingan', 'jagoi', 'jagoi babang', 'sekayam', 'tebedu', 'biawak', 'serian', 'lundu',
  'perbatasan', 'plbn', 'border', 'nunukan', 'batam',
];
/** Crossing points and the destinations abroad beyond them. */
const BORDER_PLACES = [...CROSSING_POINTS, 'malaysia', 'sarawak', 'kuching', 'sabah', 'brunei', 'tawau'];
/** "To a place abroad or the border": a destination that makes a move at night a crossing. */
const TO_BORDER = [
  ...BORDER_PLACES.flatMap((p) => [`ke ${p}`, `arah ${p}`, `ke arah ${p}`, `to ${p}`, `towards ${p}`, `menuju ${p}`]),
  'ke luar negeri', 'ke kamboja', 'ke myanmar', 'to cambodia', 'to myanmar', 'to the border', 'ke seberang',
];
/** When a move happens soon: tonight, tomorrow, at a stated hour of the night. */
const SOON = [
  'malam ini', 'nanti malam', 'malam nanti', 'malam tok', 'besok', 'lusa', 'tonight', 'tomorrow', 'midnight', 'tengah malam',
  'jam _ malam', 'nanti pagi', 'pagi nanti', 'dini hari', 'subuh', 'sekarang', 'now', 'this afternoon', 'this evening',
  'jam 1 pagi', 'jam 2 pagi', 'jam 3 pagi', 'jam 4 pagi', '1 am', '2 am', '3 am', '4 am', 'before dawn', 'minggu ini', 'this week',
];
/** Young people or workers named as a plural (reduplicated or counted). */
const YOUNG_PLURAL = [
  'anak anak muda', 'anak muda', 'budak budak', 'anak anak', 'cewek cewek', 'cewe cewe', 'perempuan perempuan', 'gadis gadis',
  'remaja', 'pemuda', 'teenagers', 'youths', 'young people', 'kids', 'girls', 'young women',
];
/** Someone asking to be fetched: they cannot leave on their own. */
const FETCH_ME = [
  'jemput aku', 'jemput saya', 'jemput kami', 'jemput adik', 'tolong jemput', 'minta dijemput', 'please jemput',
  'come get me', 'come and get me', 'come get us', 'pick me up', 'pick us up', 'get me out', 'keluarkan aku', 'keluarkan saya',
];
/** Where someone is lodged on the way: a mess, a boarding house, a cheap hotel. */
const LODGING = [
  'mess', 'kos', 'kost', 'rumah kos', 'wisma', 'asrama', 'hotel murah', 'rumah calo', 'rumah agen', 'barak', 'rumah dekat', 'house near',
  'rumah kayu', 'rumah kontrakan', 'pondok', 'room above', 'longhouse',
];
/** An ordinary trip, stated: a move with one of these is not a crossing or a departure to worry about. */
const ORDINARY_TRIP = [
  'liburan', 'holiday', 'jalan jalan', 'wisata', 'umroh', 'umrah', 'ziarah', 'berobat', 'jenguk', 'dinas', 'kuliah', 'untuk sekolah',
  'lomba', 'pertukaran pelajar', 'dokumen lengkap', 'semua dokumen', 'paspor lengkap', 'visa kerja sudah', 'visa kerja lengkap',
  'pulang kampung', 'mudik', 'lewat pt resmi', 'p3mi resmi', 'cpmi resmi', 'ltsa', 'sekeluarga',
];
const TRANSPORT_HUB = ['terminal', 'pelabuhan', 'dermaga', 'bandara', 'pool bus', 'simpang', 'jetty', 'harbour', 'port', 'bus station'];

/** A cry for help said on its own: "tolong" or "help" ending its clause or followed by whom it calls. */
export const HELP_WORDS: readonly string[] = ['tolong', 'help', 'sos', 'urgent', 'darurat'];
/** Who a bare cry calls ("tolong kak", "help sis") or how strongly ("tolong inyan"). */
export const HELP_ADDRESS: readonly string[] = [
  'kak', 'kakak', 'pak', 'bapak', 'bu', 'ibu', 'bang', 'abang', 'mak', 'ma', 'mama', 'sis', 'bro', 'guys', 'min', 'p', 'inyan', 'sangat',
  'banget', 'plis', 'please', 'pls', 'me', 'us', 'kami', 'kamek', 'aku', 'saya', 'segera', 'cepat', 'now', 'sekarang',
];
/** Vessels, and words saying the crew never comes ashore (as in signals-general.ts), for the isolation they mean. */
const VESSEL = ['kapal', 'kapal ikan', 'boat', 'ship', 'vessel', 'perahu', 'trawler', 'longline'];
const NEVER_ASHORE = [
  'belum sandar', 'tidak sandar', 'tidak pernah sandar', 'tidak bersandar', 'tidak pernah bersandar', 'tidak turun darat',
  'tidak pernah ke darat', 'tidak ke darat', 'tidak turun ke darat', 'never go to port', 'never goes to port', 'never docked',
  'not docked', 'at sea', 'di laut terus', 'tidak pernah turun darat', 'tidak boleh turun', 'tidak boleh turon', 'tidak boleh ke darat',
];

export const CONTEXT_SIGNALS: readonly Signal[] = [
  {
    reason: 'help_request',
    weight: 15,
    phrases: [
      'tolong bawa aku pulang', 'tolong bawa pulang', 'bawa aku pulang', 'bawa pulang aku', 'tolong ambil', 'take me home', 'bring me home',
      'please tell my mom', 'please tell my mother', 'please someone', 'someone check', 'mohon segera dibantu', 'mohon dibantu', 'pls help',
      'help plis', 'plis help', 'sis help', 'urgent banget', 'tolong hubungi', 'please contact', 'tolong kabari', 'we are so worried',
      'tolonglah', 'perlu pertolongan', 'butuh pertolongan', 'please do something', 'tolong selamatkan',
    ],
    negatable: false,
  },
  {
    reason: 'isolation',
    weight: 30,
    phrases: [
      'check my phone', 'checks my phone', 'not been allowed to phone', 'not allowed to phone', 'hp cuma boleh', 'hp hanya boleh',
      'phone only allowed', 'lewat wifi kapal lain',
    ],
    near: [{ a: VESSEL, b: NEVER_ASHORE, window: 9 }],
    notWith: ['besok sandar', 'will dock', 'biasa saja'],
  },
  {
    reason: 'abuse_of_vulnerability',
    weight: 15,
    phrases: [
      'tuna wicara', 'tunawicara', 'tuna rungu', 'tunarungu', 'tuli', 'bisu', 'deaf', 'mute', 'cacat', 'disabled', 'sakit keras', 'ibu hamil',
      'tidak ada duit', 'tidak ada uang', 'poor village', 'poor villages', 'tidak bisa berbahasa', 'tidak bisa baca', 'belum lulus sd',
      'can not read', 'orang tua tidak tahu', 'their parents do not know',
    ],
    negatable: false,
  },
  {
    reason: 'forced_criminality',
    weight: 50,
    phrases: [
      'love scam', 'scam cinta', 'admin judi', 'operator judi', 'bawa sabu', 'kurir sabu', 'mengedarkan narkoba', 'edarkan narkoba',
      'sell drugs', 'carry drugs', 'smuggle drugs', 'scamming people', 'forced to scam', 'dipaksa jadi admin', 'dipaksa jadi operator',
    ],
  },
  {
    reason: 'forced_criminality',
    weight: 30,
    phrases: [
      'in a compound', 'dapat korban', 'dapet korban', 'target korban', 'compound lain', 'another compound', 'cheat people',
      'scam crypto', 'scam online', 'online scam', 'aslinya scam',
    ],
  },
  {
    // A place where girls are offered and a madam or customers: "dijual di wisma", "mami pegang KTP".
    reason: 'sexual_exploitation',
    weight: 60,
    phrases: ['dijual di wisma', 'put in a wisma', 'layan tamu', 'melayani tamu'],
    near: [{ a: ['wisma', 'karaoke', 'hotel melati', 'hotel murah', 'pub', 'bar', 'panti pijat'], b: ['mami', 'germo', 'mucikari', 'cowok dewasa', 'om om', 'laki laki dewasa', 'pria dewasa'], window: 6 }],
    notWith: ['berita', 'news', 'razia', 'raid', 'saw a post', 'pernah', 'dahulu'],
  },
  {
    reason: 'debt_bondage',
    weight: 30,
    phrases: ['sampai lunas', 'until paid off', 'until the debt is paid', 'until it is paid', 'dipotong sampai lunas', 'tebus utang'],
  },
  {
    // "tolong jemput aku sekarang", "please come get me": a person who can only leave if fetched.
    reason: 'help_request',
    weight: 35,
    phrases: FETCH_ME,
    negatable: false,
    // An ordinary lift (home for the holidays, from the airport after a flight) is not a rescue.
    notWith: ['pulang kampung', 'mudik', 'liburan', 'holiday', 'dari sekolah', 'from school', 'jemput ibu', 'bandara', 'airport', 'landing', 'pesawat'],
  },
  {
    // "dibawa ke tempat yang saya tidak tahu": driven somewhere unknown, against one's knowledge.
    reason: 'restriction_of_movement',
    weight: 55,
    phrases: ['keep her in', 'keep him in', 'keep them in', 'keeps her in', 'keeps him in', 'in the back room', 'tidak mengizinkannya keluar', 'tidak ada jalan keluar', 'no way out', 'no shore leave', 'refuses to go ashore', 'never goes ashore', 'tidak boleh ke darat'],
    near: [
      { a: ['dibawa', 'dibawa pergi', 'taken', 'driven', 'brought'], b: ['ragu', 'tempat asing', 'tidak dikenal', 'unknown place', 'somewhere unknown'], window: 5 },
      // A guard on the door: "mandor jaga pintu", "the gate is guarded".
      { a: ['jaga', 'dijaga', 'menjaga', 'guard', 'guards', 'guarding', 'watches'], b: ['pintu', 'gerbang', 'pagar', 'door', 'gate'], window: 2 },
    ],
    negatable: false,
  },
  {
    // More verbs of beating in everyday and regional speech; stems match their affixed forms.
    reason: 'physical_sexual_violence',
    weight: 60,
    stems: ['tonjok', 'gampar', 'pecut', 'sabet', 'benturkan', 'kasari', 'beat', 'attack'],
    phrases: [
      'dibuang ke laut', 'dilempar ke laut', 'thrown overboard', 'thrown into the sea', 'mayatnya dibuang', 'kdrt', 'main tangan',
      'ringan tangan', 'physically abused', 'abusing her', 'abusing him', 'abuses her', 'abuses him', 'disetubuhi', 'digauli',
      'dipaksa berhubungan', 'forced sex', 'dibenturkan', 'bekas luka', 'bekas pukulan', 'disetrika', 'dicubit', 'dicubiti',
    ],
    threatWhenConditional: true,
  },
  {
    // Arrived at a border place or lodged at a hub before the next leg: "udh sampe badau", "di mess Entikong".
    reason: 'transit_holding',
    weight: 30,
    near: [
      { a: ['sampai', 'sudah sampai', 'tiba', 'sudah tiba', 'arrived', 'reached', 'sudah di', 'sekarang di', 'sekarang ada di', 'now in', 'now at', 'already in', 'already at'], b: CROSSING_POINTS, window: 2, ordered: true },
      { a: LODGING, b: [...CROSSING_POINTS, ...TRANSPORT_HUB], window: 3 },
      { a: ['menunggu', 'nunggu', 'tunggu', 'waiting', 'wait', 'waits'], b: [...TO_BORDER, 'boat', 'speedboat', 'tekong', 'jemputan', 'the guide', 'guide', 'to cross'], window: 5, ordered: true },
    ],
    notWith: ORDINARY_TRIP,
  },
  {
    // Tonight / tomorrow towards the border, said anywhere in the sentence.
    reason: 'imminent_departure',
    weight: 30,
    near: [
      { a: SOON, b: TO_BORDER, window: 20 },
      {
        a: SOON,
        b: ['penyeberangan', 'mengangkut', 'diangkut', 'carry', 'picks them up', 'pick them up', 'fly out', 'flies', 'speedboat jalan', 'boat leaves', 'nyeberang', 'nyebrang', 'menyeberang'],
        window: 8,
      },
    ],
    notWith: [...ORDINARY_TRIP, 'bulan lalu', 'tahun lalu', 'last month', 'ago', 'mau tanya', 'apakah', 'dahulu', 'pernah', 'used to'],
  },
  {
    // A vehicle or a place full of young people: "isinya anak2 muda", "penuh budak2 mude", "10 orang budak mude".
    reason: 'group_movement',
    weight: 20,
    phrases: ['mobil penuh', 'bus penuh', 'bis penuh', 'truk penuh', 'van penuh', 'full of young', 'full of girls', 'carload of', 'truckload of'],
    near: [
      { a: ['isinya', 'isi', 'penuh', 'full of', 'loaded with', 'carrying', 'bawa', 'membawa', 'dibawa'], b: YOUNG_PLURAL, window: 3, ordered: true },
      { a: ['3', '4', '5', '6', '7', '8', '9', '10', '15', '20', '25', '30', '40', 'around', 'about', 'sekitar', 'lebih kurang', 'kurang lebih'], b: YOUNG_PLURAL, window: 3, ordered: true },
    ],
    notWith: ['studi banding', 'study tour', 'wisata', 'pengajian', 'umroh', 'liburan', 'holiday', 'sekolah kami', 'kemah', 'pramuka'],
  },
  {
    reason: 'non_procedural_route',
    weight: 25,
    phrases: [
      'jalan kebun', 'jalan ladang', 'jalan sawit', 'lewat kebun', 'lewat ladang', 'jalur kebun', 'forest road', 'jungle road',
      'plantation road', 'back road', 'no work permit needed', 'tidak perlu permit', 'tanpa permit',
    ],
  },
  {
    // Threats addressed to the victim: "kalau kamu kabur, utangmu jadi 50 juta", "if you run we find your family".
    reason: 'intimidation_threats',
    weight: 55,
    phrases: [
      'kalau kamu kabur', 'kalau kau kabur', 'kalau ko kabur', 'kalau kalian kabur', 'kalau kamu lari', 'kalau kalian lari',
      'kalau kamu lapor', 'kalau kalian lapor', 'kalau berani kabur', 'kalau berani lari', 'kalau berani lapor',
      'kalau kamu melapor', 'kalau kamu menolak', 'if you run', 'if you escape', 'if you try to leave', 'if you report',
      'if you tell anyone', 'if you refuse', 'either we pay', 'either you pay', 'or they move', 'or they will', 'or we will',
      'move him to another', 'move her to another', 'sell him to another', 'sell her to another', 'dijual ke perusahaan lain',
      'dipindah ke perusahaan lain', 'dipindahkan ke kompleks lain',
    ],
    negatable: false,
  },
  {
    // Writing from a borrowed phone or a hiding place: the person has no phone of their own to use.
    reason: 'isolation',
    weight: 30,
    phrases: [
      'pinjam hp', 'meminjam hp', 'hp pinjaman', 'pakai hp orang', 'borrowed phone', 'borrowed a phone', 'borrowed hp', 'typing in the toilet',
      'from the toilet', 'dari kamar mandi', 'took my phone', 'took her phone', 'took his phone', 'took my phone charger',
      'sik dapat cakap', 'tidak dapat cakap', 'tidak boleh cakap', 'can not talk to her', 'can not talk to him',
    ],
    negatable: false,
  },
  {
    reason: 'abusive_conditions',
    weight: 25,
    phrases: [
      'no fresh water', 'no clean water', 'barely fed', 'not fed', 'tidak dibawa berobat', 'tidak dibawa ke dokter', 'tidak dibawa ke klinik',
      'nasi basi', 'swollen legs', 'tidur campur',
    ],
    negatable: false,
  },
  {
    reason: 'excessive_overtime',
    weight: 20,
    near: [{ a: ['work', 'working', 'worked', 'kerja', 'bekerja'], b: ['14 hours', '15 hours', '16 hours', '17 hours', '18 hours', '19 hours', '20 hours', '21 hours', '22 hours'], window: 4 }],
    notWith: ['paid overtime', 'uang lembur', 'dibayar lembur'],
  },
  {
    reason: 'sexual_exploitation',
    weight: 60,
    phrases: [
      'song guide', 'pemandu lagu', 'lelaki silih berganti', 'laki laki silih berganti', 'tamu silih berganti', 'men take her to rooms',
      'take her to rooms', 'dibawa ke kamar oleh tamu', 'bawa masuk lelaki', 'bawa masuk laki laki', 'brings men in',
    ],
    notWith: ['saw a post', 'no details', 'tidak ada detail', 'katanya ada sindikat'],
  },
  {
    reason: 'forced_criminality',
    weight: 30,
    near: [
      {
        a: ['kantor it', 'perusahaan it', 'it company', 'it office', 'company it', 'kerja di it', 'bidang it'],
        b: ['bangkok', 'kamboja', 'cambodia', 'myanmar', 'myawaddy', 'laos', 'thailand', 'phnom penh', 'sihanoukville', 'philippines', 'filipina'],
        window: 6,
      },
    ],
  },
  {
    reason: 'loss_of_contact',
    weight: 40,
    phrases: ['tidak ada berita', 'tidak ada kabar', 'no news from', 'no contact for', 'no contact since'],
    near: [
      { a: ['tidak bisa', 'tidak dapat', 'susah', 'can not', 'could not'], b: ['ditelepon', 'ditelpon', 'ditelfon', 'dihubungi', 'ditelp', 'called', 'reached'], window: 2, ordered: true },
    ],
    negatable: false,
    notWith: ['hp rusak', 'sudah bisa dihubungi', 'ganti nomor', 'sudah ketemu', 'kabar baik', 'sudah menelepon', 'called yesterday'],
  },
  {
    reason: 'retention_of_documents',
    weight: 40,
    near: [
      { a: ['ambil', 'ambik', 'took', 'rampas', 'sita'], b: ['paspor', 'paspornya', 'dokumen', 'ktp', 'permit'], window: 4, ordered: true },
      { a: ['has', 'have', 'holds', 'hold', 'keeps', 'kept'], b: ['our paspor', 'my paspor', 'her paspor', 'his paspor', 'their paspor', 'all paspor', 'our documents', 'her documents'], window: 2, ordered: true },
    ],
    notWith: ['sendiri', 'own', 'myself', 'imigrasi', 'immigration', 'mau tanya', 'siapa', 'kantor', 'boleh', 'she has her', 'he has his', 'i have my', 'we have our', 'goes out freely', 'go out freely'],
  },
  {
    reason: 'marriage_brokering',
    weight: 35,
    near: [{ a: ['suami', 'husband', 'mertua', 'calon suami'], b: ['cina', 'china', 'chinese', 'taiwan', 'taiwanese', 'tiongkok', 'orang asing'], window: 2 }],
    notWith: ['bahagia', 'happy', 'legal', 'prosedur', 'apakah'],
  },
  {
    reason: 'minor',
    weight: 50,
    phrases: ['look like kids', 'looks like a kid', 'look like children', 'seperti anak anak', 'masih seperti anak', 'keliatan masih kecil', 'nampak masih kecil'],
  },
];

/**
 * Texts that are not a case at all: outreach or teaching requests, study, a rumour from social
 * media, a hypothetical ("what should I do if …", "kalau misalnya …"), a survivor sharing a story.
 * Stronger than a general question: they outweigh the indicators a story carries.
 */
export const NOT_A_CASE_PHRASES: readonly string[] = [
  'penyuluhan', 'sosialisasi', 'edukasi', 'program pelatihan', 'program pendataan', 'pendataan', 'mengadakan', 'bahan ngajar',
  'bahan mengajar', 'untuk pengetahuan', 'for my thesis', 'my thesis', 'skripsi', 'law student', 'mahasiswa hukum', 'tugas kuliah',
  'just need it for', 'saw a post', 'lihat postingan', 'no details', 'no names', 'tidak ada detail', 'share pengalaman', 'berbagi pengalaman',
  'share my story', 'warn others', 'what should i do if', 'what do i do if', 'what happens if', 'kalau misalnya', 'seandainya',
  'andaikan', 'legal age', 'umur minimal',
  'batas umur', 'prosedur resmi', 'bagaimana prosedur', 'secara sah', 'membaca berita', 'baca berita', 'read the news', 'ada sanksi',
  'kasusnya sudah', 'di pengadilan', 'masih ada kasus',
];
/** Only these keep a not-a-case text urgent: the person is in it now. */
export const NOT_A_CASE_UNLESS: readonly string[] = ['sedang di', 'sedang ditahan', 'sedang disekap', 'sedang dikurung', 'sedang dipaksa', 'currently', 'sekarang disekap', 'tolong segera', 'malam ini', 'tonight'];

/** More ways to say "it is over, they are fine", for the `resolved` lowering. */
export const RESOLVED_MORE: readonly string[] = [
  'i am home', 'am home now', 'home now', 'i escaped', 'we escaped', 'berhasil kabur', 'berhasil lolos', 'direpatriasi', 'repatriated',
  'i m fine', 'i am fine', 'now fine', 'sudah lunas', 'paid off', 'sudah dideportasi', 'dideportasi pulang', 'pulang dan selamat',
  'ternyata aman', 'aman bekerja', 'kemarin menelepon', 'kemarin ia menelepon', 'kemarin dia menelepon', 'akhirnya menelepon',
  'aku selamat', 'kami selamat', 'saya selamat', 'tidak ada masalah lain', 'no other problem', 'bebas pulang pergi', 'free to come and go',
  'bebas keluar masuk', 'anaknya bahagia', 'dia bahagia', 'sering video call', 'sering vc', 'sudah kerja resmi', 'polisi menangkap calo', 'polisi nangkap calo',
  'polisi menangkap pelaku', 'polisi nangkap pelaku', 'pelaku sudah ditangkap', 'pelaku ditangkap', 'pelakunya ditangkap', 'belum sempat berangkat', 'tidak jadi berangkat',
];

/** A story placed in a past year. */
export const PAST_YEARS: readonly string[] = Array.from({ length: 13 }, (_, i) => 2013 + i).flatMap((y) => [`tahun ${y}`, `in ${y}`, `pada ${y}`]);
