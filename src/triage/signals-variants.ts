/**
 * More ways people say each indicator: synonyms, Malaysian/Sarawak Malay verbs, English phrasings
 * and the vocabulary of news and NGO reports that reporters repeat. Same format and weights as
 * `signals.ts` (the strongest signal of an indicator counts); kept apart so the core list stays
 * readable and a deploying office can add variants here without touching the weights there.
 */
import type { Signal } from './signals.js';

const PEOPLE = [
  'cewek', 'cewe', 'siswi', 'siswa', 'murid', 'lulusan', 'peserta', 'teenagers', 'youths', 'kids', 'adults', 'an cewek', 'an cewe', 'an orang',
  'orang', 'perempuan', 'wanita', 'gadis', 'pemuda', 'pekerja', 'calon pekerja', 'cpmi', 'tki', 'pmi', 'warga',
  'penumpang', 'people', 'women', 'girls', 'men', 'workers', 'persons', 'young people', 'anak muda', 'remaja',
];
const MANY = [
  '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '25', '30', '40', '50',
  'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas', 'belasan', 'puluhan', 'ratusan',
  'dua belas', 'lima belas', 'dua puluh', 'tiga puluh', 'empat puluh', 'three', 'four', 'five', 'six', 'seven', 'eight',
  'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'dozens', 'several', 'many', 'beberapa', 'banyak',
];

/** "not allowed / not able" … */
const CANNOT = [
  'tidak boleh', 'tidak bisa', 'tidak dapat', 'tidak diizinkan', 'tidak diijinkan', 'tidak diperbolehkan', 'tidak dibolehkan',
  'tidak dikasih', 'tidak diberi', 'tidak pernah diizinkan', 'tidak pernah boleh', 'dilarang', 'sebelum diizinkan',
  'sebelum boleh', 'sebelum bisa', 'baru boleh', 'baru bisa', 'baru diizinkan', 'not allowed to', 'can not', 'unable to',
  'melarang', 'melarang _', 'tidak ada yang boleh', 'tidak ada yang bisa', 'nobody can', 'no one can', 'no one is allowed to',
  'tidak dibolehkan', 'tidak pernah', 'tidak pernah diizinkan', 'tidak diizinkan', 'tidak bagi', 'tidak kasih', 'tidak biarkan', 'tidak dibiarkan', 'tidak pernah dibiarkan',
  'not able to', 'not permitted to', 'never allowed to', 'will not let _', 'do not let _', 'does not let _',
  'tidak mengizinkan', 'tidak mengizinkan _', 'tidak mengizinkan siapa pun', 'tidak akan bisa', 'tidak akan pernah bisa',
  'never be able to', 'will never',
];
/** … "to leave / go home / escape". */
const LEAVE = [
  'keluar', 'pulang', 'pergi', 'kabur', 'lari', 'meninggalkan', 'turun', 'ke mana mana', 'ke luar', 'leave', 'go',
  'return', 'escape', 'get out', 'go out', 'go home', 'come home', 'berlabuh', 'naik ke darat', 'naik darat', 'ke darat', 'mendarat', 'ashore',
];

