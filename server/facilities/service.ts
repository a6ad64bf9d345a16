import type { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import { errors } from '../http/errors.js';
import { regionKey } from '../shared/regions.js';
import { type FacilityKind, type FacilityRecord, facilityRepository } from './repository.js';
import type { CreateFacilityBody, FacilityView } from './schemas.js';

export function presentFacility(f: FacilityRecord): FacilityView {
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    kind: f.kind,
    province: f.province,
    regency: f.regency,
    location: f.location,
    timezone: f.timezone as FacilityView['timezone'],
  };
}

/** Admins register facilities; the code is unique (409 on a duplicate). */
export async function createFacility(
  actor: Actor,
  input: z.output<typeof CreateFacilityBody>,
): Promise<FacilityView> {
  try {
    const created = await facilityRepository.create({
      ...input,
      regencyKey: regionKey(input.regency),
      createdBy: actor.userId,
    });
    return presentFacility(created);
  } catch (err) {
    // Name the request field (body.code), like every other 409, not the bare index key.
    if ((err as { code?: number }).code !== 11000) throw err;
    throw errors.conflict(`Kode ${input.code} sudah dipakai`, `Code ${input.code} is already in use`, [
      { path: 'body.code', code: 'duplicate', message: 'sudah dipakai', messageEn: 'already in use' },
    ]);
  }
}

export async function listFacilities(filter: {
  kind?: FacilityKind;
  regency?: string;
}): Promise<FacilityView[]> {
  const list = await facilityRepository.list({
    kind: filter.kind,
    regencyKey: filter.regency ? regionKey(filter.regency) : undefined,
  });
  return list.map(presentFacility);
}

export async function getFacility(id: string): Promise<FacilityView> {
  const f = await facilityRepository.findById(id);
  if (!f) throw errors.notFound('Fasilitas', 'Facility');
  return presentFacility(f);
}

/** Loads a facility that must exist and be of one of `kinds`, else a 400 naming `path`. */
export async function requireFacility(
  id: string,
  kinds: readonly FacilityKind[],
  path: string,
): Promise<FacilityRecord> {
  const f = await facilityRepository.findById(id);
  if (!f || !kinds.includes(f.kind)) {
    throw errors.field(
      path,
      `fasilitas tidak dikenal atau bukan ${kinds.join('/')}`,
      `unknown facility or not a ${kinds.join('/')}`,
    );
  }
  return f;
}
