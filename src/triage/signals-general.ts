/**
 * Signals written as general patterns of the language rather than as sentences: a class of
 * words next to another class ("kapal" + "belum sandar", "makan" + "sisa"), a threat of exposure,
 * sleep and rest taken away, waiting before a crossing. Added after a second, independently
 * written batch of tips (test/fixtures/triage/tuning-2.json) showed how often reporters describe
 * danger indirectly. Same format and weights as `signals.ts`.
 */
import type { Signal } from './signals.js';

const VESSEL = ['kapal', 'kapal ikan', 'boat', 'ship', 'vessel', 'perahu', 'bot'];
const NOT_ASHORE = [
  'belum sandar', 'tidak sandar', 'tidak pernah sandar', 'belum pernah sandar', 'belum bersandar', 'tidak bersandar',
  'tidak turun darat', 'belum turun darat', 'tidak pernah turun', 'belum turun', 'tidak ke darat', 'belum ke darat',
  'belum berlabuh', 'tidak berlabuh', 'tidak docked', 'tidak dock', 'never docked', 'not docked', 'not been ashore',
  'tidak pulang pulang', 'belum pulang pulang', 'tidak mendarat', 'belum mendarat',
];
const WAITING = ['menunggu', 'nunggu', 'tunggu', 'waiting', 'wait', 'waits', 'tinggal dulu', 'ditampung duluan'];
/** Being moved on, not an ordinary trip: a ferry or a pick-up alone is not a crossing. */
const CROSSING = [
  'menyeberang', 'nyebrang', 'nyeberang', 'diseberangkan', 'menyeberangkan', 'dikirim', 'diberangkatkan', 'diselundupkan',
  'gelap', 'cross', 'crossing', 'to be taken', 'to be sent', 'to be smuggled',
];
const FOOD = ['makan', 'makanan', 'food', 'meal', 'meals', 'nasi', 'mkn'];
const TOO_LITTLE = [
  'sedikit', 'kurang', 'sisa', 'garam', 'kosong', 'basi', 'sekali', 'jarang', 'once', '1', 'one', 'barely', 'only',
  'leftovers', 'leftover', 'tidak cukup', 'not enough', 'scraps',
];
const SLEEP = ['tidur', 'sleep', 'slept', 'rest'];
const FEW_HOURS = ['2 jam', '3 jam', '4 jam', 'dua jam', 'tiga jam', 'empat jam', '2 hours', '3 hours', '4 hours', 'two hours', 'three hours', 'four hours'];
/** Spreading is itself the harm; sending is only when it goes to the family or everyone. */
const EXPOSE = ['sebar', 'disebar', 'disebarkan', 'sebarkan', 'menyebarkan', 'viralkan', 'diviralkan', 'spread', 'leak'];
const TO_EVERYONE = [
  'ke keluarga', 'ke keluarganya', 'ke kampung', 'ke semua', 'ke facebook', 'di facebook', 'to her family', 'to his family',
  'to my family', 'to our family', 'to the family', 'to everyone', 'on facebook', 'online', 'ke internet', 'di internet',
];
const MEDIA = ['foto', 'fotonya', 'video', 'videonya', 'gambar', 'photo', 'photos', 'picture', 'pictures', 'videos', 'pic', 'pics'];

/** Being put or kept somewhere on the way … */
const STAY = ['menginap', 'ditaruh', 'ditampung', 'dikumpulkan', 'dikumpul', 'disuruh kumpul', 'tinggal sementara', 'staying', 'kept', 'held', 'dropped'];
/** … at a place of passage. */
const PASSAGE = [
  'ruko', 'gudang', 'rumah kosong', 'plbn', 'perbatasan', 'border', 'warehouse', 'pelabuhan', 'bandara', 'hotel', 'wisma',
  'penginapan', 'losmen', 'entikong', 'badau', 'aruk', 'jagoi', 'sekayam', 'tebedu', 'serian', 'balai karangan', 'harbour', 'airport',
];