export const VARIANT_SIGNALS: readonly Signal[] = [
  {
    // Paying to be let go ("bayar denda 15 juta kalau mau pulang"): held for a price.
    reason: 'restriction_of_movement',
    weight: 55,
    near: [
      {
        a: ['bayar', 'membayar', 'denda', 'tebus', 'pay', 'fine'],
        b: [
          'kalau ingin pulang', 'kalau mau pulang', 'kalau ingin keluar', 'kalau mau keluar', 'baru boleh pulang',
          'sebelum pulang', 'sebelum boleh pulang', 'to go home', 'to leave', 'before _ can leave', 'before _ can go',
        ],
        window: 8,
      },
    ],
  },
  {
    reason: 'loss_of_contact',
    weight: 40,
    phrases: [
      'tidak mendapat kabar', 'tidak memberi kabar', 'tidak kasih kabar', 'tidak pernah memberi kabar', 'kehilangan jejak',
      'heard nothing from', 'have heard nothing', 'not heard from',
    ],
    near: [{ a: ['tidak'], b: ['kabar', 'kabarnya', 'berita', 'kontak'], window: 3, ordered: true }],
    notWith: ['hp nya rusak', 'hp rusak', 'sudah bisa dihubungi', 'ganti nomor', 'sudah ketemu', 'kabar baik'],
  },
  {
    // Arrest, jail, deportation as the consequence of leaving or complaining: a threat, never a plain fact
    // ("pelakunya sudah ditangkap polisi" is good news).
    reason: 'intimidation_threats',
    weight: 55,
    phrases: [
      'ditangkap', 'kena tangkap', 'tangkap polis', 'ditangkap polisi', 'dipenjara', 'dipenjarakan', 'masuk penjara', 'jailed',
      'arrested', 'deported', 'dideportasi', 'polis tangkap', 'disita', 'rumah disita', 'tanah disita', 'bayar ganti rugi',
      'never see his family', 'never see her family', 'never see your family', 'tidak akan bertemu keluarga', 'ganti rugi',
      'bayar denda', 'take our land', 'take the house', 'dicari', 'dicariin', 'didatangi', 'be hurt', 'will be hurt', 'worse would happen', 'something bad will happen',
    ],
    threatOnly: true,
  },
  {
    reason: 'restriction_of_movement',
    weight: 55,
    phrases: [
      'tidak berani keluar', 'tidak berani pulang', 'tidak berani kabur', 'tidak berani lari', 'afraid to leave',
      'too scared to leave', 'scared to go out',
    ],
    negatable: false,
  },
  {
    reason: 'loss_of_contact',
    weight: 40,
    phrases: [
      'hp has been off', 'hp off', 'hp mati', 'hp nya mati', 'hpnya mati', 'hp nya tidak aktif', 'hpnya tidak aktif', 'phone has been off',
      'hilang kabar',
    ],
    near: [
      { a: ['hp', 'hpnya', 'nomor', 'nomornya', 'wa'], b: ['tidak aktif', 'mati', 'off'], window: 3, ordered: true },
      {
        a: [
          'tidak bisa', 'tidak dapat', 'tidak bisa lagi', 'tidak dapat lagi', 'tidak pernah bisa', 'tidak pernah dapat', 'susah',
          'can not', 'unable to', 'could not',
        ],
        b: ['menghubungi*', 'dihubungi', 'hubungi', 'contact*', 'reach', 'telepon', 'nelpon'],
        window: 2,
        ordered: true,
      },
    ],
    notWith: ['hp nya rusak', 'hp rusak', 'sudah bisa dihubungi', 'ganti nomor', 'sudah ketemu', 'tidak boleh', 'dilarang'],
  },
  {
    reason: 'loss_of_contact',
    weight: 40,
    near: [
      {
        a: [
          'adik', 'kakak', 'anak', 'suami', 'istri', 'ayah', 'ibu', 'abang', 'saudara', 'sepupu', 'keponakan', 'teman', 'dia',
          'sister', 'brother', 'son', 'daughter', 'husband', 'wife',
        ],
        b: ['hilang', 'menghilang', 'went missing', 'disappeared'],
        window: 2,
        ordered: true,
      },
    ],
    notWith: ['paspor', 'hp', 'dompet', 'uang', 'sudah ketemu', 'ditemukan'],
  },
  {
    // A job in an online company in a scam-compound country: the usual way into forced scamming.
    reason: 'forced_criminality',
    weight: 30,
    near: [
      {
        a: [
          'perusahaan online', 'kerja online', 'online company', 'online job', 'perusahaan investasi', 'perusahaan judi', 'kompleks',
          'compound', 'judol', 'judi online', 'kerja scam', 'bidang it', 'kerja it', 'operator it', 'it job',
        ],
        b: ['kamboja', 'cambodia', 'myanmar', 'myawaddy', 'laos', 'philippines', 'filipina', 'thailand', 'phnom penh', 'sihanoukville'],
        window: 4,
      },
    ],
  },
  {
    reason: 'isolation',
    weight: 30,
    near: [
      {
        a: ['tidak boleh', 'dilarang', 'melarang', 'tidak diizinkan', 'tidak dikasih', 'tidak bagi', 'not allowed to', 'forbidden to'],
        b: [
          'memegang hp', 'pegang hp', 'pakai hp', 'memakai hp', 'menelepon', 'telepon', 'nelpon', 'menghubungi*', 'call',
          'use hp', 'have hp', 'bicara', 'berbicara', 'hp', 'talk', 'ngomong', 'bercakap',
        ],
        window: 3,
        ordered: true,
      },
    ],
  },
  {
    // Composed: a modal of permission or ability, negated, then a verb of leaving, in any order of spellings.
    reason: 'restriction_of_movement',
    weight: 55,
    near: [{ a: CANNOT, b: LEAVE, window: 2, ordered: true }],
    negatable: false, // the negation is part of the rule ("tidak pernah keluar")
    notWith: ['karena tiket', 'karena belum ada uang', 'karena sakit', 'kontraknya belum selesai', 'covid', 'banjir'],
    threatWhenConditional: true,
  },
  {
    // "akan melaporkan dia ke polisi", "will report you to immigration": a threat, not a victim reporting.
    reason: 'intimidation_threats',
    weight: 55,
    near: [{ a: ['melaporkan', 'laporkan', 'lapor', 'report', 'dilaporkan', 'reported'], b: ['polisi', 'polis', 'police', 'imigrasi', 'immigration'], window: 3, ordered: true }],
    threatOnly: true,
  },
  {
    reason: 'restriction_of_movement',
    weight: 55,
    phrases: [
      'digembok', 'pintu digembok', 'dijaga terus', 'diawasi terus', 'diawasi ketat', 'tidak bisa ke mana mana',
      'tidak boleh ke mana mana', 'tidak boleh meninggalkan', 'dilarang meninggalkan', 'tidak diizinkan pergi',
      'dilarang pergi', 'tidak dilepas', 'tidak dilepaskan', 'tidak mau melepaskan', 'tebusan', 'uang tebusan', 'ditebus',
      'minta tebusan', 'ransom', 'held against', 'held in', 'detained by', 'kept locked', 'not allowed outside',
      'can not go anywhere', 'tidak akan pernah dipulangkan', 'tidak akan dipulangkan', 'never be sent home', 'will not release', 'not released', 'guarded', 'kena tahan', 'tak boleh balik', 'kept in',
      'dijaga agar', 'agar tidak kabur', 'supaya tidak kabur', 'so they can not escape', 'kept in a', 'kept in an', 'kunci _ dalam', 'kunci _ di dalam', 'locks _ in', 'locks her', 'locks him', 'locks them', 'locks us', 'locks me', 'lock her in', 'dijaga orang',
      'dijaga laki laki', 'dijaga preman', 'dijaga guard', 'dijaga penjaga', 'guarded by', 'kena lock', 'kena kunci', 'dikunci dalam', 'lock dalam',
    ],
    threatWhenConditional: true,
  },
  {
    // "adik saya ditahan di Kuching": a person held (but not "paspor/gaji ditahan" or arrested by police)
    reason: 'restriction_of_movement',
    weight: 55,
    near: [
      {
        a: ['saya', 'aku', 'dia', 'kami', 'mereka', 'adik', 'kakak', 'istri', 'suami', 'anak', 'keponakan', 'sepupu', 'teman'],
        b: ['ditahan', 'ditahan oleh', 'ditahan di'],
        window: 1,
      },
    ],
    notWith: ['paspor', 'paspornya', 'dokumen', 'gaji', 'gajinya', 'ktp', 'polisi', 'polis', 'imigrasi', 'police', 'penjara'],
  },
  {
    reason: 'physical_sexual_violence',
    weight: 60,
    phrases: [
      'ditinju', 'dicekik', 'dijambak', 'disundut', 'dibanting', 'ditusuk', 'dilukai', 'kekerasan', 'babak belur',
      'kena tampar', 'kena tendang', 'kena sepak', 'disepak', 'dipijak', 'ditumbuk', 'kena tumbuk', 'kena hentam',
      'dibelasah', 'kena belasah', 'dicabuli', 'pencabulan', 'dirudapaksa', 'digagahi', 'punched', 'choked', 'burned',
      'disulut', 'disulut rokok', 'kena siram', 'siram air panas', 'scalded', 'boiling water', 'cut her hair', 'as punishment',
      'whipped', 'stabbed', 'injured', 'violence', 'sexually assaulted', 'molested', 'electric shocks', 'shocks', 'shocked',
    ],
    notWith: ['dipukul rata'],
    threatWhenConditional: true,
  },
  {
    reason: 'intimidation_threats',
    weight: 55,
    phrases: [
      'diugut', 'ugut', 'kena ugut', 'digertak', 'gertak', 'akan dilaporkan', 'dilapor ke polis',
      'report to police', 'will be arrested', 'will be deported', 'we will report', 'keluarga diancam', 'threatening',
      'or else', 'disebarkan video', 'sebarkan foto', 'sebarkan video',
    ],
  },
  {
    reason: 'retention_of_documents',
    weight: 40,
    near: [
      {
        a: ['paspor', 'paspornya', 'dokumen', 'ktp', 'permit', 'ijazah'],
        b: [
          'tidak dikembalikan', 'tidak dikasih', 'tidak diberikan', 'ada di agen', 'ada di majikan', 'ada di bos', 'ada pada agen',
          'di tangan agen', 'di tangan majikan', 'diserahkan ke agen', 'refuses to return', 'will not give back', 'not returned',
          'keeping', 'retained', 'withholding', 'collected', 'mengambil', 'menyita', 'merampas', 'menyimpan', 'menolak mengembalikan', 'tidak mau mengembalikan', 'refuse* to return', 'ada dengan bos', 'ada dengan agen', 'ada dengan majikan', 'ada sama bos',
          'ada sama agen', 'ada sama majikan', 'ada di tangan', 'tidak dibalikkan', 'tidak dipulangkan',
        ],
        window: 5,
      },
    ],
    notWith: ['sendiri', 'own', 'myself', 'siapa', 'mau tanya', 'apakah', 'ditahan imigrasi', 'disita imigrasi', 'by immigration'],
  },
  {
    reason: 'retention_of_documents',
    weight: 40,
    near: [
      {
        a: ['recruiter has', 'agent has', 'employer has', 'boss has', 'broker has', 'agen punya', 'majikan punya'],
        b: ['paspor', 'paspornya', 'documents'],
        window: 4,
        ordered: true,
      },
    ],
  },
  {
    reason: 'isolation',
    weight: 30,
    phrases: [
      'tidak boleh bicara dengan', 'dilarang bicara', 'tidak boleh berkomunikasi', 'tidak ada hp', 'tidak punya hp',
      'not allowed to call', 'not allowed to use', 'no hp', 'can not contact', 'cut off from',
      'tidak boleh pakai internet', 'tidak boleh bertemu', 'tidak diberi kesempatan', 'tidak pernah diberi kesempatan', 'cuma boleh nelpon',
      'hanya boleh menelepon', 'sebulan sekali', 'sekali sebulan', 'majikan dengar',
    ],
  },
  {
    reason: 'withholding_wages',
    weight: 25,
    phrases: [
      'belum digaji', 'gaji tidak diberikan', 'tidak pernah dibayar', 'tidak pernah digaji', 'gaji habis dipotong',
      'gaji tertunggak', 'tunggakan gaji', 'unpaid wages', 'never paid', 'not been paid', 'wages not paid',
      'salary not paid', 'no salary', 'upah tidak dibayar', 'tanpa menerima upah', 'tanpa menerima gaji', 'tidak menerima gaji',
      'tidak menerima upah', 'sepeser pun', 'does not pay', 'do not pay', 'not paying', 'not pay her',
      'not pay him', 'not pay us', 'di bawah umk', 'di bawah ump', 'below minimum wage', 'underpaid',
    ],
    near: [
      {
        a: ['gaji', 'gajinya', 'upah', 'upahnya', 'salary', 'wages', 'wage'],
        b: ['tidak dibayar*', 'tidak pernah dibayar*', 'tidak diberikan', 'tidak masuk', 'not paid', 'never paid', 'unpaid', 'not been paid'],
        window: 4,
      },
    ],
  },
  {
    reason: 'debt_bondage',
    weight: 30,
    phrases: [
      'ngutang', 'kasbon', 'terlilit utang', 'harus mengganti biaya', 'ganti biaya', 'bayar kembali biaya', 'didenda',
      'kena denda', 'potongan utang', 'debt bondage', 'pay back', 'pay off the', 'harus melunasi', 'melunasi biaya',
      'lunasi biaya', 'harus membayar biaya', 'harus bayar biaya', 'mengganti biaya',
    ],
    near: [{ a: ['harus membayar', 'harus bayar', 'must pay', 'wajib bayar'], b: ['juta', 'ringgit', 'ribu', 'rm', 'dollar'], window: 3, ordered: true }],
  },
  {
    reason: 'deception',
    weight: 25,
    phrases: [
      'dibohongi', 'kena tipu', 'lowongan palsu', 'berbeda dengan yang dijanjikan', 'lain dengan yang dijanjikan',
      'tidak sesuai janji', 'job but was', 'job but ended', 'mengaku dari', 'ngaku dari', 'misled', 'lied', 'false promise', 'fake job', 'different job', 'not the job',
      'iklan palsu', 'paspor palsu', 'dokumen palsu', 'visa palsu', 'kerja online', 'online sales', 'sales online',
      'customer service online', 'admin online', 'operator online', 'recruited as', 'direkrut sebagai', 'direkrut jadi',
    ],
    notWith: ['apakah', 'is this', 'is that', 'wajar'],
  },
  {
    reason: 'abuse_of_vulnerability',
    weight: 15,
    phrases: [
      'tidak punya uang', 'tidak bisa bahasa', 'buta huruf', 'tidak sekolah', 'korban bencana', 'disabilitas', 'hamil',
      'ibu tunggal', 'single mother', 'illiterate', 'pregnant', 'desperate', 'sendirian di negeri orang',
    ],
  },
  {
    reason: 'abusive_conditions',
    weight: 25,
    phrases: [
      'sekali sehari', 'one meal a day', 'tanpa alas', 'tidur di dek', 'no toilet', 'sisa majikan', 'makan sisa', 'tidur cuma',
      'tidur hanya', 'in a shed', 'makan tidak cukup', 'makan kurang', 'makanan kurang', 'makanan sangat kurang', 'tanpa listrik', 'barak', 'kurang makan', 'not enough food', 'makan nasi saja', 'kelaparan', 'tidak dikasih obat', 'tidak diberi obat', 'tidak boleh ke dokter',
      'tidak dibawa ke dokter', 'sakit tidak diobati', 'berdesakan', 'tidak layak', 'kotor', 'jorok', 'pengap',
      'starving', 'hungry', 'no medicine', 'not allowed to see a doctor', 'crowded', 'inhumane',
    ],
  },
  {
    reason: 'excessive_overtime',
    weight: 20,
    phrases: [
      'lembur tanpa', 'lembur paksa', 'dipaksa lembur', 'tanpa istirahat', 'tidak ada istirahat', 'tidak boleh istirahat',
      'tidak pernah libur', 'tidak ada hari libur', 'kerja 24 jam', 'around the clock', 'without rest', 'no break',
      'long hours', 'forced overtime',
    ],
    near: [{ a: ['jam kerja', 'working', 'kerja'], b: ['15 jam', '16 jam', '17 jam', '18 jam', '19 jam', '20 jam', '22 jam', 'hours a day'], window: 3 }],
    notWith: ['tapi dibayar', 'tapi gaji', 'dibayar kok', 'get paid', 'uang lembur'],
  },
  {
    reason: 'sexual_exploitation',
    weight: 60,
    phrases: [
      'melayani laki laki', 'melayani pria', 'layanan seks', 'pelayan seks', 'pemandu karaoke', 'menemani minum',
      'temani minum', 'rumah bordil', 'lokalisasi', 'germo', 'mucikari', 'tidur dengan tamu', 'eksploitasi seksual',
      'video porno', 'brothel', 'pimp', 'forced to sleep with', 'sex with customers', 'serve customers', 'forced to see',
      'made to sleep with', 'sleep with customers', 'menemani orang minum', 'dijual ke tamu', 'entertain customers', 'entertain guests', 'forced to entertain', 'panti pijat', 'massage parlour', 'massage parlor', 'remang remang', 'warung remang', 'see men', 'clients every night', 'men every night', 'forced to have sex', 'layan lelaki', 'layani lelaki',
      'melayani lelaki', 'layan laki laki',
    ],
  },
  {
    reason: 'forced_criminality',
    weight: 50,
    phrases: [
      'online gambling', 'investasi bodong', 'crypto scam', 'pig butchering', 'chat dengan korban', 'akun palsu',
      'fake account', 'fake accounts', 'scam call', 'kurir narkoba', 'dipaksa jadi kurir', 'dipaksa mencuri', 'forced to steal',
      'drug mule', 'call center penipuan', 'sindikat penipuan', 'forced to scam', 'disuruh scam', 'dipaksa scam', 'quota*',
      'meet quotas', 'fail to meet', 'merayu korban', 'korban lewat aplikasi', 'scam centre', 'scam center', 'scam centers', 'scam centres', 'online fraud', 'fraud company', 'scam company', 'mencapai target', 'target penipuan',
    ],
  },
  {
    reason: 'minor',
    weight: 50,
    phrases: ['remaja putri', 'teenage girls', 'teenage boys', 'teen girls', 'masih kecil', 'still a child', 'belum 18', 'belum genap 18', 'under eighteen', 'teenage girl', 'teenage boy'],
  },
  {
    reason: 'marriage_brokering',
    weight: 35,
    near: [
      {
        a: ['nikah', 'menikah', 'dinikahi', 'dinikahkan', 'kawin', 'married', 'marry', 'dilamar', 'pengantin', 'bride'],
        b: ['china', 'cina', 'tiongkok', 'taiwan', 'orang asing', 'foreigner', 'chinese', 'taiwanese', 'mahar', 'dibayar'],
        window: 4,
      },
    ],
    notWith: ['apakah', 'legal', 'happy', 'bahagia', 'years ago', 'tahun lalu'],
  },
  {
    reason: 'imminent_departure',
    weight: 30,
    near: [
      {
        a: ['_ hari lagi', 'dalam _ hari', 'pagi nanti', 'sore nanti', 'siang nanti', 'akhir pekan ini', 'this weekend', 'in a few days', 'in two days', 'tonight'],
        b: [
          'berangkat', 'diberangkatkan', 'dibawa', 'dikirim', 'nyebrang', 'menyeberang', 'diseberangkan', 'terbang', 'dijemput',
          'picked up', 'leave', 'leaving', 'depart*', 'cross*', 'taken', 'sent', 'fly', 'boarding', 'diterbangkan', 'driven',
          'transported', 'diangkut', 'diantar', 'taking', 'take',
        ],
        window: 8,
      },
      {
        a: ['besok', 'lusa', 'malam ini', 'nanti malam', 'tomorrow', 'tonight'],
        b: ['ke malaysia', 'ke kuching', 'ke sarawak', 'ke luar negeri', 'ke perbatasan', 'ke entikong', 'ke kamboja', 'to malaysia', 'to cambodia'],
        window: 6,
      },
    ],
    notWith: [
      'jenguk', 'berobat', 'medical', 'holiday', 'liburan', 'jalan jalan', 'dokumen lengkap', 'semua dokumen', 'umroh',
      'visa kerja sudah', 'sudah ada visa kerja', 'with my work visa', 'lewat pt resmi', 'pt nya resmi', 'p3mi resmi',
      'menghadiri', 'pernikahan saudara', 'acara keluarga', 'sekeluarga', 'paspor lengkap', 'ziarah', 'cpmi resmi', 'ltsa',
    ],
  },
  {
    reason: 'transit_holding',
    weight: 30,
    phrases: [
      'di dermaga', 'di pos lintas batas', 'di plbn', 'tempat penampungan', 'asrama agen', 'sedang transit', 'transit di',
      'in transit', 'safe house', 'menunggu kapal', 'menunggu jemputan', 'waiting to cross', 'waiting to be taken',
      'at the jetty', 'at the port', 'at the bus terminal', 'kapal yang menjemput', 'menunggu dijemput', 'sampai dijemput',
      'waiting to be picked up', 'rumah kontrakan', 'penginapan', 'guesthouse', 'losmen', 'dekat plbn', 'near the border post',
      'menunggu malam', 'tunggu malam', 'waiting for nightfall',
    ],
  },
  {
    reason: 'non_procedural_route',
    weight: 25,
    phrases: [
      'pelabuhan tikus', 'lewat laut', 'perahu kecil', 'kapal kecil', 'speedboat', 'masuk ilegal', 'secara ilegal', 'ilegal',
      'illegally', 'illegal', 'pendatang haram', 'pati', 'tanpa izin kerja', 'no work permit', 'without a work permit',
      'without papers', 'no papers', 'jalan belakang', 'pintu belakang', 'unofficial', 'agen tidak resmi', 'agen gelap',
      'perseorangan', 'tidak terdaftar', 'belum terdaftar', 'not registered', 'unlicensed', 'tanpa izin', 'lewat sungai',
      'hidden jetty', 'none of them have', 'no work permits', 'do not have work permits', 'forest path', 'jungle path', 'through the forest', 'tanpa perlu paspor', 'tidak perlu paspor', 'tidak perlu visa',
      'no need paspor', 'no need visa',
    ],
    near: [{ a: ['tidak punya', 'tidak ada', 'tidak have', 'tanpa', 'without'], b: ['paspor', 'dokumen', 'permit', 'visa'], window: 2, ordered: true }],
    // "sik simpan passport" (the boss does not keep it) is about documents, not a route without them.
    notWith: ['apakah', 'is it', 'can a', 'bisa dipakai', 'legal tidak', 'legal gak', 'mau tanya', 'lengkap', 'simpan paspor', 'tahan paspor', 'pegang paspor'],
  },
  {
    reason: 'loss_of_contact',
    weight: 40,
    phrases: [
      'nomornya tidak aktif', 'nomor tidak aktif', 'hp tidak aktif', 'tidak aktif lagi', 'tidak pernah menelepon lagi',
      'tidak pernah membalas', 'tidak membalas', 'putus komunikasi', 'sudah hilang', 'no word from', 'disappeared',
      'unreachable', 'hp is off', 'not answering', 'no reply', 'lost touch',
    ],
    notWith: ['hp nya rusak', 'hp rusak', 'sudah bisa dihubungi', 'ganti nomor', 'sudah ketemu'],
  },
  {
    reason: 'group_movement',
    weight: 20,
    phrases: [
      'sekelompok', 'satu mobil penuh', 'satu truk', 'bus penuh', 'a group of', 'many people', 'several people', 'dozens of',
      'berlima', 'berenam', 'bertujuh', 'berdelapan', 'bersembilan', 'bersepuluh',
    ],
    near: [
      { a: MANY, b: PEOPLE, window: 2, ordered: true },
      { a: MANY, b: ['of us', 'of them', 'dari kami', 'dari mereka'], window: 1, ordered: true },
    ],
    notWith: ['studi banding', 'study tour', 'wisata', 'pengajian', 'umroh', 'liburan', 'holiday', 'dokumen lengkap'],
  },
  {
    reason: 'help_request',
    weight: 15,
    phrases: ['darurat', 'emergency', 'gawat', 'butuh bantuan', 'perlu bantuan', 'need help', 'rescue', 'save me', 'save us', 'panik', 'tolong please',
      'mohon segera', 'segera ditolong'],
    negatable: false,
  },
];
