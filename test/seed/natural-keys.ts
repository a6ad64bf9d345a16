import type { SeedPlan } from '../../scripts/seed/plan.js';
import { candidateRepository } from '../../server/candidates/repository.js';
import { employerRepository } from '../../server/employers/repository.js';
import { facilityRepository } from '../../server/facilities/repository.js';
import { placementRepository } from '../../server/placements/repository.js';
import { foldText } from '../../server/shared/text.js';
import { userRepository } from '../../server/users/repository.js';
import { vacancyRepository } from '../../server/vacancies/repository.js';

export interface PresentCounts {
  facilities: number;
  employers: number;
  vacancies: number;
  candidates: number;
  users: number;
  /** Planned (person, vacancy) pairs that have a placement. */
  placements: number;
}

/**
 * How many of the plan's records the database already holds, looked up by the seed's natural keys.
 * Other suites share the test database and may have made a record with the same key (a facility
 * code, an employer name); the seed adopts such records instead of creating them.
 */
export async function presentByNaturalKey(plan: SeedPlan): Promise<PresentCounts> {
  const facilityIds = new Map<string, string>();
  for (const { input } of plan.facilities) {
    const f = await facilityRepository.findByCode(input.code);
    if (f) facilityIds.set(input.code, f.id);
  }
  const employerIds = new Map<string, string>();
  for (const { input } of plan.employers) {
    const { items } = await employerRepository.list({ q: input.name }, 0, 100);
    const e = items.find((x) => foldText(x.name) === foldText(input.name));
    if (e) employerIds.set(input.name, e.id);
  }
  let vacancies = 0;
  const vacancyIds = new Map<string, string>();
  for (const v of plan.vacancies) {
    const employerId = employerIds.get(v.employerName);
    const found = employerId ? await vacancyRepository.findByExternalRef(employerId, v.externalRef) : null;
    if (found) {
      vacancies++;
      vacancyIds.set(v.externalRef, found.id);
    }
  }
  let candidates = 0;
  const candidateIds = new Map<string, string>();
  for (const c of plan.candidates) {
    const facilityId = facilityIds.get(c.facilityCode);
    const found = facilityId
      ? await candidateRepository.findByRegistration(facilityId, c.input.registrationNumber)
      : null;
    if (found) {
      candidates++;
      candidateIds.set(`${c.facilityCode}/${c.input.registrationNumber}`, found.id);
    }
  }
  let placements = 0;
  for (const p of plan.placements) {
    const candidateId = candidateIds.get(`${p.candidate.facilityCode}/${p.candidate.registrationNumber}`);
    const vacancyId = vacancyIds.get(p.vacancy.externalRef);
    if (
      candidateId &&
      vacancyId &&
      (await placementRepository.findMany({ candidateId, vacancyId }, 1)).length
    )
      placements++;
  }
  let users = 0;
  for (const l of plan.logins) if (await userRepository.findByEmail(l.email)) users++;
  return {
    facilities: facilityIds.size,
    employers: employerIds.size,
    vacancies,
    candidates,
    users,
    placements,
  };
}
