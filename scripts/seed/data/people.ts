/**
 * Ingredients for the demo people. Names are Bugis and Makassar given names combined at random, so
 * every full name is an invented combination. Offence categories exist only for realism of the
 * officer's view; the platform never shows them to employers.
 */
import type { EducationLevel, ReleaseType } from '../../../server/candidates/types.js';
import type { Sector } from '../../../server/shared/sectors.js';
import type { RegencyName } from './places.js';

export const MALE_FIRST = [
  'Muhammad',
  'Ahmad',
  'Abdul',
  'Baso',
  'Ambo',
  'Syamsul',
  'Rahmat',
  'Arifin',
  'Ilham',
  'Ridwan',
  'Akbar',
  'Fadli',
  'Asri',
  'Rusdi',
  'Jamaluddin',
  'Hamzah',
  'Irwan',
  'Sudirman',
  'Syahrir',
  'Takdir',
  'Sultan',
  'Amiruddin',
  'Hasanuddin',
  'Nasrullah',
  'Firman',
  'Haris',
  'Ikhsan',
  'Kamaruddin',
  'Mustari',
  'Nurdin',
  'Saharuddin',
  'Suardi',
  'Wahyu',
  'Yusuf',
  'Zainal',
  'Herman',
  'Jufri',
  'Risal',
  'Basri',
  'Anwar',
  'Darwis',
  'Alimuddin',
  'Agus',
  'Syukri',
  'Rudi',
] as const;

/** Prefixes that often open a Bugis or Makassar man's name. */
export const MALE_PREFIX = ['Muh.', 'Andi', 'Abd.', 'La'] as const;

export const FEMALE_FIRST = [
  'Sitti',
  'Nurhayati',
  'Hasnawati',
  'Rosmiati',
  'Hasmiah',
  'Rahmawati',
  'Irmawati',
  'Hasriani',
  'Marlina',
  'Suriani',
  'Nurdiana',
  'Jumriani',
  'Satriani',
  'Fatmawati',
  'Asniar',
  'Hartati',
  'Sumarni',
  'Nurlela',
] as const;

/** Prefixes of women's names: Andi (Bugis nobility), St. (Sitti), We (Bugis). */
export const FEMALE_PREFIX = ['Andi', 'St.', 'We'] as const;

/** Second names and family-style names; `Dg.` (Daeng) names are Makassar. */
export const LAST_NAMES = [
  'Tappa',
  'Mappa',
  'Sompa',
  'Lamba',
  'Ranreng',
  'Pawelloi',
  'Sakka',
  'Latief',
  'Amir',
  'Hasan',
  'Syam',
  'Rasyid',
  'Saleh',
  'Hamid',
  'Tahir',
  'Mattola',
  'Paewa',
  'Gani',
  'Bakri',
  'Rauf',
  'Rustam',
  'Jamal',
  'Nasir',
  'Sanusi',
  'Mansur',
  'Pabbicara',
  'Makkulau',
  'Beddu',
  'Sennang',
  'Tola',
  'Ladu',
  'Baharuddin',
  'Mappiasse',
  'Lagu',
] as const;

export const DAENG_NAMES = [
  'Dg. Nassa',
  'Dg. Sila',
  'Dg. Bani',
  'Dg. Tompo',
  'Dg. Rate',
  'Dg. Ngalle',
  'Dg. Caya',
];

export const RELEASE_TYPE_WEIGHTS: readonly (readonly [ReleaseType, number])[] = [
  ['pb', 46],
  ['bebas_murni', 16],
  ['cb', 14],
  ['cmb', 9],
  ['asimilasi', 15],
];

export type Offence = 'narkotika' | 'pencurian' | 'penganiayaan' | 'penipuan' | 'penggelapan';

export const OFFENCE_WEIGHTS: readonly (readonly [Offence, number])[] = [
  ['narkotika', 36],
  ['pencurian', 30],
  ['penganiayaan', 14],
  ['penipuan', 10],
  ['penggelapan', 10],
];

/** Offence-related work limits applied inside the platform (never shown to employers). */
export const OFFENCE_EXCLUSIONS: Partial<Record<Offence, readonly Sector[]>> = {
  penipuan: ['finance'],
  penggelapan: ['finance', 'retail'],
};

export const EDUCATION_WEIGHTS: readonly (readonly [EducationLevel, number])[] = [
  ['none', 4],
  ['sd', 24],
  ['smp', 30],
  ['sma', 21],
  ['smk', 16],
  ['d3', 3],
  ['s1', 2],
];

