/**
 * Signals added after two more batches written blind by other writers (tuning-9.json: danger told
 * indirectly — relayed calls cut short, messages from a watched phone, witnesses of young people
 * kept in a house or warehouse before a boat; tuning-10.json: victims writing in a hurry in first
 * person, often in learner's English: "burn my hand", "lock me in room", "passport with her").
 * Same format and weights as `signals.ts`; the lowering list at the end is spread there.
 */
import type { Signal } from './signals.js';

/** Where people are kept on the way: an empty house, a back house, a warehouse, a shophouse. */
const HOLDING_PLACES = [
  'rumah kosong', 'rumah belakang', 'rumah orang', 'rumah urang', 'gudang', 'warehouse', 'ruko', 'that house', 'a house',
  'the house', 'empty house', 'her house', 'his house', 'di rumah nya', 'rumahnya',
];
/** Young people or women named as a group. */
const YOUNG_GROUP = [
  'anak anak muda', 'cwe cwe', 'cewek cewek', 'cewe cewe', 'perempuan muda', 'wanita muda', 'cewek muda', 'cwe muda', 'gadis',
  'gadis gadis', 'girls', 'young women', 'women', 'perempuan perempuan', 'remaja', 'budak indon', 'orang orang', 'anak anak',
];
/** Being kept there: left, stored, gathered, waiting, guarded. */
const KEPT = [
  'dititip*', 'ditaruh', 'disimpan', 'simpan dalam', 'ngumpul', 'berkumpul', 'dikumpulkan', 'nunggu', 'menunggu', 'tunggu',
  'waiting', 'still in', 'drop them', 'dropped them', 'unloads', 'unloaded', 'turun', 'masuk ke', 'msk ke', 'into the', 'dijaga',
];
/** A vehicle for the next leg of a journey. */
const VEHICLES = ['perahu', 'bot', 'boat', 'kapal', 'speedboat', 'truk', 'truck', 'van', 'mobil', 'bus', 'oto'];
const READY = ['nunggu', 'menunggu', 'tunggu', 'waiting', 'sudah siap', 'siap', 'ready', 'comes at', 'datang jam', 'datang pukul'];
/** Who may be told on: the police, immigration. */
const AUTHORITIES = ['imigresen', 'imigrasi', 'immigration', 'polisi', 'police', 'polis'];
const TELL_ON = ['lapor', 'laporkan', 'melaporkan', 'bilang ke', 'report', 'report ke', 'call', 'panggil', 'serahkan ke'];

