import type { Evidence, Level } from '../shared/levels.js';
import type { LatLng } from '../shared/schemas.js';
import type { Sector } from '../shared/sectors.js';

export type ReleaseType = 'bebas_murni' | 'pb' | 'cb' | 'cmb' | 'asimilasi';
export type CandidateStatus = 'in_custody' | 'released' | 'placed' | 'withdrawn' | 'erased';
export type EducationLevel = 'none' | 'sd' | 'smp' | 'sma' | 'smk' | 'd3' | 's1';
export type TrainingResult = 'passed' | 'failed' | 'ongoing';
export type ChecklistItem = 'ktp' | 'skck' | 'bpjsKetenagakerjaan' | 'bankAccount' | 'cv';
/** Work-readiness to-dos; an absent item is not done yet. */
export type Checklist = Partial<Record<ChecklistItem, boolean>>;

export interface CandidateSkill {
  code: string;
  level: Level;
  evidence?: Evidence;
}

export interface Training {
  id: string;
  provider: string;
  providerName: string;
  programme: string;
  startDate: Date;
  endDate: Date;
  hours: number;
  result: TrainingResult;
  skills: string[];
  recordedBy?: string;
  recordedAt?: Date;
}

export interface Certification {
  id: string;
  scheme: string;
  number: string;
  issuer: string;
  issuedAt: Date;
  expiresAt?: Date;
  skills: string[];
  provider?: string;
  recordedBy?: string;
  recordedAt?: Date;
}

export interface HistoryEntry {
  at: Date;
  by: string;
  role: string;
  field: string;
  from: unknown;
  to: unknown;
}

export interface CandidateRecord {
  id: string;
  publicId: string;
  registrationNumber: string;
  fullName: string;
  birthDate: Date;
  gender: 'male' | 'female';
  facilityId: string;
  bapasId?: string;
  officerId?: string;
  emailOptOut?: string[];
  domicile: { province: string; regency: string; regencyKey: string; location?: LatLng };
  release: { expectedDate: Date; type: ReleaseType; actualDate?: Date };
  status: CandidateStatus;
  skills: CandidateSkill[];
  trainings: Training[];
  certifications: Certification[];
  education?: { level?: EducationLevel };
  languages: string[];
  workHistory: { title: string; employer?: string; years: number }[];
  preferences: {
    sectors?: Sector[];
    regencies?: string[];
    willingToRelocate?: boolean;
    nightShiftOk?: boolean;
  };
  contact: { email?: string; phone?: string };
  consent: { shareWithEmployers: boolean; contactByEmail: boolean; updatedAt?: Date };
  offenceCategory?: string;
  restrictions: { allowedRegencies?: string[]; curfew?: boolean; excludedSectors?: Sector[] };
  notes?: string;
  checklist?: Checklist;
  history: HistoryEntry[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  erasedAt?: Date;
}
