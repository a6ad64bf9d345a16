/**
 * Demo employers across the six regencies. Names are invented in the style of local businesses (CV, UD,
 * PT, bengkel, konveksi, rumah makan…); Pabrik Gula Camming stands for the sugar mill in Bone and, as
 * a real enterprise, is given no fair-chance pledge.
 */
import type { Sector } from '../../../server/shared/sectors.js';
import type { RegencyName } from './places.js';

export interface EmployerSeed {
  name: string;
  sector: Sector;
  regency: RegencyName;
  location: { lat: number; lng: number };
  verified: boolean;
  fairChancePledge: boolean;
  /** Job template keys this employer hires for. */
  jobs: readonly string[];
  /** How many vacancies the demo gives it. */
  vacancies: number;
}

const e = (
  name: string,
  sector: Sector,
  regency: RegencyName,
  lat: number,
  lng: number,
  jobs: readonly string[],
  vacancies: number,
  flags: { verified?: boolean; fairChancePledge?: boolean } = {},
): EmployerSeed => ({
  name,
  sector,
  regency,
  location: { lat, lng },
  verified: flags.verified ?? true,
  fairChancePledge: flags.fairChancePledge ?? true,
  jobs,
  vacancies,
});

/** The employer whose user is the demo employer login: verified, in Bone, with open vacancies. */
export const DEMO_EMPLOYER = 'CV Sinar Las Watampone';

