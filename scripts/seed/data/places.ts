/**
 * Places of the demo: the South Sulawesi regencies it covers and the corrections and training
 * facilities in them. Coordinates are approximate town centres (WITA, Asia/Makassar).
 */
import type { FacilityKind } from '../../../server/facilities/repository.js';

export const PROVINCE = 'Sulawesi Selatan';
export const TIMEZONE = 'Asia/Makassar';

export type RegencyName = 'Bone' | 'Makassar' | 'Maros' | 'Sinjai' | 'Soppeng' | 'Wajo';

export interface Regency {
  name: RegencyName;
  /** The main town, used in descriptions. */
  town: string;
  centre: { lat: number; lng: number };
  /** Local languages spoken besides Bahasa Indonesia. */
  languages: readonly string[];
}

export const REGENCIES: Record<RegencyName, Regency> = {
  Bone: { name: 'Bone', town: 'Watampone', centre: { lat: -4.54, lng: 120.33 }, languages: ['Bugis'] },
  Makassar: {
    name: 'Makassar',
    town: 'Makassar',
    centre: { lat: -5.14, lng: 119.43 },
    languages: ['Makassar', 'Bugis'],
  },
  Maros: {
    name: 'Maros',
    town: 'Maros',
    centre: { lat: -5.0, lng: 119.57 },
    languages: ['Makassar', 'Bugis'],
  },
  Sinjai: { name: 'Sinjai', town: 'Sinjai', centre: { lat: -5.12, lng: 120.25 }, languages: ['Bugis'] },
  Soppeng: {
    name: 'Soppeng',
    town: 'Watansoppeng',
    centre: { lat: -4.35, lng: 119.89 },
    languages: ['Bugis'],
  },
  Wajo: { name: 'Wajo', town: 'Sengkang', centre: { lat: -4.13, lng: 120.02 }, languages: ['Bugis'] },
};

export interface FacilitySeed {
  code: string;
  name: string;
  kind: FacilityKind;
  regency: RegencyName;
  location: { lat: number; lng: number };
}

/** Natural keys (facility codes) the seed and its logins refer to. */
export const FACILITY = {
  lapasWatampone: 'LAPAS-WATAMPONE',
  rutanWatampone: 'RUTAN-WATAMPONE',
  bapasWatampone: 'BAPAS-WATAMPONE',
  blkBone: 'BLK-BONE',
  lapasMakassar: 'LAPAS-MAKASSAR',
  bapasMakassar: 'BAPAS-MAKASSAR',
  blkMakassar: 'BLK-MAKASSAR',
} as const;

/**
 * The facilities, in creation order. The first one also anchors the demo's dates: its creation day is
 * the "today" every relative date of the data set is counted from.
 */
export const FACILITIES: readonly FacilitySeed[] = [
  {
    code: FACILITY.lapasWatampone,
    name: 'Lapas Kelas IIA Watampone',
    kind: 'lapas',
    regency: 'Bone',
    location: { lat: -4.5391, lng: 120.3262 },
  },
  {
    code: FACILITY.rutanWatampone,
    name: 'Rutan Kelas IIB Watampone',
    kind: 'rutan',
    regency: 'Bone',
    location: { lat: -4.5447, lng: 120.3338 },
  },
  {
    code: FACILITY.bapasWatampone,
    name: 'Bapas Kelas II Watampone',
    kind: 'bapas',
    regency: 'Bone',
    location: { lat: -4.5352, lng: 120.3305 },
  },
  {
    code: FACILITY.blkBone,
    name: 'BLK Kabupaten Bone',
    kind: 'blk',
    regency: 'Bone',
    location: { lat: -4.5548, lng: 120.3181 },
  },
  {
    code: FACILITY.lapasMakassar,
    name: 'Lapas Kelas I Makassar',
    kind: 'lapas',
    regency: 'Makassar',
    location: { lat: -5.1684, lng: 119.4362 },
  },
  {
    code: FACILITY.bapasMakassar,
    name: 'Bapas Kelas I Makassar',
    kind: 'bapas',
    regency: 'Makassar',
    location: { lat: -5.1497, lng: 119.4298 },
  },
  {
    code: FACILITY.blkMakassar,
    name: 'UPT BLK Makassar',
    kind: 'blk',
    regency: 'Makassar',
    location: { lat: -5.1331, lng: 119.4722 },
  },
];
