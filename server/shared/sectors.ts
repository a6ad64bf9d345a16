/**
 * Economic sectors used by employers, vacancies, preferences and parole exclusions. One list, so an
 * exclusion such as "no cash handling" (finance, retail cashier work) can be applied reliably.
 */
export const SECTORS = {
  manufacturing: { id: 'Industri pengolahan', en: 'Manufacturing' },
  construction: { id: 'Konstruksi', en: 'Construction' },
  automotive: { id: 'Bengkel dan otomotif', en: 'Automotive services' },
  agriculture: { id: 'Pertanian dan peternakan', en: 'Agriculture and livestock' },
  fisheries: { id: 'Perikanan', en: 'Fisheries' },
  food_service: { id: 'Makanan dan minuman', en: 'Food service' },
  hospitality: { id: 'Perhotelan', en: 'Hospitality' },
  retail: { id: 'Perdagangan eceran', en: 'Retail' },
  logistics: { id: 'Pergudangan dan logistik', en: 'Warehousing and logistics' },
  transport: { id: 'Angkutan dan pengemudi', en: 'Transport and driving' },
  cleaning: { id: 'Jasa kebersihan', en: 'Cleaning services' },
  garment: { id: 'Garmen dan tekstil', en: 'Garment and textiles' },
  personal_care: { id: 'Pangkas rambut dan salon', en: 'Barbering and personal care' },
  ict_office: { id: 'Komputer dan perkantoran', en: 'ICT and office work' },
  electrical: { id: 'Kelistrikan dan elektronik', en: 'Electrical and electronics' },
  finance: { id: 'Keuangan dan kasir', en: 'Finance and cash handling' },
  security: { id: 'Keamanan', en: 'Security' },
  education: { id: 'Pendidikan', en: 'Education' },
  health_care: { id: 'Kesehatan', en: 'Health care' },
  child_care: { id: 'Pengasuhan anak', en: 'Child care' },
  mining: { id: 'Pertambangan', en: 'Mining' },
  creative: { id: 'Kerajinan dan industri kreatif', en: 'Crafts and creative industry' },
  other: { id: 'Lainnya', en: 'Other' },
} as const;

export type Sector = keyof typeof SECTORS;
export const SECTOR_CODES = Object.keys(SECTORS) as [Sector, ...Sector[]];