export const RELAYED_SIGNALS: readonly Signal[] = [
  {
    // People kept in a house or warehouse on the way: "dititip di rumah kosong", "unloads young women into the warehouse".
    reason: 'transit_holding',
    weight: 35,
    phrases: ['dititip di rumah', 'simpan dalam rumah', 'drop them at a house', 'still in that house', 'dijaga dua pria', 'dijaga pria'],
    near: [
      { a: HOLDING_PLACES, b: KEPT, window: 4 },
      { a: HOLDING_PLACES, b: YOUNG_GROUP, window: 8 },
    ],
    negatable: false,
  },
  {
    // A vehicle waiting or ready for the next leg: "ada perahu nunggu", "mobil sudah siap", "a boat waiting" (not "saya menunggu kapal").
    reason: 'imminent_departure',
    weight: 30,
    near: [{ a: VEHICLES, b: READY, window: 3, ordered: true }],
    notWith: ['kuliah', 'liburan', 'holiday', 'wisata', 'mudik', 'pulang kampung'],
  },
  {
    // A vehicle full of young people: "2 oto penoh budak2 mude", "a van full of girls".
    reason: 'group_movement',
    weight: 25,
    near: [{ a: ['penuh', 'penoh', 'full of', 'berisi', 'packed with'], b: YOUNG_GROUP, window: 3 }],
  },
  {
    // A boat crew told to carry people off at night without a manifest: "mengangkut 25 orang … dini hari".
    reason: 'imminent_departure',
    weight: 30,
    near: [{ a: ['mengangkut', 'angkut', 'keberangkatan', 'carry', 'transport'], b: ['dini hari', 'pukul _ nanti', 'jam _ nanti', 'malam ini', 'tonight'], window: 10 }],
  },
  {
    reason: 'non_procedural_route',
    weight: 25,
    phrases: ['tanpa manifes', 'tidak ada manifes', 'without manifest', 'no manifest', 'without a manifest'],
    negatable: false,
  },
  {
    // A call or message cut short, then silence: "trs putus", "then the line cut", "no answer since yesterday".
    reason: 'loss_of_contact',
    weight: 40,
    phrases: [
      'terus putus', 'lalu putus', 'langsung putus', 'telepon putus', 'line cut', 'the line went dead', 'call cut', 'call dropped',
      'since then nothing', 'nothing since', 'no answer since', 'tidak ada jawaban sejak', 'tidak diangkat sejak', 'tidak aktif sejak',
      'sejak itu tidak ada', 'sejak itu hilang',
    ],
    negatable: false,
  },
  {
    // Writing from a watched phone: "org nya liat hp", "jgn tlp", "cannot write much", "our code".
    reason: 'isolation',
    weight: 50,
    phrases: [
      'liat hp', 'lihat hp', 'cek hp', 'periksa hp', 'watching my phone', 'checks my phone', 'check my phone', 'jgn tlp', 'jangan telepon',
      'jangan telpon', 'jangan nelpon', 'do not call me', 'do not call back', 'cannot write much', 'can not write much', 'tidak bisa bls lama',
      'tidak bisa balas lama', 'tidak bisa chat lama', 'kode kami', 'our code', 'code word', 'kata sandi kami',
    ],
    negatable: false,
  },
  {
    // Sending for the police to a place: a rescue asked for, not a question about reporting.
    reason: 'help_request',
    weight: 50,
    phrases: ['send the police', 'send police', 'kirim polisi', 'tolong panggil polisi', 'suruh polisi datang', 'panggil polisi ke'],
    notWith: ['should i', 'apakah', 'perlu', 'kalau'],
  },
  {
    // Screams heard: "td ada yg teriak", "we heard screaming".
    reason: 'help_request',
    weight: 25,
    stems: ['jerit'],
    phrases: ['teriak', 'berteriak', 'menjerit', 'jeritan', 'scream', 'screaming', 'screamed', 'screams'],
  },
  {
    // Harm in a hurry or in learner's English: "burn my hand", "kick me", "cekik leher".
    reason: 'physical_sexual_violence',
    weight: 60,
    phrases: [
      'cekik', 'mencekik', 'dicekik', 'choke*', 'strangle*', 'burn my', 'burn me', 'burn her', 'burned my', 'kick me', 'kicks me',
      'kick us', 'hit me', 'hits me', 'slap me', 'slaps me', 'disetrika', 'disundut', 'celakai', 'dicelakai', 'mencelakai', 'kena kacau',
    ],
    threatWhenConditional: true,
  },
  {
    // Confined in first person: "lock me in room", "not allow me go out".
    reason: 'restriction_of_movement',
    weight: 55,
    phrases: [
      'lock me', 'locks me', 'lock us', 'not allow me go out', 'not allow me to go out', 'not allow me go', 'not let me go out',
      'no window', 'no windows', 'tidak ada jendela', 'kapten tidak izin pulang', 'tidak izin pulang', 'tidak antar ke darat',
      'tidak mau antar ke darat', 'tidak ijinin ke klinik', 'tidak izinkan ke klinik', 'tidak izin ke klinik',
    ],
    negatable: false,
  },
  {
    // Locked in from outside: "mengunci asrama dari luar", "lock the dorm from outside" (negatable: "tidak dikunci dari luar").
    reason: 'restriction_of_movement',
    weight: 55,
    phrases: ['mengunci _ dari luar', 'mengunci dari luar', 'kunci _ dari luar', 'dikunci dari luar', 'lock _ from outside', 'locked from outside', 'locks _ from outside'],
  },
  {
    // Documents held in learner's English or collected from a group: "passport with her", "collecting passports".
    reason: 'retention_of_documents',
    weight: 50,
    phrases: [
      'passport with her', 'passport with him', 'passport with boss', 'passport with the boss', 'passport with madam', 'passport with agent',
      'take my passport', 'took my passport', 'collecting passports', 'collecting _ passports', 'collect _ passports', 'kumpulin paspor',
      'mengumpulkan paspor', 'kumpulkan paspor',
    ],
    notWith: ['bisa minta', 'can ask', 'dikembalikan', 'returned'],
  },
  {
    // Being sold on: "he sell me to other boss", "mau jual aku".
    reason: 'intimidation_threats',
    weight: 55,
    phrases: ['sell me', 'sells me', 'sell us', 'jual aku', 'jual saya', 'jual kami'],
    negatable: false,
  },
  {
    // Told on to the police or immigration if she complains or runs: a threat when said with "if".
    reason: 'intimidation_threats',
    weight: 50,
    near: [{ a: TELL_ON, b: AUTHORITIES, window: 3 }],
    threatOnly: true,
  },
  {
    // Forced to serve customers: "paksa nya layan customer", "they make me sex worker".
    reason: 'sexual_exploitation',
    weight: 60,
    phrases: ['sex worker', 'layan customer', 'layani customer', 'melayani customer', 'serve customers', 'layan lelaki', 'melayani laki laki'],
  },
  {
    // Carrying a parcel through the airport on orders: drug couriering.
    reason: 'forced_criminality',
    weight: 50,
    near: [{ a: ['dipaksa', 'disuruh', 'forced', 'paksa'], b: ['bawa paket', 'membawa paket', 'carry _ package', 'carry a parcel', 'bawa barang'], window: 3 }],
  },
  {
    // Wages unpaid in SMS spelling: "blm dibyr", "tdk bayar gaji".
    reason: 'withholding_wages',
    weight: 25,
    phrases: ['tidak dibyr', 'belum dibyr', 'tidak bayar gaji', 'tidak give salary', 'not give salary', 'no salary'],
  },
];

