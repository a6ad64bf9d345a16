/**
 * Job templates the demo vacancies are drawn from. Skill codes come from the taxonomy (the plan checks
 * that each one exists), so vacancies line up with what the BLK programmes teach.
 */
import type { Level } from '../../../server/shared/levels.js';

export interface JobTemplate {
  key: string;
  title: string;
  required: readonly { code: string; minLevel?: Level }[];
  optional: readonly string[];
  /** A skill an employer may insist on a certificate for. */
  certifiable?: string;
  pay: 'month' | 'day';
  /** Openings usually offered: [min, max]. */
  openings: readonly [number, number];
  /** Whether this job is sometimes on night shifts. */
  nightShift?: boolean;
  /** Bahasa Indonesia; `{town}` is replaced by the employer's town. */
  description: string;
}

const t = (j: JobTemplate): JobTemplate => j;

export const JOB_TEMPLATES: readonly JobTemplate[] = [
  // Welding
  t({
    key: 'las-smaw',
    title: 'Juru Las SMAW',
    required: [{ code: 'welding.smaw', minLevel: 'intermediate' }],
    optional: ['welding.blueprint-reading', 'welding.safety', 'welding.joint-preparation'],
    certifiable: 'welding.smaw',
    pay: 'month',
    openings: [1, 3],
    description:
      'Pengelasan rangka baja, pagar dan konstruksi ringan di bengkel kami di {town}. Alat pelindung diri disediakan.',
  }),
  t({
    key: 'las-kanopi',
    title: 'Tukang Las Pagar, Teralis dan Kanopi',
    required: [
      { code: 'welding.gate-trellis', minLevel: 'basic' },
      { code: 'welding.smaw', minLevel: 'basic' },
    ],
    optional: ['welding.flame-cutting', 'welding.sheet-metal'],
    pay: 'month',
    openings: [1, 3],
    description:
      'Membuat dan memasang pagar, teralis dan kanopi untuk pelanggan di {town} dan sekitarnya. Sebagian pekerjaan di lokasi pelanggan.',
  }),
  t({
    key: 'las-gmaw',
    title: 'Welder GMAW (MIG/MAG)',
    required: [{ code: 'welding.gmaw', minLevel: 'intermediate' }],
    optional: ['welding.fcaw', 'welding.joint-preparation', 'welding.structural-steel'],
    certifiable: 'welding.gmaw',
    pay: 'month',
    openings: [2, 4],
    nightShift: true,
    description:
      'Pengelasan struktur baja dan tangki di workshop fabrikasi {town}. Sistem kerja bergilir sesuai jadwal produksi.',
  }),
  t({
    key: 'helper-las',
    title: 'Pembantu Tukang Las',
    required: [{ code: 'welding.smaw', minLevel: 'basic' }],
    optional: ['welding.flame-cutting', 'welding.safety'],
    pay: 'day',
    openings: [1, 3],
    description:
      'Membantu tukang las memotong, menggerinda dan merakit besi di bengkel {town}. Cocok untuk lulusan pelatihan las dasar.',
  }),
  // Automotive
  t({
    key: 'mekanik-motor',
    title: 'Mekanik Sepeda Motor',
    required: [{ code: 'automotive.motorcycle-efi', minLevel: 'intermediate' }],
    optional: [
      'automotive.motorcycle-carburetor',
      'automotive.motorcycle-cvt',
      'automotive.motorcycle-electrical',
    ],
    certifiable: 'automotive.motorcycle-efi',
    pay: 'month',
    openings: [1, 2],
    description:
      'Servis berkala, tune up dan perbaikan sepeda motor injeksi dan karburator di bengkel kami di {town}.',
  }),
  t({
    key: 'mekanik-mobil',
    title: 'Mekanik Mobil Bensin',
    required: [{ code: 'automotive.car-tuneup', minLevel: 'intermediate' }],
    optional: ['automotive.car-efi', 'automotive.car-electrical', 'automotive.car-chassis'],
    certifiable: 'automotive.car-tuneup',
    pay: 'month',
    openings: [1, 2],
    description: 'Tune up, servis kaki-kaki dan kelistrikan mobil penumpang di bengkel umum {town}.',
  }),
  t({
    key: 'cat-bodi',
    title: 'Tukang Ketok dan Cat Bodi',
    required: [
      { code: 'automotive.panel-beating', minLevel: 'basic' },
      { code: 'automotive.body-painting', minLevel: 'basic' },
    ],
    optional: ['automotive.car-wash'],
    pay: 'month',
    openings: [1, 2],
    description: 'Perbaikan penyok dan pengecatan ulang bodi mobil dan motor di {town}.',
  }),
  t({
    key: 'mekanik-diesel',
    title: 'Mekanik Mesin Diesel dan Pompa',
    required: [{ code: 'automotive.diesel-engine', minLevel: 'basic' }],
    optional: ['automotive.small-engine'],
    pay: 'month',
    openings: [1, 1],
    description:
      'Perawatan mesin diesel, pompa air dan mesin kecil milik pelanggan tani dan tambak di {town}.',
  }),
  // Electrical
  t({
    key: 'listrik-instalasi',
    title: 'Teknisi Instalasi Listrik',
    required: [{ code: 'electrical.residential-installation', minLevel: 'intermediate' }],
    optional: ['electrical.measurement', 'electrical.safety', 'electrical.grounding'],
    certifiable: 'electrical.residential-installation',
    pay: 'month',
    openings: [1, 3],
    description: 'Pemasangan dan perbaikan instalasi listrik rumah, ruko dan kantor di wilayah {town}.',
  }),
  t({
    key: 'listrik-pabrik',
    title: 'Teknisi Listrik Pabrik',
    required: [
      { code: 'electrical.motor-control', minLevel: 'intermediate' },
      { code: 'electrical.panel-assembly', minLevel: 'basic' },
    ],
    optional: ['electrical.plc', 'electrical.troubleshooting'],
    pay: 'month',
    openings: [1, 2],
    nightShift: true,
    description:
      'Perawatan motor listrik, panel dan instalasi pabrik di {town}. Kerja bergilir selama musim produksi.',
  }),
  t({
    key: 'plts',
    title: 'Teknisi Pemasangan PLTS Atap',
    required: [{ code: 'electrical.solar-pv', minLevel: 'basic' }],
    optional: ['electrical.grounding', 'electrical.safety'],
    pay: 'month',
    openings: [1, 2],
    description:
      'Pemasangan panel surya atap untuk rumah, sekolah dan usaha di {town} dan kabupaten sekitar.',
  }),
  // Garment
  t({
    key: 'penjahit-operator',
    title: 'Operator Mesin Jahit',
    required: [{ code: 'garment.industrial-sewing', minLevel: 'basic' }],
    optional: ['garment.overlock', 'garment.finishing-qc'],
    certifiable: 'garment.industrial-sewing',
    pay: 'month',
    openings: [3, 8],
    description: 'Menjahit seragam sekolah, kaos dan pakaian kerja pesanan di konveksi kami di {town}.',
  }),
  t({
    key: 'penjahit-seragam',
    title: 'Penjahit Pakaian Pria dan Seragam',
    required: [{ code: 'garment.menswear', minLevel: 'intermediate' }],
    optional: ['garment.pattern-making', 'garment.cutting', 'garment.uniforms'],
    certifiable: 'garment.menswear',
    pay: 'month',
    openings: [1, 3],
    description:
      'Mengukur, memotong dan menjahit kemeja, celana dan seragam dinas pesanan pelanggan di {town}.',
  }),
  t({
    key: 'sablon',
    title: 'Operator Sablon dan Bordir',
    required: [{ code: 'garment.screen-printing', minLevel: 'basic' }],
    optional: ['garment.embroidery'],
    pay: 'month',
    openings: [1, 2],
    description: 'Sablon kaos dan bordir logo untuk pesanan instansi dan sekolah di {town}.',
  }),
  // Computer and office
  t({
    key: 'operator-komputer',
    title: 'Staf Administrasi (Operator Komputer)',
    required: [
      { code: 'computer.office-operator', minLevel: 'basic' },
      { code: 'computer.spreadsheet', minLevel: 'basic' },
    ],
    optional: ['computer.data-entry', 'computer.word-processing'],
    certifiable: 'computer.office-operator',
    pay: 'month',
    openings: [1, 1],
    description: 'Input data pesanan, membuat surat dan laporan harian di kantor kami di {town}.',
  }),
  t({
    key: 'kasir',
    title: 'Kasir Toko',
    required: [{ code: 'computer.cashier', minLevel: 'basic' }],
    optional: ['computer.data-entry', 'logistics.shelf-stocking'],
    pay: 'month',
    openings: [1, 2],
    description: 'Melayani pembayaran pelanggan dan mencatat penjualan harian di toko kami di {town}.',
  }),
  t({
    key: 'desain-grafis',
    title: 'Desainer Grafis dan Konten Media Sosial',
    required: [{ code: 'computer.graphic-design', minLevel: 'intermediate' }],
    optional: ['computer.video-editing', 'computer.online-selling'],
    pay: 'month',
    openings: [1, 1],
    description: 'Membuat desain spanduk, brosur dan konten media sosial untuk pelanggan usaha di {town}.',
  }),
  // Construction
  t({
    key: 'tukang-batu',
    title: 'Tukang Batu',
    required: [{ code: 'construction.masonry', minLevel: 'intermediate' }],
    optional: ['construction.plastering', 'construction.concrete'],
    certifiable: 'construction.masonry',
    pay: 'day',
    openings: [2, 5],
    description: 'Pasangan bata, plester dan pengecoran untuk proyek perumahan dan ruko di {town}.',
  }),
  t({
    key: 'tukang-keramik',
    title: 'Tukang Pasang Keramik',
    required: [{ code: 'construction.tiling', minLevel: 'intermediate' }],
    optional: ['construction.plastering', 'construction.painting'],
    pay: 'day',
    openings: [1, 3],
    description: 'Pemasangan keramik lantai dan dinding untuk proyek rumah tinggal di {town}.',
  }),
  t({
    key: 'tukang-kayu',
    title: 'Tukang Kayu Bangunan',
    required: [{ code: 'construction.carpentry', minLevel: 'intermediate' }],
    optional: ['construction.formwork', 'construction.roofing'],
    pay: 'day',
    openings: [1, 3],
    description: 'Pekerjaan bekisting, kusen dan rangka atap untuk proyek bangunan di {town}.',
  }),
  t({
    key: 'kenek-bangunan',
    title: 'Pekerja Bangunan (Kenek)',
    required: [{ code: 'construction.concrete', minLevel: 'basic' }],
    optional: ['construction.rebar', 'construction.scaffolding', 'construction.masonry'],
    pay: 'day',
    openings: [3, 6],
    description: 'Membantu tukang mengaduk dan mengangkut material, merakit besi dan pengecoran di {town}.',
  }),
  t({
    key: 'tukang-cat',
    title: 'Tukang Cat dan Plafon',
    required: [{ code: 'construction.painting', minLevel: 'basic' }],
    optional: ['construction.gypsum-ceiling'],
    pay: 'day',
    openings: [1, 3],
    description: 'Pengecatan dinding dan pemasangan plafon gipsum untuk rumah dan kantor di {town}.',
  }),
  // Refrigeration
  t({
    key: 'teknisi-ac',
    title: 'Teknisi AC Split',
    required: [{ code: 'refrigeration.split-ac-service', minLevel: 'intermediate' }],
    optional: [
      'refrigeration.split-ac-install',
      'refrigeration.refrigerant-charging',
      'refrigeration.brazing',
    ],
    certifiable: 'refrigeration.split-ac-service',
    pay: 'month',
    openings: [1, 3],
    description: 'Cuci, servis dan pemasangan AC split di rumah, kantor dan hotel sekitar {town}.',
  }),
  t({
    key: 'teknisi-cold-storage',
    title: 'Teknisi Mesin Pendingin (Cold Storage)',
    required: [{ code: 'refrigeration.cold-storage', minLevel: 'basic' }],
    optional: ['refrigeration.brazing', 'refrigeration.refrigerant-charging'],
    pay: 'month',
    openings: [1, 1],
    nightShift: true,
    description:
      'Menjaga dan merawat mesin pendingin ruang penyimpanan ikan di {town}; ada giliran jaga malam.',
  }),
  // Culinary
  t({
    key: 'juru-masak',
    title: 'Juru Masak',
    required: [{ code: 'culinary.indonesian-cuisine', minLevel: 'intermediate' }],
    optional: ['culinary.food-hygiene', 'culinary.catering'],
    certifiable: 'culinary.indonesian-cuisine',
    pay: 'month',
    openings: [1, 2],
    description: 'Memasak menu harian rumah makan (coto, sop saudara, ikan bakar) di {town}.',
  }),
  t({
    key: 'pembantu-dapur',
    title: 'Pembantu Dapur',
    required: [{ code: 'culinary.kitchen-helper', minLevel: 'basic' }],
    optional: ['culinary.food-hygiene'],
    pay: 'month',
    openings: [1, 3],
    description: 'Menyiapkan bahan, mencuci peralatan dan menjaga kebersihan dapur di {town}.',
  }),
  t({
    key: 'pembuat-roti',
    title: 'Pembuat Roti dan Kue',
    required: [{ code: 'culinary.bread', minLevel: 'basic' }],
    optional: ['culinary.pastry', 'culinary.food-hygiene'],
    pay: 'month',
    openings: [2, 4],
    nightShift: true,
    description: 'Produksi roti dan kue untuk toko dan pengecer di {town}; produksi dimulai dini hari.',
  }),
  t({
    key: 'barista',
    title: 'Barista',
    required: [{ code: 'culinary.barista', minLevel: 'basic' }],
    optional: ['culinary.food-hygiene', 'hospitality.waiter'],
    pay: 'month',
    openings: [1, 2],
    description: 'Menyiapkan kopi dan minuman serta melayani pelanggan di kedai kami di {town}.',
  }),
  // Barbering
  t({
    key: 'kapster',
    title: 'Kapster Pangkas Rambut Pria',
    required: [{ code: 'barbering.mens-haircut', minLevel: 'intermediate' }],
    optional: ['barbering.fade', 'barbering.shaving', 'barbering.tool-care'],
    certifiable: 'barbering.mens-haircut',
    pay: 'month',
    openings: [1, 2],
    description: 'Melayani potong rambut pria dan cukur di barbershop kami di {town}; bagi hasil per kepala.',
  }),
  t({
    key: 'penata-rambut',
    title: 'Penata Rambut Salon',
    required: [{ code: 'barbering.womens-haircut', minLevel: 'basic' }],
    optional: ['barbering.hair-coloring', 'barbering.creambath'],
    pay: 'month',
    openings: [1, 1],
    description: 'Potong, creambath dan pewarnaan rambut untuk pelanggan salon di {town}.',
  }),
  // Agriculture
  t({
    key: 'pekerja-kebun-tebu',
    title: 'Pekerja Kebun Tebu',
    required: [{ code: 'agriculture.plantation', minLevel: 'basic' }],
    optional: ['agriculture.farm-machinery', 'agriculture.pest-control'],
    pay: 'day',
    openings: [10, 25],
    description:
      'Tanam, rawat dan tebang tebu di kebun sekitar pabrik gula di {town} selama musim tanam dan giling.',
  }),
  t({
    key: 'operator-traktor',
    title: 'Operator Traktor dan Alat Mesin Pertanian',
    required: [{ code: 'agriculture.farm-machinery', minLevel: 'intermediate' }],
    optional: ['agriculture.rice', 'agriculture.maize'],
    pay: 'month',
    openings: [1, 3],
    description: 'Mengoperasikan dan merawat traktor, pompa dan mesin panen di lahan sekitar {town}.',
  }),
  t({
    key: 'petugas-kandang',
    title: 'Petugas Kandang Sapi',
    required: [{ code: 'agriculture.cattle', minLevel: 'basic' }],
    optional: ['agriculture.animal-feed', 'agriculture.organic-fertilizer'],
    pay: 'month',
    openings: [1, 3],
    description: 'Memberi pakan, membersihkan kandang dan memantau kesehatan sapi penggemukan di {town}.',
  }),
  t({
    key: 'pekerja-ayam',
    title: 'Pekerja Kandang Ayam',
    required: [{ code: 'agriculture.broiler', minLevel: 'basic' }],
    optional: ['agriculture.animal-feed', 'agriculture.native-layer-poultry'],
    pay: 'month',
    openings: [2, 4],
    nightShift: true,
    description: 'Merawat ayam pedaging di kandang tertutup di {town}; ada giliran jaga malam.',
  }),
  t({
    key: 'petani-sayur',
    title: 'Pekerja Kebun Sayur',
    required: [{ code: 'agriculture.vegetables', minLevel: 'basic' }],
    optional: ['agriculture.pest-control', 'agriculture.organic-fertilizer', 'agriculture.nursery'],
    pay: 'day',
    openings: [2, 5],
    description: 'Menyemai, menanam dan memanen sayuran untuk pasar {town} dan sekitarnya.',
  }),
  // Fisheries
  t({
    key: 'penjaga-tambak',
    title: 'Penjaga Tambak Udang dan Bandeng',
    required: [{ code: 'fisheries.milkfish', minLevel: 'basic' }],
    optional: ['fisheries.shrimp', 'fisheries.water-quality'],
    pay: 'month',
    openings: [1, 3],
    nightShift: true,
    description:
      'Memberi pakan, mengatur air dan menjaga tambak bandeng dan udang di pesisir {town}; tinggal di pondok tambak.',
  }),
  t({
    key: 'rumput-laut',
    title: 'Pembudidaya Rumput Laut',
    required: [{ code: 'fisheries.seaweed', minLevel: 'basic' }],
    optional: ['fisheries.water-quality'],
    pay: 'day',
    openings: [3, 8],
    description: 'Mengikat bibit, merawat bentangan dan menjemur hasil panen rumput laut di pesisir {town}.',
  }),
  t({
    key: 'pengolah-ikan',
    title: 'Pekerja Pengolahan Ikan',
    required: [{ code: 'fisheries.fish-processing', minLevel: 'basic' }],
    optional: ['fisheries.fresh-fish-handling', 'fisheries.salted-smoked'],
    pay: 'month',
    openings: [2, 6],
    description: 'Sortir, fillet, pengasinan dan pengemasan ikan hasil tangkapan nelayan di {town}.',
  }),
  t({
    key: 'pembudidaya-lele',
    title: 'Pembudidaya Ikan Lele dan Nila',
    required: [{ code: 'fisheries.catfish', minLevel: 'basic' }],
    optional: ['fisheries.biofloc', 'fisheries.fish-feed', 'fisheries.tilapia'],
    pay: 'month',
    openings: [1, 2],
    description: 'Merawat kolam lele dan nila, memberi pakan dan memanen di {town}.',
  }),
  // Crafts
  t({
    key: 'penenun-sutera',
    title: 'Penenun Kain Sutera',
    required: [{ code: 'crafts.weaving', minLevel: 'basic' }],
    optional: ['crafts.batik'],
    pay: 'month',
    openings: [2, 4],
    description: 'Menenun sarung dan kain sutera dengan alat tenun bukan mesin di sentra tenun {town}.',
  }),
  t({
    key: 'perajin-anyaman',
    title: 'Perajin Anyaman Rotan dan Bambu',
    required: [{ code: 'crafts.rattan-weaving', minLevel: 'basic' }],
    optional: ['crafts.bamboo', 'crafts.pandan-lontar'],
    pay: 'month',
    openings: [1, 3],
    description: 'Membuat keranjang, tikar dan perabot anyaman untuk toko oleh-oleh di {town}.',
  }),
  // Logistics and transport
  t({
    key: 'staf-gudang',
    title: 'Staf Gudang',
    required: [{ code: 'logistics.picking-packing', minLevel: 'basic' }],
    optional: ['logistics.warehouse-admin', 'logistics.loading', 'logistics.shelf-stocking'],
    pay: 'month',
    openings: [1, 4],
    description: 'Menerima, menyusun dan menyiapkan barang kiriman di gudang kami di {town}.',
  }),
  t({
    key: 'sopir',
    title: 'Sopir Pengiriman',
    required: [{ code: 'logistics.car-driving', minLevel: 'intermediate' }],
    optional: ['logistics.defensive-driving', 'logistics.courier'],
    pay: 'month',
    openings: [1, 2],
    description: 'Mengantar barang ke pelanggan di {town} dan kabupaten sekitar. Wajib memiliki SIM A/B1.',
  }),
  t({
    key: 'forklift',
    title: 'Operator Forklift',
    required: [{ code: 'logistics.forklift', minLevel: 'intermediate' }],
    optional: ['logistics.loading', 'logistics.warehouse-admin'],
    certifiable: 'logistics.forklift',
    pay: 'month',
    openings: [1, 2],
    nightShift: true,
    description:
      'Bongkar muat kontainer dan penataan palet di gudang dekat pelabuhan {town}; kerja bergilir.',
  }),
  t({
    key: 'kurir',
    title: 'Kurir Motor',
    required: [{ code: 'logistics.courier', minLevel: 'basic' }],
    optional: ['logistics.defensive-driving'],
    pay: 'month',
    openings: [2, 5],
    description: 'Mengantar paket dalam kota {town} dengan sepeda motor sendiri; uang bensin ditanggung.',
  }),
  // Hospitality and cleaning
  t({
    key: 'room-attendant',
    title: 'Room Attendant',
    required: [{ code: 'hospitality.room-attendant', minLevel: 'basic' }],
    optional: ['hospitality.public-area', 'hospitality.industrial-laundry'],
    certifiable: 'hospitality.room-attendant',
    pay: 'month',
    openings: [1, 3],
    description: 'Membersihkan dan menata kamar tamu sesuai standar hotel di {town}.',
  }),
  t({
    key: 'laundry',
    title: 'Petugas Laundry',
    required: [{ code: 'hospitality.laundry', minLevel: 'basic' }],
    optional: ['hospitality.industrial-laundry'],
    pay: 'month',
    openings: [1, 2],
    description: 'Mencuci, menyetrika dan melipat linen dan pakaian pelanggan di {town}.',
  }),
  t({
    key: 'pramusaji',
    title: 'Pramusaji (Waiter)',
    required: [{ code: 'hospitality.waiter', minLevel: 'basic' }],
    optional: ['culinary.food-hygiene'],
    pay: 'month',
    openings: [1, 3],
    description: 'Melayani tamu, mencatat pesanan dan menata meja di {town}.',
  }),
  t({
    key: 'cleaning',
    title: 'Petugas Kebersihan (Cleaning Service)',
    required: [{ code: 'hospitality.public-area', minLevel: 'basic' }],
    optional: ['hospitality.laundry'],
    pay: 'month',
    openings: [2, 5],
    nightShift: true,
    description: 'Kebersihan gedung, lobi dan area umum di {town}; tersedia giliran pagi dan malam.',
  }),
  // Electronics
  t({
    key: 'teknisi-hp',
    title: 'Teknisi Servis HP',
    required: [{ code: 'electronics.phone-hardware', minLevel: 'intermediate' }],
    optional: ['electronics.phone-software', 'electronics.soldering-assembly'],
    pay: 'month',
    openings: [1, 2],
    description: 'Ganti LCD, baterai dan konektor serta instal ulang perangkat lunak ponsel di {town}.',
  }),
  t({
    key: 'teknisi-cctv',
    title: 'Teknisi CCTV dan Jaringan Fiber',
    required: [{ code: 'electronics.cctv', minLevel: 'basic' }],
    optional: ['electronics.fiber-optic', 'electronics.antenna-satellite'],
    pay: 'month',
    openings: [1, 2],
    description: 'Pemasangan CCTV dan sambungan internet rumah pelanggan di {town}.',
  }),
  // Furniture
  t({
    key: 'tukang-mebel',
    title: 'Tukang Mebel Kayu',
    required: [{ code: 'furniture.tables-chairs', minLevel: 'intermediate' }],
    optional: ['furniture.joinery', 'furniture.wood-finishing', 'furniture.cabinet-making'],
    certifiable: 'furniture.tables-chairs',
    pay: 'month',
    openings: [1, 3],
    description: 'Membuat meja, kursi, lemari dan kusen pesanan dari kayu jati dan bayam di {town}.',
  }),
  t({
    key: 'finishing-mebel',
    title: 'Tukang Finishing Mebel',
    required: [{ code: 'furniture.wood-finishing', minLevel: 'basic' }],
    optional: ['furniture.upholstery'],
    pay: 'month',
    openings: [1, 2],
    description: 'Amplas, dempul dan pelitur mebel kayu sebelum dikirim ke pelanggan di {town}.',
  }),
  // Machining
  t({
    key: 'operator-bubut',
    title: 'Operator Mesin Bubut',
    required: [{ code: 'machining.lathe', minLevel: 'intermediate' }],
    optional: ['machining.precision-measurement', 'machining.bench-work', 'machining.technical-drawing'],
    certifiable: 'machining.lathe',
    pay: 'month',
    openings: [1, 2],
    description: 'Membubut poros, bus dan suku cadang mesin pesanan pelanggan di workshop {town}.',
  }),
  t({
    key: 'mekanik-pabrik',
    title: 'Mekanik Perawatan Mesin Pabrik',
    required: [{ code: 'machining.machine-maintenance', minLevel: 'intermediate' }],
    optional: ['machining.bench-work', 'welding.smaw'],
    pay: 'month',
    openings: [1, 3],
    nightShift: true,
    description: 'Perawatan dan perbaikan mesin produksi di {town}; kerja bergilir selama musim produksi.',
  }),
];

/** The template for `key`; throws on an unknown key (a mistake in the data tables). */
export function jobTemplate(key: string): JobTemplate {
  const found = JOB_TEMPLATES.find((j) => j.key === key);
  if (!found) throw new Error(`unknown job template ${key}`);
  return found;
}
