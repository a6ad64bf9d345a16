import type { SeedPlan } from '../../scripts/seed/plan.js';
import { candidateRepository } from '../../server/candidates/repository.js';
import { employerRepository } from '../../server/employers/repository.js';
import { facilityRepository } from '../../server/facilities/repository.js';
import { foldText } from '../../server/shared/text.js';
import { userRepository } from '../../server/users/repository.js';
import { vacancyRepository } from '../../server/vacancies/repository.js';

export interface PresentCounts {
  facilities: number;
  employers: number;
  vacancies: number;
  candidates: number;
  users: number;
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
  for (const v of plan.vacancies) {
    const employerId = employerIds.get(v.employerName);
    if (employerId && (await vacancyRepository.findByExternalRef(employerId, v.externalRef))) vacancies++;
  }
  let candidates = 0;
  for (const c of plan.candidates) {
    const facilityId = facilityIds.get(c.facilityCode);
    if (facilityId && (await candidateRepository.findByRegistration(facilityId, c.input.registrationNumber)))
      candidates++;
  }
  let users = 0;
  for (const l of plan.logins) if (await userRepository.findByEmail(l.email)) users++;
  return { facilities: facilityIds.size, employers: employerIds.size, vacancies, candidates, users };
}