/**
 * A supposition that the writer then places in the present ("apakah wajar jika … ? Saya sedang berada di
 * asrama tersebut", "what happens if … ? Asking for my niece, she is there now"): the case is real, so
 * what the question supposed counts as said.
 */
export const SUPPOSED_IS_REAL: readonly string[] = [
  'saya sedang berada di', 'aku sedang berada di', 'kami sedang berada di', 'saya sekarang di asrama', 'i am there now', 'she is there now',
  'he is there now', 'they are there now', 'we are there now', 'saya ada di sana sekarang', 'ini terjadi pada saya', 'this is happening to me',
];

/** Not over, but out of it: moved to another job, the trip called off. Spread into the `resolved` lowering. */
export const RESOLVED_RELAYED: readonly string[] = [
  'sudah pindah kerja', 'sudah pindah kerja legal', 'tidak jadi karena', 'tidak jadi berangkat', 'tidak jadi pergi', 'batal berangkat',
  'saya larang', 'aku larang', 'he is ok now', 'she is ok now',
];

/** Not a case: someone writing about it for study or the press. */
export const NOT_A_CASE_RELAYED: readonly string[] = [
  'writing an article', 'an article', 'campus paper', 'for my thesis', 'for my essay', 'skripsi', 'tugas kuliah', 'tugas sekolah',
  // asking whether something counts ("itu termasuk ancaman gk?", "apa itu termasuk eksploitasi?", "itu legal gk?")
  'termasuk ancaman', 'termasuk eksploitasi', 'termasuk perdagangan orang', 'itu legal', 'legal tidak', 'ugutan ka', 'count as',
  // a minor on an official trip with a teacher or parents
  'guru ikut', 'bersama guru pendamping', 'didampingi guru', 'didampingi pelatih', 'resmi dari sekolah', 'program resmi sekolah', 'accompanied by a teacher',
];
