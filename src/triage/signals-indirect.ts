/**
 * Signals added after two more batches written blind by other writers (tuning-7.json, English-heavy;
 * tuning-8.json, SMS and officials' formal Indonesian) showed danger told indirectly: a boss who
 * comes to the room at night, calls only with the employer beside her, a sick worker kept from a
 * doctor, an armed escort, a driver who will not stop, being sold on to another company, pay-to-go-home
 * debts, wages unpaid for many months, a companion who answers every question for her, already on the
 * boat. Same format and weights as `signals.ts`; the lowering lists at the end are spread there.
 */
import type { Signal } from './signals.js';

const BOSS = ['majikan', 'bos', 'boss', 'employer', 'agen', 'agent', 'mandor', 'supervisor', 'madam', 'mami', 'tauke', 'toke'];
const BESIDE = ['di sebelah', 'disebelahnya', 'dsebelahnya', 'sebelahnya', 'beside her', 'beside him', 'next to her', 'next to him', 'always beside', 'listening', 'mendengarkan', 'ikut dengar'];
const DOCTOR = ['dokter', 'doktor', 'doctor', 'klinik', 'clinic', 'rumah sakit', 'hospital', 'berobat', 'puskesmas'];
const MONTHS_UNPAID = [
  ...Array.from({ length: 19 }, (_, i) => i + 6).flatMap((n) => [`${n} bulan`, `${n} months`, `${n} bln`]),
  'setahun', 'satu tahun', '1 tahun', 'a year', 'one year', 'berbulan bulan', 'for months',
];
const UNPAID = ['tidak digaji', 'belum digaji', 'tidak dibayar', 'belum dibayar', 'tidak dapat gaji', 'belum dapat gaji', 'not paid', 'unpaid', 'no salary', 'no pay'];
const GO_HOME = [
  'kalau mau pulang', 'kalau mau keluar', 'kalau mau berhenti', 'kalau mau resign', 'kalau berhenti', 'kalau keluar', 'baru boleh pulang',
  'if i quit', 'if she quits', 'if he quits', 'if you quit', 'if we quit', 'to go home', 'to leave', 'if i leave', 'if she leaves', 'before she can leave',
];

