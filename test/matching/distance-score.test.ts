import assert from 'node:assert/strict';
import type { CandidateRecord } from '../../server/candidates/types.js';
import { explain } from '../../server/matching/rules.js';
import type { VacancyRecord } from '../../server/vacancies/repository.js';

const NOW = new Date('2026-03-02T00:00:00Z');
const WORKPLACE = { lat: -4.54, lng: 120.33 };
/** About 1.11 km per 0.01° of latitude. */
const KM_PER_DEG = 111.2;

const vacancy: VacancyRecord = {
  id: 'v1',
  employerId: 'e1',
  title: 'Juru Las SMAW',
  sector: 'manufacturing',
  description: 'Pengelasan rangka baja.',
  skills: [{ code: 'welding.smaw', required: true, minLevel: 'basic' }],
  certificationsRequired: [],
  location: { province: 'Sulawesi Selatan', regency: 'Bone', regencyKey: 'bone', ...WORKPLACE },
  radiusKm: 50,
  openings: 1,
  startDate: new Date('2026-04-01T00:00:00Z'),
  nightShift: false,
  status: 'open',
  version: 1,
  createdAt: NOW,
  updatedAt: NOW,
};

/** The same person, moved `km` due south into `regency`. */
function personAt(km: number, regency: string, willingToRelocate = false): CandidateRecord {
  return {
    id: 'c1',
    publicId: 'BK-TEST0001',
    registrationNumber: 'R-1',
    fullName: 'Peserta Uji',
    birthDate: new Date('1990-01-01T00:00:00Z'),
    gender: 'male',
    facilityId: 'f1',
    domicile: {
      province: 'Sulawesi Selatan',
      regency,
      regencyKey: regency.toLowerCase(),
      location: { lat: WORKPLACE.lat - km / KM_PER_DEG, lng: WORKPLACE.lng },
    },
    release: { expectedDate: new Date('2026-03-20T00:00:00Z'), type: 'pb' },
    status: 'in_custody',
    skills: [{ code: 'welding.smaw', level: 'intermediate', evidence: 'training' }],
    trainings: [],
    certifications: [],
    languages: [],
    workHistory: [],
    preferences: { willingToRelocate },
    contact: {},
    consent: { shareWithEmployers: true, contactByEmail: false },
    restrictions: {},
    history: [],
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

const score = (c: CandidateRecord) =>
  explain({ candidate: c, vacancy, now: NOW, employerFacing: true }).score;

describe('matching score: distance', () => {
  it('when a person lives farther away within the radius, then their score never rises', () => {
    for (const regency of ['Bone', 'Wajo']) {
      const scores = [0, 5, 10, 20, 30, 40, 45, 49].map((km) => score(personAt(km, regency)));
      for (let i = 1; i < scores.length; i++) {
        assert.ok(scores[i]! <= scores[i - 1]!, `${regency}: ${scores.join(', ')}`);
      }
    }
  });

  it('when a person can commute (within the radius or in the same regency), then they outscore anyone who must relocate', () => {
    const relocating = score(personAt(120, 'Makassar', true));
    for (const km of [10, 35, 45, 49]) {
      assert.ok(score(personAt(km, 'Wajo')) > relocating, `${km} km inside the radius vs relocating`);
    }
    assert.ok(score(personAt(70, 'Bone')) > relocating, 'same regency beyond the radius vs relocating');
  });

  it('when a same-regency person lives beyond the radius, then they score no more than one inside it', () => {
    const beyond = score(personAt(70, 'Bone'));
    for (const km of [10, 30, 45, 49]) assert.ok(score(personAt(km, 'Bone')) >= beyond, `${km} km`);
  });
});