/** Where people come from, by the facility's regency. */
export const DOMICILE_WEIGHTS: Record<'Bone' | 'Makassar', readonly (readonly [RegencyName, number])[]> = {
  Bone: [
    ['Bone', 62],
    ['Wajo', 10],
    ['Sinjai', 10],
    ['Soppeng', 8],
    ['Makassar', 6],
    ['Maros', 4],
  ],
  Makassar: [
    ['Makassar', 62],
    ['Maros', 22],
    ['Bone', 8],
    ['Wajo', 4],
    ['Sinjai', 2],
    ['Soppeng', 2],
  ],
};

/** The trades people train for, by gender: the vocation codes of the taxonomy with weights. */
export const VOCATION_WEIGHTS: Record<'male' | 'female', readonly (readonly [string, number])[]> = {
  male: [
    ['welding', 14],
    ['automotive', 14],
    ['construction', 12],
    ['agriculture', 10],
    ['electrical', 8],
    ['fisheries', 8],
    ['furniture', 6],
    ['culinary', 5],
    ['barbering', 5],
    ['refrigeration', 5],
    ['logistics', 4],
    ['computer', 4],
    ['electronics', 3],
    ['crafts', 3],
    ['garment', 2],
    ['machining', 2],
    ['hospitality', 1],
  ],
  female: [
    ['garment', 30],
    ['culinary', 25],
    ['barbering', 15],
    ['crafts', 12],
    ['computer', 8],
    ['hospitality', 6],
    ['fisheries', 4],
  ],
};

/** Earlier work people report, by vocation (plus a few general jobs). */
export const WORK_HISTORY: Record<string, readonly string[]> = {
  welding: ['Pembantu tukang las', 'Tukang las pagar'],
  automotive: ['Montir sepeda motor', 'Pembantu bengkel', 'Tukang tambal ban'],
  construction: ['Kuli bangunan', 'Tukang batu', 'Buruh proyek jalan'],
  agriculture: ['Buruh tani', 'Petani padi', 'Peternak sapi'],
  electrical: ['Pembantu tukang listrik', 'Teknisi listrik lepas'],
  fisheries: ['Nelayan', 'Penjaga tambak', 'Buruh pelelangan ikan'],
  furniture: ['Tukang kayu', 'Pembantu tukang mebel'],
  culinary: ['Pembantu warung makan', 'Penjual gorengan', 'Juru masak hajatan'],
  barbering: ['Tukang cukur', 'Pegawai salon'],
  refrigeration: ['Pembantu teknisi AC', 'Tukang servis kulkas'],
  logistics: ['Sopir pete-pete', 'Buruh gudang', 'Kenek truk'],
  computer: ['Penjaga warnet', 'Staf toko'],
  electronics: ['Tukang servis HP', 'Penjual pulsa dan aksesori'],
  crafts: ['Penenun sarung sutera', 'Perajin anyaman'],
  garment: ['Penjahit rumahan', 'Buruh konveksi'],
  machining: ['Pembantu bengkel bubut'],
  hospitality: ['Petugas kebersihan', 'Pelayan rumah makan'],
  general: ['Buruh pelabuhan', 'Pedagang pasar', 'Tukang ojek', 'Buruh harian lepas'],
};

/** Sectors a person in a vocation usually looks for work in. */
export const VOCATION_SECTORS: Record<string, readonly Sector[]> = {
  welding: ['manufacturing', 'construction'],
  automotive: ['automotive', 'transport'],
  construction: ['construction'],
  agriculture: ['agriculture'],
  electrical: ['electrical', 'construction'],
  fisheries: ['fisheries'],
  furniture: ['manufacturing', 'creative'],
  culinary: ['food_service', 'hospitality'],
  barbering: ['personal_care'],
  refrigeration: ['electrical'],
  logistics: ['logistics', 'transport'],
  computer: ['ict_office', 'retail'],
  electronics: ['electrical', 'retail'],
  crafts: ['creative'],
  garment: ['garment'],
  machining: ['manufacturing'],
  hospitality: ['hospitality', 'cleaning'],
};

/** Certification bodies (LSP) issuing BNSP certificates, by vocation; invented names. */
export const LSP_BY_VOCATION: Record<string, string> = {
  construction: 'LSP Konstruksi Celebes',
  culinary: 'LSP Pariwisata dan Boga Sulawesi',
  hospitality: 'LSP Pariwisata dan Boga Sulawesi',
  barbering: 'LSP Tata Rias dan Kecantikan Sulawesi',
  agriculture: 'LSP Agribisnis Sulawesi Selatan',
  fisheries: 'LSP Kelautan dan Perikanan Sulawesi',
};

/** The certification body for everything else: the BLK network's own LSP. */
export const DEFAULT_LSP = 'LSP P2 Pelatihan Kerja Sulawesi Selatan';