export const INDIRECT_SIGNALS: readonly Signal[] = [
  {
    // The boss at her door at night: sexual abuse told indirectly ("datang ke kamar malam-malam").
    reason: 'physical_sexual_violence',
    weight: 55,
    near: [
      {
        a: ['come to her room', 'comes to her room', 'come into her room', 'comes into her room', 'datang ke kamar', 'masuk ke kamar', 'masuk kamar', 'masuk ke bilik', 'masuk bilik', 'datang ke bilik', 'ke kamarnya', 'ke biliknya'],
        b: ['malam', 'night', 'at night', 'tengah malam', 'midnight'],
        window: 4,
      },
    ],
    negatable: false,
  },
  {
    // Calls only with the employer listening: "cuma boleh nelpon kalau bos ada di sebelah".
    reason: 'isolation',
    weight: 45,
    phrases: ['holds her phone', 'holds his phone', 'keeps her phone', 'keeps his phone', 'hp dipegang', 'hpnya dipegang', 'pegang hp dia', 'answers for her', 'answered for her', 'speaks for her', 'menjawab semua pertanyaan', 'menjawab untuknya', 'jauh dalam hutan', 'jauh di dalam hutan', 'deep in the forest', 'deep in the jungle'],
    near: [{ a: BOSS, b: BESIDE, window: 4 }],
    negatable: false,
  },
  {
    // Fear heard in the voice or words: crying, whispering, cannot tell anything.
    reason: 'intimidation_threats',
    weight: 25,
    phrases: [
      'suaranya gemetar', 'suara gemetar', 'voice shaking', 'whispering', 'berbisik', 'bisik bisik', 'tidak bisa cerita apa apa', 'tidak boleh cerita',
      'can not talk freely', 'tidak bisa bicara bebas', 'she is crying', 'he is crying', 'crying all the time', 'nangis terus', 'menangis terus',
    ],
    negatable: false,
  },
  {
    // An armed guard or escort: "yg ngawal bawa parang", "guard with gun".
    reason: 'intimidation_threats',
    weight: 55,
    phrases: [
      'guard with gun', 'guards with guns', 'guard with a gun', 'armed guard', 'armed guards', 'men with guns', 'penjaga bersenjata', 'bersenjata',
      'bawa parang', 'membawa parang', 'bawa senjata', 'membawa senjata', 'bawa pistol', 'pegang senjata', 'bawa mandau',
    ],
    notWith: ['polisi', 'police', 'tni', 'satpam mall', 'berburu', 'hunting'],
  },
  {
    // Sold on like goods: "they sold her to another company", "dijual lagi ke bos lain".
    reason: 'intimidation_threats',
    weight: 55,
    phrases: ['sold her', 'sold him', 'sold me', 'sold us', 'sold them', 'was sold to', 'were sold to', 'dijual lagi', 'dijual ke', 'kena jual ke', 'kena jual lagi', 'menjual dia ke', 'jual dia ke'],
    notWith: ['rumah', 'tanah', 'motor', 'kebun', 'house', 'land', 'car', 'hp', 'phone', 'barang', 'goods'],
  },
  {
    // A sick worker kept from a doctor: "mandor tadak kasi ke dokter", "no doctor until contract finish".
    reason: 'abusive_conditions',
    weight: 50,
    phrases: ['no doctor', 'not allowed to see a doctor', 'not allowed to see doctor', 'tidak boleh ke dokter', 'tidak boleh jumpa doktor', 'tidak boleh jumpa dokter', 'tidak boleh berobat', 'tidak dikasih berobat'],
    near: [{ a: ['tidak kasih', 'tidak kasi', 'tidak dikasih', 'tidak diizinkan', 'tidak dibolehkan', 'tidak boleh', 'dilarang', 'not allowed', 'refused to take', 'refuses to take', 'would not take'], b: DOCTOR, window: 3, ordered: true }],
    negatable: false,
  },
  {
    // A driver who will not stop: held in a moving vehicle.
    reason: 'restriction_of_movement',
    weight: 55,
    near: [{ a: ['sopir', 'sopirnya', 'supir', 'supirnya', 'pemandu', 'driver', 'the driver'], b: ['tidak mau berhenti', 'tidak berhenti', 'tidak mau stop', 'would not stop', 'will not stop', 'refused to stop', 'refuses to stop'], window: 3, ordered: true }],
    negatable: false,
  },
  {
    // Pay to be let go: "hrs byr 40jt kalo mau plg", "if I quit I must pay 50jt".
    reason: 'debt_bondage',
    weight: 45,
    near: [{ a: ['bayar', 'byr', 'membayar', 'pay', 'ganti rugi', 'denda', 'tebus', 'owe', 'owes'], b: GO_HOME, window: 6 }],
    negatable: false,
  },
  {
    // Wages withheld for half a year or more keep a worker in place: "gk digaji 11 bln", "sik dibayar dah 8 bulan".
    reason: 'withholding_wages',
    weight: 50,
    near: [{ a: UNPAID, b: MONTHS_UNPAID, window: 4 }],
    negatable: false,
  },
  {
    // Already on the way: "udah di atas kapal ke kuching", "sy udh d jln ke sanggau".
    reason: 'imminent_departure',
    weight: 30,
    phrases: [
      'sudah di atas kapal', 'sudah di kapal', 'sekarang di kapal', 'sekarang saya di kapal', 'sudah di jalan', 'sudah di perjalanan', 'sedang di perjalanan',
      'already on the boat', 'already on the bus', 'on the way to', 'dalam perjalanan ke', 'terburu buru naik', 'buru buru naik', 'rushed onto',
      'berangkat dalam 1 jam', 'berangkat dalam _ jam', 'leaves in an hour', 'leaves in 1 hour', 'diterbangin', 'diterbangkan besok',
    ],
    notWith: ['liburan', 'holiday', 'pulang kampung', 'mudik', 'dokumen lengkap', 'resmi'],
  },
  {
    // Papers the escort will not show, or a visit visa for work: an irregular route.
    reason: 'non_procedural_route',
    weight: 30,
    phrases: [
      'menolak menunjukkan', 'tidak mau menunjukkan', 'refused to show', 'refuse to show', 'tidak membawa dokumen', 'tanpa dokumen', 'no documents',
      'tidak usah paspor', 'tidak perlu paspor', 'no need passport', 'no passport needed', 'visa lawat', 'visa lawatan', 'visa melancong', 'visit visa',
      'tourist visa', 'visa turis', 'visa kunjungan', 'social visit pass',
    ],
  },
  {
    // Escorted to customers, drinking with guests, naked video calls for money.
    reason: 'sexual_exploitation',
    weight: 60,
    phrases: [
      'go with guests', 'go with customers', 'drink with guests', 'temani tamu', 'menemani tamu', 'nemenin tamu', 'temenin tamu', 'lc job', 'kerja lc',
      'jadi lc', 'video calls naked', 'video call naked', 'vcs', 'telanjang untuk uang', 'naked for money', 'bugil', 'jaga karaoke',
    ],
    notWith: ['berita', 'news', 'skripsi', 'thesis'],
  },
  {
    // The job turned into another on arrival: "dibilang kerja X tapi di sini …", "bukan cleaning tapi …",
    // a contract in a language the worker cannot read, an "internship" that is factory work.
    reason: 'deception',
    weight: 30,
    phrases: ['job changed', 'kerja berubah', 'kerjaan berubah', 'disebut magang', 'katanya magang', 'so called internship'],
    near: [
      { a: ['dibilang', 'katanya', 'dijanjikan', 'dijanjiin', 'janji', 'janjinya', 'promised', 'told', 'said'], b: ['ternyata', 'tapi di sini', 'tapi disini', 'but here', 'but now', 'sekarang malah', 'turned out'], window: 8, ordered: true },
      { a: ['tidak', 'not'], b: ['tapi', 'but'], window: 4, ordered: true },
      { a: ['kontrak', 'kontraknya', 'contract'], b: ['mandarin', 'bahasa arab', 'arab', 'chinese', 'tulisan cina', 'tulisan cine', 'tidak bisa baca', 'can not read', 'tidak paham', 'tidak mengerti', 'tidak ngerti'], window: 5 },
    ],
    negatable: false,
  },
  {
    reason: 'sexual_exploitation',
    weight: 60,
    phrases: [
      'accompany guests', 'accompany men', 'entertain guests', 'temankan tamu', 'temankan tetamu', 'teman tamu', 'vc telanjang', 'video call telanjang',
      'video call buka baju', 'vc buka baju', 'disuruh buka baju', 'dipaksa buka baju',
    ],
    notWith: ['berita', 'news', 'skripsi', 'thesis', 'ex', 'mantan', 'pacar'],
  },
  {
    reason: 'forced_criminality',
    weight: 50,
    phrases: [
      'force us to scam', 'force her to scam', 'force him to scam', 'force them to scam', 'forced us to scam', 'make us scam', 'make her scam',
      'dipaksa nipu', 'dipaksa menipu', 'disuruh nipu', 'disuruh menipu', 'paksa menipu', 'chat scripts to cheat', 'work as scammer', 'work as a scammer',
    ],
  },
  {
    // An explicit emergency word: "SOS hotel dkt pelabuhan kamar 12".
    reason: 'help_request',
    weight: 50,
    phrases: ['sos', 'darurat'],
    negatable: false,
    notWith: ['tombol', 'button', 'fitur', 'feature', 'apa itu', 'what is', 'nomor darurat', 'emergency number', 'bukan darurat', 'tidak darurat'],
  },
];

