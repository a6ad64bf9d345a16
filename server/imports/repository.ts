// Batch look-ups for imports: one query per chunk of rows instead of one per row. Read-only; every
// write goes through the owning capability's service.

import { CandidateModel } from '../candidates/model.js';
import { toCandidateRecord } from '../candidates/repository.js';
import type { CandidateRecord } from '../candidates/types.js';
import { EmployerModel } from '../employers/model.js';
import { type FacilityRecord, facilityRepository } from '../facilities/repository.js';
import { foldText } from '../shared/text.js';
import { VacancyModel } from '../vacancies/model.js';
import { toVacancyRecord, type VacancyRecord } from '../vacancies/repository.js';

type CandidateDoc = Parameters<typeof toCandidateRecord>[0];
type VacancyDoc = Parameters<typeof toVacancyRecord>[0];

export const importRepository = {
  /** The live (not erased) profiles of one facility with these registration numbers, by number. */
  async candidatesByRegistration(
    facilityId: string,
    registrationNumbers: string[],
  ): Promise<Map<string, CandidateRecord>> {
    if (registrationNumbers.length === 0) return new Map();
    const docs = await CandidateModel.find({
      facilityId,
      registrationNumber: { $in: registrationNumbers },
      status: { $ne: 'erased' },
    }).lean<CandidateDoc[]>();
    return new Map(docs.map((d) => [d.registrationNumber as string, toCandidateRecord(d)]));
  },

  /** Vacancies by (employer, externalRef), keyed `${employerId}\u0000${externalRef}`. */
  async vacanciesByExternalRef(
    pairs: { employerId: string; externalRef: string }[],
  ): Promise<Map<string, VacancyRecord>> {
    const byEmployer = new Map<string, string[]>();
    for (const p of pairs)
      byEmployer.set(p.employerId, [...(byEmployer.get(p.employerId) ?? []), p.externalRef]);
    if (byEmployer.size === 0) return new Map();
    const docs = await VacancyModel.find({
      $or: [...byEmployer].map(([employerId, refs]) => ({ employerId, externalRef: { $in: refs } })),
    }).lean<VacancyDoc[]>();
    const out = new Map<string, VacancyRecord>();
    for (const d of docs) {
      const v = toVacancyRecord(d);
      out.set(vacancyKey(v.employerId, v.externalRef ?? ''), v);
    }
    return out;
  },

  /** Employer ids by folded name; a name shared by several employers maps to all of them. */
  async employerIdsByName(names: string[]): Promise<Map<string, string[]>> {
    const keys = [...new Set(names.map(foldText))];
    const out = new Map<string, string[]>(keys.map((k) => [k, []]));
    if (keys.length === 0) return out;
    const docs = await EmployerModel.find({ nameKey: { $in: keys } }, { _id: 1, nameKey: 1 }).lean<
      { _id: { toString(): string }; nameKey: string }[]
    >();
    for (const d of docs) out.get(d.nameKey)?.push(d._id.toString());
    return out;
  },

  findFacilityByCode(code: string): Promise<FacilityRecord | null> {
    return facilityRepository.findByCode(code);
  },
};

/** The idempotency key of an imported vacancy. */
export function vacancyKey(employerId: string, externalRef: string): string {
  return `${employerId}\u0000${externalRef}`;
}
