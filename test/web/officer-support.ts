import assert from 'node:assert/strict';
import type { CreateCandidateInput } from '../../server/candidates/schemas.js';
import type { EmployerView } from '../../server/employers/schemas.js';
import type { VacancyView } from '../../server/vacancies/schemas.js';
import { indexNow } from '../search/support.js';
import { testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  type CandidateFull,
  candidateInput,
  type Places,
  type TestUser,
  uniq,
} from '../support/factories.js';

/** Undoes the HTML escaping of an attribute value (the templates escape with numeric entities). */
export function unescapeAttr(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}

/** Every href on the page, unescaped. */
export function hrefs(page: string): string[] {
  return [...page.matchAll(/href="([^"]*)"/g)].map((m) => unescapeAttr(m[1]!));
}

/**
 * The page rules every officer screen keeps: one h1, unique ids, a label for every field, table
 * headers with scope and tables with captions, no inline style or script.
 */
export function assertAccessiblePage(page: string, what: string): void {
  assert.equal((page.match(/<h1[\s>]/g) ?? []).length, 1, `${what}: exactly one h1`);
  const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(dupes, [], `${what}: duplicate ids`);
  for (const m of page.matchAll(/<(input|select|textarea)\b[^>]*>/g)) {
    const tag = m[0];
    if (/type="(hidden|submit|button)"/.test(tag)) continue;
    const before = page.slice(0, m.index);
    const wrapped = before.lastIndexOf('<label') > before.lastIndexOf('</label>');
    const id = /\sid="([^"]+)"/.exec(tag)?.[1];
    const labelled = id !== undefined && page.includes(`<label for="${id}"`);
    assert.ok(wrapped || labelled, `${what}: field without a label: ${tag}`);
  }
  for (const m of page.matchAll(/<th\b[^>]*>/g)) assert.match(m[0], /scope="(col|row)"/, `${what}: th scope`);
  const tables = (page.match(/<table[\s>]/g) ?? []).length;
  assert.equal((page.match(/<caption>/g) ?? []).length, tables, `${what}: every table has a caption`);
  assert.ok(!/\sstyle="/.test(page), `${what}: no style attributes`);
  assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/.test(page), `${what}: no inline scripts`);
}

export interface OfficerWorld {
  regency: string;
  places: Places;
  officer: TestUser;
  employer: EmployerView;
  boss: TestUser;
}

/** A Bapas with an officer, in its own regency, and a verified employer there. */
export async function buildOfficerWorld(): Promise<OfficerWorld> {
  const regency = `Kab Petugas ${uniq()}`;
  const places = await buildPlaces(regency);
  const employer = await buildEmployer({ regency });
  const [officer, boss] = await Promise.all([
    buildUser({ role: 'officer', facilityId: places.bapas.id, name: 'Petugas Uji' }),
    buildUser({ role: 'employer', employerId: employer.id }),
  ]);
  return { regency, places, officer, employer, boss };
}

/** A client of the world's Bapas living (and allowed to work) in its regency. */
export function buildClient(
  world: OfficerWorld,
  overrides: Partial<CreateCandidateInput> = {},
): Promise<CandidateFull> {
  const base = candidateInput(world.places);
  return buildCandidate(world.places, {
    domicile: { province: 'Sulawesi Selatan', regency: world.regency, location: { lat: -4.53, lng: 120.32 } },
    restrictions: { ...base.restrictions, allowedRegencies: [world.regency] },
    ...overrides,
  });
}

/** An open welding vacancy of the world's employer in its regency, indexed for matching. */
export async function buildIndexedVacancy(
  world: OfficerWorld,
  title = 'Juru Las SMAW',
): Promise<VacancyView> {
  const v = await buildVacancy(world.employer.id, {
    title,
    location: { province: 'Sulawesi Selatan', regency: world.regency, lat: -4.54, lng: 120.33 },
  });
  await indexNow(await testDeps());
  return v;
}