/** More "it is over, they are fine": a reply arrived, a false alarm, nothing wrong seen. */
export const RESOLVED_INDIRECT: readonly string[] = [
  'all good now', 'all good', 'just replied', 'she replied', 'he replied', 'sudah membalas', 'sudah balas', 'phone was broken', 'we found her', 'we found him',
  'sudah ditemukan', 'false alarm', 'wrong info', 'ternyata resmi', 'turned out resmi', 'turned out legal', 'turned out official', 'ok now', 'called today',
  'dalam keadaan baik', 'nothing wrong', 'see nothing', 'rasa biasa', 'rase biase', 'normal spa', 'good employer', 'majikan baik', 'sudah ia pulang',
];
/** Not a case: asking whether something is allowed, about rights, an old case, or saying it is not urgent. */
export const NOT_A_CASE_INDIRECT: readonly string[] = [
  'is that ok', 'is this ok', 'is it ok', 'ok ka', 'ok kah', 'what are my rights', 'apa hak saya', 'not urgent', 'tidak urgent', 'tidak mendesak',
  'bukan darurat', 'belum ada yang berangkat', 'belum ada yang pergi', 'has gone yet', 'can i still report', 'masih bisa dilaporkan',
  'masih bisa lapor', 'what documents', 'documents needed', 'sekadar untuk dicatat', 'untuk dicatat', 'just for the record', 'masih berisiko dituntut', 'if someone', 'for a training', 'untuk pelatihan kami',
];