export const GENERAL_SIGNALS: readonly Signal[] = [
  {
    reason: 'transit_holding',
    weight: 30,
    near: [{ a: STAY, b: PASSAGE, window: 6 }],
    notWith: ['liburan', 'holiday', 'wisata', 'umroh', 'umrah', 'dinas', 'dokumen lengkap'],
  },
  {
    // Months at sea: the crew is cut off even when no one says "held".
    reason: 'isolation',
    weight: 30,
    near: [{ a: ['bulan', 'months', 'tahun', 'year', 'years'], b: ['di laut', 'at sea', 'di tengah laut', 'on the boat', 'on board'], window: 2, ordered: true }],
  },
  {
    reason: 'restriction_of_movement',
    weight: 55,
    phrases: ['coba lari', 'mencoba lari', 'try to run', 'tries to run', 'tried to run'],
    threatWhenConditional: true,
  },
  {
    // With the agent, or near the airport or border, before a move.
    reason: 'transit_holding',
    weight: 30,
    phrases: [
      'bersama agen', 'bersama calo', 'dengan agennya', 'di rumah agen', 'di rumah calo', 'di kos agen', 'dekat bandara',
      'with the agent', 'at the agent s house', 'empty house',
    ],
    notWith: ['kantor agen resmi', 'p3mi resmi', 'visa kerja lengkap', 'dokumen lengkap', 'umroh', 'umrah'],
  },
  {
    reason: 'non_procedural_route',
    weight: 25,
    phrases: ['jungle track', 'jungle path', 'forest path', 'forest track', 'jalan kaki ke malaysia', 'walk across', 'on foot across'],
  },
  {
    // Kept at sea: a vessel that has not docked for months ("kapal belum sandar 8 bulan").
    reason: 'restriction_of_movement',
    weight: 55,
    phrases: ['tidak turun darat', 'tidak pernah turun ke darat', 'tidak dibolehkan turun darat', 'has not docked', 'hasn t docked'],
    near: [{ a: VESSEL, b: NOT_ASHORE, window: 6 }],
    notWith: ['besok sandar', 'minggu depan sandar', 'will dock', 'biasa saja', 'biasa aj'],
  },
  {
    // Taken away by strangers or carried off: abduction in plain words.
    reason: 'restriction_of_movement',
    weight: 55,
    phrases: [
      'dibawa orang tidak dikenal', 'dibawa paksa', 'diambil paksa', 'taken by strangers', 'dijaga preman', 'armed guards',
      'dirantai', 'dipasung',
    ],
    stems: ['lock', 'chain', 'confine', 'kidnap', 'detain', 'trap'],
  },
  {
    // "fotonya akan disebar", "they will send her video to her family": exposure as a threat.
    reason: 'intimidation_threats',
    weight: 55,
    near: [
      { a: EXPOSE, b: MEDIA, window: 3 },
      { a: MEDIA, b: TO_EVERYONE, window: 3, ordered: true },
    ],
    threatOnly: true,
  },
  {
    // Harm to family or home, said as a condition or future ("his men will come to our house if …").
    reason: 'intimidation_threats',
    weight: 55,
    phrases: ['dicari sampai', 'sell me', 'sell her', 'sell him', 'sell us', 'jual lagi', 'dijual ke', 'ditembak', 'tembak', 'shoot', 'shot'],
    near: [
      {
        a: ['his men', 'their men', 'her men', 'anak buahnya', 'anak buah', 'preman', 'thugs', 'gang', 'orang orangnya'],
        b: ['come', 'datang', 'cari', 'find', 'visit', 'datangi'],
        window: 4,
        ordered: true,
      },
    ],
    threatOnly: true,
  },
  {
    reason: 'physical_sexual_violence',
    weight: 60,
    stems: ['tembak', 'hentak', 'bacok', 'tikam', 'sepak', 'terajang', 'lempang', 'rantai', 'pasung', 'stab', 'punch', 'kick', 'slap', 'burn', 'whip', 'choke', 'strangle'],
    phrases: ['kena hentak', 'dihentak', 'siram air panas', 'air mendidih', 'boiling water', 'stabbed'],
    threatWhenConditional: true,
  },
  {
    // An injury is violence unless the same sentence gives an accident as its cause.
    reason: 'physical_sexual_violence',
    weight: 60,
    phrases: ['lebam', 'memar', 'berdarah', 'patah', 'luka', 'bengkak', 'bruises', 'bruised', 'bleeding', 'black eye'],
    notWith: ['jatuh', 'terjatuh', 'kecelakaan', 'tabrakan', 'accident', 'fell', 'crash', 'motor', 'olahraga', 'main bola', 'patah hati'],
    threatWhenConditional: true,
  },
  {
    // Unwanted touching, and being made to drink or sit with customers.
    reason: 'sexual_exploitation',
    weight: 60,
    near: [{ a: ['dipaksa', 'disuruh', 'forced', 'forces', 'force', 'made', 'makes'], b: ['minum', 'drink', 'menemani', 'temani', 'sit with', 'customers', 'tamu', 'men', 'laki laki'], window: 4, ordered: true }],
  },
  {
    reason: 'physical_sexual_violence',
    weight: 60,
    stems: ['touch', 'grope', 'raba'],
    phrases: ['dipegang pegang', 'diraba raba', 'meraba raba'],
  },
  {
    reason: 'abusive_conditions',
    weight: 25,
    phrases: [
      'nasi kosong', 'makan sisa', 'sisa majikan', 'one meal', 'only one meal', 'bangsal bocor', 'tidak diobati', 'not treated',
      'no doctor', 'eats what', 'what the kids leave',
    ],
    near: [
      { a: FOOD, b: TOO_LITTLE, window: 3 },
      { a: ['tidur', 'sleep', 'sleeps', 'sleeping', 'slept'], b: ['gudang', 'dapur', 'lantai', 'kamar mandi', 'storeroom', 'store room', 'kitchen', 'floor', 'bathroom', 'kandang', 'teras', 'tenda'], window: 3, ordered: true },
      { a: ['sakit', 'sick', 'ill'], b: ['disuruh kerja', 'tetap kerja', 'dipaksa kerja', 'tetap disuruh', 'made to work', 'still work', 'forced to work'], window: 3 },
    ],
    notWith: ['diet', 'puasa', 'fasting'],
  },
  {
    reason: 'excessive_overtime',
    weight: 20,
    phrases: ['tanpa tidur', 'tidak tidur', 'kurang tidur', 'without sleep', 'no sleep', 'barely sleep', 'subuh sampai', 'dari subuh'],
    near: [
      { a: SLEEP, b: FEW_HOURS, window: 3 },
      { a: ['tidak', 'tanpa', 'never', 'no'], b: ['libur', 'cuti', 'day off', 'days off', 'rest day', 'off day', 'istirahat'], window: 3, ordered: true },
    ],
    notWith: ['tapi dibayar', 'dibayar lembur', 'paid overtime', 'uang lembur'],
  },
  {
    // Waiting somewhere before a crossing or a pick-up ("menunggu gelap untuk menyeberang").
    reason: 'transit_holding',
    weight: 30,
    near: [{ a: WAITING, b: CROSSING, window: 4, ordered: true }],
    notWith: ['jemput ibu', 'umroh', 'visa kerja lengkap', 'dokumen lengkap', 'liburan', 'holiday'],
  },
  {
    reason: 'sexual_exploitation',
    weight: 60,
    phrases: ['ditawarkan ke tamu', 'ditawarkan kepada tamu', 'dijajakan', 'dijual jadi', 'jadi pl', 'pemandu lagu', 'made to sleep with', 'sold for sex'],
  },
  {
    reason: 'isolation',
    weight: 30,
    phrases: [
      'sebulan sekali', 'di depan majikan', 'only on sunday', 'takde signal', 'tidak ada signal', 'no phone', 'answers her phone',
      'answers his phone', 'angkat hp nya', 'yang angkat majikan', 'tidak boleh punya hp', 'only allowed to call',
      'hanya boleh menelepon', 'cuma boleh telepon', 'hanya boleh telepon', 'cuma boleh nelpon',
    ],
    near: [{ a: ['hp'], b: ['keeps', 'keep', 'kept', 'took', 'simpan', 'disimpan', 'sita', 'rampas', 'ambil', 'dipegang', 'dipegangin', 'pegang'], window: 5 }],
    notWith: ['sendiri', 'own', 'myself', 'saya pegang', 'saya simpan', 'i keep', 'aku pegang', 'rusak', 'broken'],
  },
  {
    reason: 'loss_of_contact',
    weight: 40,
    phrases: [
      'has not replied', 'have not replied', 'not replied', 'no reply', 'tidak membalas', 'tidak dibalas', 'tidak balas',
      'nomor tidak aktif', 'nomor mati', 'tidak pernah membalas', 'won t give her number', 'will not give her number', 'last seen',
    ],
    near: [{ a: ['nomor', 'number', 'hp'], b: ['tidak aktif', 'sudah tidak aktif', 'inactive', 'disconnected', 'switched off'], window: 3 }],
    notWith: ['sudah bisa dihubungi', 'ganti nomor', 'sudah ketemu', 'called yesterday', 'menelepon kemarin'],
  },
  {
    reason: 'withholding_wages',
    weight: 25,
    phrases: ['received nothing', 'has not received', 'not received any', 'belum pernah dibayar', 'tidak pernah dibayar', 'belum digaji', 'tidak menerima gaji', 'belum menerima gaji'],
    near: [
      {
        a: ['gaji', 'upah', 'wages', 'salary'],
        b: ['ditahan', 'tidak dibayar', 'belum dibayar', 'withheld', 'belum pernah dibayar', 'tidak dapat', 'belum dapat', 'tidak dikasih', 'tidak diberi'],
        window: 7,
      },
    ],
  },
];
