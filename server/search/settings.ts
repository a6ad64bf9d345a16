import type { IndexSettings } from '../infra/search.js';
import { synonymGroups } from '../skills/service.js';

/**
 * Synonyms generated from the skills taxonomy: every label and typed word of a skill (and of its
 * trade) finds the others, so "las", "welder" and "SMAW" reach the same people.
 */
export function taxonomySynonyms(): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of synonymGroups()) {
    for (const term of group) {
      const set = map.get(term) ?? new Set<string>();
      for (const other of group) if (other !== term) set.add(other);
      map.set(term, set);
    }
  }
  return Object.fromEntries([...map].map(([k, v]) => [k, [...v].slice(0, 50)]));
}

const typoTolerance = {
  enabled: true,
  minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
  disableOnAttributes: ['skillCodes', 'requiredSkillCodes'],
};

/** Settings of the employer-facing candidate index; applied at every start. */
export function candidateIndexSettings(): IndexSettings {
  return {
    searchableAttributes: [
      'skillText',
      'skills.label.id',
      'skills.label.en',
      'trainings.programme',
      'certifications.scheme',
      'domicile.regency',
      'languages',
    ],
    filterableAttributes: [
      'skillCodes',
      'vocations',
      'regencyKey',
      'provinceKey',
      'domicile.regency',
      'domicile.province',
      'availableFromWeek',
      'certified',
      'certifiedSkills',
      'educationLevel',
      'willingToRelocate',
      'nightShiftOk',
      'ageBand',
      'preferences.sectors',
      '_geo',
    ],
    sortableAttributes: ['availableFromWeek', '_geo', 'version'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    typoTolerance,
    synonyms: taxonomySynonyms(),
    faceting: { maxValuesPerFacet: 300 },
    pagination: { maxTotalHits: 10_000 },
  };
}

/** Settings of the open-vacancy index; applied at every start. */
export function vacancyIndexSettings(): IndexSettings {
  return {
    searchableAttributes: ['title', 'skillText', 'description', 'employerName', 'location.regency'],
    filterableAttributes: [
      'skillCodes',
      'requiredSkillCodes',
      'vocations',
      'sector',
      'regencyKey',
      'provinceKey',
      'startDate',
      'closesAt',
      'nightShift',
      'employerId',
      'employerVerified',
      // Faceted by GET /search/vacancies; the engine refuses facets on attributes that are not filterable.
      'location.regency',
      '_geo',
    ],
    sortableAttributes: ['startDate', '_geo', 'version'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    typoTolerance,
    synonyms: taxonomySynonyms(),
    faceting: { maxValuesPerFacet: 300 },
    pagination: { maxTotalHits: 10_000 },
  };
}