export const EMPLOYERS: readonly EmployerSeed[] = [
  // Bone (Watampone and surroundings)
  e(DEMO_EMPLOYER, 'manufacturing', 'Bone', -4.5372, 120.3341, ['las-smaw', 'las-kanopi', 'helper-las'], 3),
  e('Bengkel Las Karya Mandiri', 'manufacturing', 'Bone', -4.5521, 120.3209, ['las-kanopi', 'helper-las'], 2),
  e('UD Bengkel Motor Arung Teknik', 'automotive', 'Bone', -4.541, 120.329, ['mekanik-motor'], 2),
  e('Bengkel Mobil Sinar Tanete', 'automotive', 'Bone', -4.5463, 120.3412, ['mekanik-mobil', 'cat-bodi'], 2),
  e(
    'Pabrik Gula Camming',
    'manufacturing',
    'Bone',
    -4.93,
    120.05,
    ['pekerja-kebun-tebu', 'mekanik-pabrik', 'listrik-pabrik', 'operator-traktor'],
    3,
    { fairChancePledge: false },
  ),
  e('Toko Bangunan Sumber Rezeki', 'retail', 'Bone', -4.5398, 120.3275, ['kasir', 'staf-gudang', 'sopir'], 2),
  e(
    'Rumah Makan Sop Saudara Bone Indah',
    'food_service',
    'Bone',
    -4.5356,
    120.3318,
    ['juru-masak', 'pembantu-dapur', 'pramusaji'],
    2,
  ),
  e(
    'Konveksi Bunga Lontara',
    'garment',
    'Bone',
    -4.548,
    120.3245,
    ['penjahit-operator', 'penjahit-seragam', 'sablon'],
    3,
  ),
  e('CV Tambak Lestari Bajoe', 'fisheries', 'Bone', -4.574, 120.379, ['penjaga-tambak', 'pengolah-ikan'], 2),
  e('UD Rumput Laut Teluk Bone', 'fisheries', 'Bone', -4.61, 120.395, ['rumput-laut'], 2),
  e(
    'Hotel Bukit Tujuh Watampone',
    'hospitality',
    'Bone',
    -4.5335,
    120.3262,
    ['room-attendant', 'laundry', 'pramusaji'],
    2,
  ),
  e(
    'CV Mebel Jati Tellu Siattinge',
    'manufacturing',
    'Bone',
    -4.402,
    120.251,
    ['tukang-mebel', 'finishing-mebel'],
    2,
  ),
  e('CV Arung Teknik Listrik', 'electrical', 'Bone', -4.5427, 120.337, ['listrik-instalasi', 'plts'], 2),
  e('CV Sejuk Mandiri Teknik', 'electrical', 'Bone', -4.5387, 120.3221, ['teknisi-ac'], 1),
  e(
    'PT Bone Agro Lestari',
    'agriculture',
    'Bone',
    -4.701,
    120.152,
    ['operator-traktor', 'petugas-kandang', 'petani-sayur'],
    2,
    { verified: false },
  ),
  e('Pangkas Rambut Gentleman Watampone', 'personal_care', 'Bone', -4.5369, 120.3298, ['kapster'], 1),
  e(
    'PT Cahaya Bangun Persada',
    'construction',
    'Bone',
    -4.5502,
    120.335,
    ['tukang-batu', 'tukang-keramik', 'kenek-bangunan', 'tukang-kayu'],
    3,
  ),

  // Makassar
  e(
    'PT Celebes Baja Konstruksi',
    'construction',
    'Makassar',
    -5.105,
    119.495,
    ['las-gmaw', 'las-smaw', 'operator-bubut'],
    3,
  ),
  e(
    'PT Makassar Logistik Nusantara',
    'logistics',
    'Makassar',
    -5.11,
    119.415,
    ['forklift', 'staf-gudang', 'sopir'],
    3,
  ),
  e(
    'Hotel Sulawesi Permai',
    'hospitality',
    'Makassar',
    -5.142,
    119.408,
    ['room-attendant', 'laundry', 'cleaning', 'pramusaji'],
    2,
    { fairChancePledge: false },
  ),
  e(
    'Rumah Makan Coto Paraikatte Bersaudara',
    'food_service',
    'Makassar',
    -5.148,
    119.431,
    ['juru-masak', 'pembantu-dapur'],
    2,
  ),
  e('PT Sulsel Garmen Abadi', 'garment', 'Makassar', -5.101, 119.504, ['penjahit-operator', 'sablon'], 2),
  e(
    'CV Servis AC Panakkukang',
    'electrical',
    'Makassar',
    -5.156,
    119.447,
    ['teknisi-ac', 'teknisi-cold-storage'],
    2,
  ),
  e('UD Bengkel Motor Daya Jaya', 'automotive', 'Makassar', -5.105, 119.515, ['mekanik-motor'], 1),
  e('PT Kurir Cepat Sulawesi', 'transport', 'Makassar', -5.163, 119.441, ['kurir', 'sopir'], 2, {
    fairChancePledge: false,
  }),
  e('CV Bersih Cemerlang', 'cleaning', 'Makassar', -5.137, 119.424, ['cleaning', 'laundry'], 2),
  e(
    'CV Kreasi Digital Makassar',
    'ict_office',
    'Makassar',
    -5.146,
    119.438,
    ['desain-grafis', 'operator-komputer'],
    2,
    { verified: false, fairChancePledge: false },
  ),
  e('Teknisi Ponsel Sentral', 'electrical', 'Makassar', -5.135, 119.414, ['teknisi-hp', 'teknisi-cctv'], 2, {
    verified: false,
  }),

  // Maros
  e(
    'Pabrik Roti Maros Sari Rasa',
    'food_service',
    'Maros',
    -5.006,
    119.574,
    ['pembuat-roti', 'pembantu-dapur'],
    2,
  ),
  e('UD Tambak Udang Lau', 'fisheries', 'Maros', -4.98, 119.52, ['penjaga-tambak', 'pembudidaya-lele'], 2),
  e(
    'CV Batu Alam Bantimurung',
    'construction',
    'Maros',
    -5.015,
    119.682,
    ['tukang-batu', 'kenek-bangunan', 'tukang-cat'],
    2,
  ),
  e(
    'PT Maros Unggas Sejahtera',
    'agriculture',
    'Maros',
    -4.95,
    119.6,
    ['pekerja-ayam', 'petugas-kandang'],
    2,
  ),

  // Sinjai
  e(
    'UD Perikanan Lappa',
    'fisheries',
    'Sinjai',
    -5.135,
    120.27,
    ['pengolah-ikan', 'teknisi-cold-storage'],
    2,
  ),
  e('Konveksi Sinjai Mandiri', 'garment', 'Sinjai', -5.123, 120.248, ['penjahit-seragam'], 1),

  // Soppeng
  e('UD Sutera Alam Soppeng', 'creative', 'Soppeng', -4.348, 119.886, ['penenun-sutera'], 2),
  e(
    'CV Tani Makmur Lalabata',
    'agriculture',
    'Soppeng',
    -4.36,
    119.9,
    ['operator-traktor', 'petani-sayur'],
    2,
  ),
  e(
    'Bengkel Motor Watansoppeng Jaya',
    'automotive',
    'Soppeng',
    -4.351,
    119.883,
    ['mekanik-motor', 'mekanik-diesel'],
    1,
    { verified: false },
  ),

  // Wajo
  e(
    'Tenun Sutera Sengkang Mandiri',
    'creative',
    'Wajo',
    -4.131,
    120.024,
    ['penenun-sutera', 'perajin-anyaman'],
    2,
  ),
  e('UD Ikan Danau Tempe', 'fisheries', 'Wajo', -4.12, 119.97, ['pengolah-ikan', 'pembudidaya-lele'], 2, {
    fairChancePledge: false,
  }),
  e('CV Sengkang Baja Mandiri', 'manufacturing', 'Wajo', -4.14, 120.03, ['las-kanopi', 'las-smaw'], 1),
];
