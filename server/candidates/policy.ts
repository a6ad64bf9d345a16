import type { Actor } from '../auth/actor.js';
import { facilityRepository } from '../facilities/repository.js';
import { isVisibleToEmployers } from './projection.js';
import type { CandidateRecord } from './types.js';

/** How much of a profile the actor may read. null: nothing (the API answers 404). */
export type ReadAccess = 'full' | 'self' | 'skills' | 'anonymised' | null;

const CUSTODY_KINDS = ['lapas', 'rutan', 'lpka'] as const;

/**
 * The facilities whose inmates a BLK trains: custody facilities in the BLK's regency. A trainer may
 * enrol their people and read the skills part of anyone trained or certified through the BLK.
 */
export async function partnerFacilityIds(blkId: string): Promise<string[]> {
  const blk = await facilityRepository.findById(blkId);
  if (!blk || blk.kind !== 'blk') return [];
  const list = await facilityRepository.list({ regencyKey: blk.regencyKey });
  return list.filter((f) => (CUSTODY_KINDS as readonly string[]).includes(f.kind)).map((f) => f.id);
}

function trainedBy(c: CandidateRecord, blkId: string): boolean {
  return c.trainings.some((t) => t.provider === blkId) || c.certifications.some((x) => x.provider === blkId);
}

export async function readAccess(actor: Actor, c: CandidateRecord, now: Date): Promise<ReadAccess> {
  switch (actor.role) {
    case 'admin':
      return 'full';
    case 'officer':
      return c.bapasId !== undefined && c.bapasId === actor.facilityId ? 'full' : null;
    case 'facility_staff':
      return c.facilityId === actor.facilityId ? 'full' : null;
    case 'trainer': {
      if (!actor.facilityId) return null;
      if (trainedBy(c, actor.facilityId)) return 'skills';
      return (await partnerFacilityIds(actor.facilityId)).includes(c.facilityId) ? 'skills' : null;
    }
    case 'employer':
      return isVisibleToEmployers(c, now) ? 'anonymised' : null;
    case 'candidate':
      return actor.candidateId === c.id ? 'self' : null;
  }
}

/** Who keeps the record: admins, the facility's staff and the person's officer. */
export function maySupervise(actor: Actor, c: CandidateRecord): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'facility_staff') return c.facilityId === actor.facilityId;
  if (actor.role === 'officer') return c.bapasId !== undefined && c.bapasId === actor.facilityId;
  return false;
}
