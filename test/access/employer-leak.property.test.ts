import assert from 'node:assert/strict';
import type { Express } from 'express';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { ensureSearchIndexes, syncCandidate, syncVacancy } from '../../server/search/sync.js';
import { SECTOR_CODES } from '../../server/shared/sectors.js';
import { testApp, testDeps } from '../support/context.js';
import {
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  dayFromNow,
  type Places,
  type TestUser,
  uniq,
} from '../support/factories.js';
import {
  FORBIDDEN_KEYS_EVERYWHERE,
  FORBIDDEN_KEYS_FOR_PEOPLE,
  type Secrets,
  scanResponse,
  secretsFor,
} from './leak-scan.js';
import { call, missingId } from './matrix.js';
import { settleAfterSuite } from './queue-cleanup.js';

// ------------------------------------------------------------------------------------------------
// Arbitrary people

/** Lower-case letters that survive case folding and accent stripping, so a name part stays distinctive. */
const DISTINCT = ['ø', 'ł', 'ß', 'æ', 'ı', 'ə', 'ŋ', 'ð', 'þ', 'ж', 'щ', 'ع', 'ש', '山', '김', 'ญ'];
/** What else names are made of: ASCII and accented letters, other scripts, apostrophes, hyphens, emoji. */
const LETTERS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ...'áàâäãéèêëíìîïóòôöõúùûüçñşğčšžÁÉÍÓÚÇŞĞ',
  ...DISTINCT,
  'a\u0301',
  'e\u0308',
  "'",
  '-',
  '.',
  '😀',
  '👩🏽‍🔧',
];
const letter = fc.constantFrom(...LETTERS);
const namePart = fc
  .tuple(
    fc.string({ unit: letter, maxLength: 5 }),
    fc.constantFrom(...DISTINCT),
    fc.string({ unit: letter, maxLength: 5 }),
  )
  .map(([a, b, c]) => a + b + c);
/** Odd spacing: doubled spaces, no-break, ideographic and thin spaces, tabs. */
const gap = fc.constantFrom(' ', '  ', '\u00a0', '\u3000', ' \u2009', '\t', ' \u200b ');
/** A token of letters that are not hexadecimal, so it can never occur inside an id by chance. */
const token = fc.stringMatching(/^[g-z]{8}$/);

const personArb = fc
  .record({
    parts: fc.array(namePart, { minLength: 1, maxLength: 3 }),
    gaps: fc.array(gap, { minLength: 3, maxLength: 3 }),
    edge: fc.constantFrom('', ' ', '\u00a0', '  '),
    token,
    regPrefix: fc.stringMatching(/^[A-Za-z0-9./-]{0,10}$/),
    ageYears: fc.integer({ min: 12, max: 80 }),
    ageDays: fc.integer({ min: 0, max: 364 }),
    gender: fc.constantFrom('male', 'female'),
    emailLocal: fc.stringMatching(/^[a-z0-9_+-]{1,12}$/),
    phoneDigits: fc.stringMatching(/^[1-9][0-9]{7,10}$/),
    phoneStyle: fc.constantFrom('spaced', 'dashed', 'plain'),
    offenceWords: fc.string({ unit: letter, maxLength: 20 }),
    excludedSectors: fc.subarray([...SECTOR_CODES], { maxLength: 3 }),
    curfew: fc.boolean(),
    notesText: fc.string({ unit: 'grapheme', maxLength: 120 }),
    consent: fc.boolean(),
    status: fc.constantFrom('in_custody', 'released', 'withdrawn'),
    trained: fc.boolean(),
    /** After an employer showed interest: the person stays, revokes consent, or is withdrawn. */
    later: fc.constantFrom('stays', 'stays', 'revokes', 'withdrawn'),
  })
  // Within the API's limits (emoji count several UTF-16 units): fullName ≤ 120, offence ≤ 80.
  .filter((p) => p.parts.join('   ').length <= 95 && p.offenceWords.length <= 68);
type PersonInput = typeof personArb extends fc.Arbitrary<infer T> ? T : never;

/** The name as typed: arbitrary parts and a distinctive surname, odd gaps between, spaces around. */
function fullNameOf(p: PersonInput): string {
  const surname = `${p.token[0]!.toUpperCase()}${p.token.slice(1)}nm`;
  const inner = [...p.parts, surname]
    .map((part, k) => (k === 0 ? part : `${p.gaps[(k - 1) % p.gaps.length]}${part}`))
    .join('');
  return `${p.edge}${inner}${p.edge}`;
}

function birthDayOf(p: PersonInput): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCFullYear(d.getUTCFullYear() - p.ageYears);
  d.setUTCDate(d.getUTCDate() - p.ageDays);
  return d.toISOString().slice(0, 10);
}

function isAdult(birthDay: string): boolean {
  const eighteenth = new Date(`${birthDay}T00:00:00Z`);
  eighteenth.setUTCFullYear(eighteenth.getUTCFullYear() + 18);
  return eighteenth.getTime() <= Date.now();
}

function phoneOf(p: PersonInput): string {
  const d = p.phoneDigits;
  if (p.phoneStyle === 'spaced') return `+62 8${d.slice(0, 2)} ${d.slice(2, 6)} ${d.slice(6)}`;
  if (p.phoneStyle === 'dashed') return `08${d.slice(0, 3)}-${d.slice(3)}`;
  return `+628${d}`;
}

interface Created {
  id: string;
  publicId: string;
  visible: boolean;
  secrets: Secrets;
  input: PersonInput;
}

// ------------------------------------------------------------------------------------------------

interface Operation {
  method: string;
  path: string;
  roles?: string[];
  /** Boolean fields of the JSON body, from the API document (for settings writes). */
  booleans: string[];
}

type OpenApiOperation = {
  'x-roles'?: string[];
  requestBody?: {
    content?: { 'application/json'?: { schema?: { properties?: Record<string, { type?: string }> } } };
  };
};

/** Paths the employer run calls with extra variants, or with bodies, below. */
const EXPLICIT = new Set([
  'GET /candidates',
  'GET /candidates/{publicId}',
  'GET /search/candidates',
  'GET /search/vacancies',
  'GET /vacancies/{id}/matches',
]);
/** Reference data with nothing about people: called once, in the final sweep. */
const STATIC = new Set([
  '/skills',
  '/skills/{code}',
  '/vocations',
  '/programmes',
  '/facilities',
  '/facilities/{id}',
]);
/** Writes an employer may make; each is exercised in every run. */
const EMPLOYER_WRITES = new Set([
  'POST /vacancies',
  'PATCH /vacancies/{id}',
  'PATCH /employers/{id}',
  'PUT /me/notification-preferences',
  'POST /placements',
  'POST /placements/{id}/transitions',
  'PUT /placements/{id}/feedback',
]);

describe('employer leak property', () => {
  settleAfterSuite();
  let app: Express;
  let hr: TestUser;
  let staff: TestUser;
  let places: Places;
  let employerId: string;
  let otherVacancyId: string;
  let otherEmployerId: string;
  let operations: Operation[] = [];
  const everyone: Created[] = [];
  let run = 0;
  /** Answers of 5xx: they hold nothing, but an endpoint that fails was not really exercised. */
  const failures = new Set<string>();

  before(async function () {
    // Generous: it waits for the shared search engine, which other work may keep busy.
    this.timeout(180_000);
    app = await testApp();
    await ensureSearchIndexes((await testDeps()).search);
    places = await buildPlaces(`Kabupaten Sifat ${uniq()}`);
    staff = await buildUser({ role: 'facility_staff', facilityId: places.lapas.id });
    const employer = await buildEmployer({ regency: places.lapas.regency });
    employerId = employer.id;
    hr = await buildUser({ role: 'employer', employerId });
    const other = await buildEmployer();
    otherEmployerId = other.id;
    otherVacancyId = (await buildVacancy(other.id)).id;
    const doc = await call(app, 'get', '/openapi.json', {});
    const paths = doc.body.paths as Record<string, Record<string, OpenApiOperation>>;
    operations = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        roles: op['x-roles'],
        booleans: Object.entries(op.requestBody?.content?.['application/json']?.schema?.properties ?? {})
          .filter(([, schema]) => schema.type === 'boolean')
          .map(([name]) => name),
      })),
    );
  });

  it('when the API grows a write an employer may call, then it is covered by this property', () => {
    const uncovered = operations
      .filter((o) => o.method !== 'GET' && o.roles?.includes('employer'))
      .map((o) => `${o.method} ${o.path}`)
      .filter((o) => !EMPLOYER_WRITES.has(o));
    assert.deepEqual(uncovered, [], 'add these to the employer leak property (EMPLOYER_WRITES and its run)');
  });

  /** Registers one arbitrary person through the API as the facility's staff and brings them to a status. */
  async function register(p: PersonInput, i: number, releaseDay: string): Promise<Created> {
    const t = p.token;
    const birthDay = birthDayOf(p);
    const body = {
      // The run and position keep the number unique in the facility even when tokens repeat.
      registrationNumber: `${p.regPrefix}${t.toUpperCase()}R${run}N${i}`,
      fullName: fullNameOf(p),
      birthDate: birthDay,
      gender: p.gender,
      facilityId: places.lapas.id,
      bapasId: places.bapas.id,
      domicile: {
        province: 'Sulawesi Selatan',
        regency: places.lapas.regency,
        location: { lat: -4.53, lng: 120.32 },
      },
      release: { expectedDate: releaseDay, type: 'pb' },
      skills: [{ code: 'welding.smaw', level: 'intermediate', evidence: 'training' }],
      languages: ['Bahasa Indonesia'],
      workHistory: [{ title: 'Pembantu tukang las', employer: `Bengkel ${t}wh`, years: 2 }],
      preferences: { sectors: ['manufacturing'], willingToRelocate: false, nightShiftOk: true },
      contact: { email: `${p.emailLocal}.${t}em@test.bekalkerja.local`, phone: phoneOf(p) },
      consent: { shareWithEmployers: p.consent, contactByEmail: true },
      offenceCategory: `${p.offenceWords} ${t}of`.trim(),
      restrictions: {
        allowedRegencies: [places.lapas.regency, `Kab Larangan ${t}lr`],
        curfew: p.curfew,
        excludedSectors: p.excludedSectors,
      },
      notes: `${p.notesText} ${t}nt`.trim(),
    };
    const res = await call(app, 'post', '/candidates', staff.auth).send(body);
    assert.equal(res.status, 201, `could not register ${JSON.stringify(body)}: ${res.text}`);
    const c = res.body as { id: string; publicId: string; fullName: string; registrationNumber: string };
    if (p.trained) {
      const tr = await call(app, 'post', `/candidates/${c.id}/trainings`, staff.auth).send({
        provider: places.blk.id,
        programme: 'Pengelasan SMAW 3G',
        startDate: dayFromNow(-60),
        endDate: dayFromNow(-20),
        hours: 160,
        result: 'passed',
        skills: ['welding.smaw'],
      });
      assert.equal(tr.status, 201, tr.text);
    }
    if (p.status === 'released') {
      const r = await call(app, 'post', `/candidates/${c.id}/release`, staff.auth).send({
        releasedAt: dayFromNow(0),
      });
      assert.equal(r.status, 200, r.text);
    } else if (p.status === 'withdrawn') {
      const w = await call(app, 'patch', `/candidates/${c.id}`, staff.auth).send({ status: 'withdrawn' });
      assert.equal(w.status, 200, w.text);
    }
    const visible = p.consent && p.status !== 'withdrawn' && isAdult(birthDay);
    const secrets = secretsFor(`person ${run}.${i} (${visible ? 'visible' : 'hidden'})`, {
      id: c.id,
      fullName: c.fullName,
      registrationNumber: c.registrationNumber,
      birthDay,
      birthDate: new Date(`${birthDay}T00:00:00Z`),
      email: body.contact.email,
      phone: body.contact.phone,
      offenceCategory: body.offenceCategory,
      notes: body.notes,
      tokens: {
        name: `${t}nm`,
        restriction: `${t}lr`,
        'work history': `${t}wh`,
        offence: `${t}of`,
        notes: `${t}nt`,
      },
    });
    if (!visible) secrets.ids.push(c.publicId);
    return { id: c.id, publicId: c.publicId, visible, secrets, input: p };
  }

  /** Every GET the employer can send for this run's people, including routes that answer 403. */
  async function employerReads(
    people: Created[],
    vacancyId: string,
    releaseDay: string,
    placementIds: string[],
  ) {
    const out: { label: string; res: Response; people: boolean }[] = [];
    const get = async (path: string) => {
      out.push({
        label: `GET ${path}`,
        res: await call(app, 'get', path, hr.auth),
        people: returnsPeople(path),
      });
    };
    // The candidate list: its first page, the run's release day two rows at a time (all pages are read
    // in the final sweep).
    await get('/candidates?limit=20');
    for (let page = 1; page <= Math.ceil(people.length / 2) + 1; page++) {
      await get(`/candidates?releaseAfter=${releaseDay}&releaseBefore=${releaseDay}&limit=2&page=${page}`);
    }
    await get(`/candidates?consented=false&sort=name&releaseAfter=${releaseDay}&releaseBefore=${releaseDay}`);
    for (const c of people) {
      await get(`/candidates/public/${c.publicId}`);
      await get(`/candidates/${c.id}`);
    }
    // Search and matching, when the index holds the run's people.
    const regency = encodeURIComponent(places.lapas.regency);
    await get(`/search/candidates?regency=${regency}&limit=100`);
    await get('/search/candidates?q=las&limit=100');
    // Visible people are in the index: none of their secrets may find them.
    for (const c of people.filter((x) => x.visible)) {
      const asked = ['name token', 'offence token', 'registrationNumber'];
      for (const n of c.secrets.needles.filter((x) => asked.includes(x.what))) {
        await get(`/search/candidates?q=${encodeURIComponent(n.text)}&limit=100`);
      }
    }
    await get(`/search/vacancies?regency=${regency}`);
    await get(`/vacancies/${vacancyId}/matches?limit=100`);
    // Everything else an API document lists, with each plausible id.
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      if (op.method !== 'GET' || STATIC.has(op.path) || EXPLICIT.has(key)) continue;
      for (const path of substitutions(op.path, people, vacancyId, placementIds)) await get(path);
    }
    return out;
  }

  /** Every boolean setting of the notification preferences switched on, as the API document lists them. */
  function settingsBody(): Record<string, boolean> {
    const op = operations.find((o) => o.method === 'PUT' && o.path === '/me/notification-preferences');
    return Object.fromEntries((op?.booleans ?? []).map((k) => [k, true]));
  }

  /** Routes whose answers describe people, where `id` and `email` keys are forbidden too. */
  function returnsPeople(path: string): boolean {
    return (
      path.startsWith('/candidates') || path.startsWith('/search/candidates') || path.includes('/matches')
    );
  }

  function substitutions(
    path: string,
    people: Created[],
    vacancyId: string,
    placementIds: string[],
  ): string[] {
    const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    if (params.length === 0) return [path];
    const first = path.split('/')[1];
    let values: string[];
    if (params.includes('publicId')) values = people.map((c) => c.publicId);
    else if (first === 'candidates') values = people.map((c) => c.id);
    else if (first === 'vacancies') values = [vacancyId, otherVacancyId];
    else if (first === 'employers') values = [employerId, otherEmployerId];
    else if (first === 'placements') values = [...placementIds, missingId()];
    else values = [missingId()];
    return values.map((v) => path.replace(/\{[^}]+\}/g, v));
  }

  it('when employers call every endpoint they can reach over arbitrary people, then no response names or holds personal data and hidden people never appear', async function () {
    // Bounded by runs and by time: on a loaded machine fewer runs finish instead of the test timing out.
    this.timeout(180_000);
    const deps = await testDeps();
    await fc.assert(
      fc.asyncProperty(fc.array(personArb, { minLength: 1, maxLength: 4 }), async (inputs) => {
        run++;
        const releaseDay = dayFromNow(1000 + run);
        const people: Created[] = [];
        for (const [i, p] of inputs.entries()) people.push(await register(p, i, releaseDay));
        everyone.push(...people);
        // The employer's own writes, whose answers are checked like every read.
        const posted = await call(app, 'post', '/vacancies', hr.auth).send({
          title: `Juru Las Sifat ${run}`,
          sector: 'manufacturing',
          description: 'Pengelasan rangka baja untuk bengkel konstruksi.',
          skills: [{ name: 'las listrik', required: true }],
          location: { province: 'Sulawesi Selatan', regency: places.lapas.regency, lat: -4.54, lng: 120.33 },
          openings: 3,
          startDate: dayFromNow(1000 + run),
        });
        assert.equal(posted.status, 201, posted.text);
        const vacancyId = (posted.body as { id: string }).id;
        const writes: { label: string; res: Response; people: boolean }[] = [
          { label: 'POST /vacancies', res: posted, people: false },
          {
            label: 'PATCH /vacancies/{own}',
            res: await call(app, 'patch', `/vacancies/${vacancyId}`, hr.auth).send({ openings: 4 }),
            people: false,
          },
          {
            label: 'PATCH /employers/{own}',
            res: await call(app, 'patch', `/employers/${employerId}`, hr.auth).send({
              fairChancePledge: true,
            }),
            people: false,
          },
          {
            label: 'PUT /me/notification-preferences',
            res: await call(app, 'put', '/me/notification-preferences', hr.auth).send(settingsBody()),
            people: false,
          },
        ];
        // Interest in every person, by public id: only people employers may see can be asked for.
        const placementIds: string[] = [];
        const interestProblems: string[] = [];
        for (const c of people) {
          const res = await call(app, 'post', '/placements', hr.auth).send({
            candidateId: c.publicId,
            vacancyId,
          });
          writes.push({ label: 'POST /placements', res, people: false });
          // A parole limit or an excluded sector also answers 404: the employer is never told why.
          const excluded = c.input.excludedSectors.includes('manufacturing');
          const want = c.visible && !excluded ? 201 : 404;
          if (res.status !== want)
            interestProblems.push(`POST /placements: ${res.status} for ${c.secrets.label}`);
          if (res.status === 201) placementIds.push((res.body as { id: string }).id);
        }
        for (const id of placementIds) {
          writes.push(
            {
              label: 'POST /placements/{id}/transitions',
              res: await call(app, 'post', `/placements/${id}/transitions`, hr.auth).send({
                to: 'introduced',
              }),
              people: false,
            },
            {
              label: 'PUT /placements/{id}/feedback',
              res: await call(app, 'put', `/placements/${id}/feedback`, hr.auth).send({ feedback: 'Cocok' }),
              people: false,
            },
          );
        }
        // Answers so far are checked while the people they show may still be shown.
        const problems: string[] = [...interestProblems];
        const before = people.map((c) => ({ ...c.secrets, ids: [...c.secrets.ids] }));
        for (const r of writes) {
          if (r.res.status >= 500) failures.add(`${r.label}: ${r.res.status}`);
          problems.push(...scanResponse(r.label, r.res, before, FORBIDDEN_KEYS_EVERYWHERE));
        }
        // Then some visible people revoke consent or are withdrawn: from now on they must vanish too.
        for (const c of people.filter((x) => x.visible && x.input.later !== 'stays')) {
          const res =
            c.input.later === 'revokes'
              ? await call(app, 'put', `/candidates/${c.id}/consent`, staff.auth).send({
                  shareWithEmployers: false,
                  contactByEmail: false,
                })
              : await call(app, 'patch', `/candidates/${c.id}`, staff.auth).send({ status: 'withdrawn' });
          assert.equal(res.status, 200, res.text);
          c.visible = false;
          c.secrets.label = c.secrets.label.replace('visible', `visible, then ${c.input.later}`);
          c.secrets.ids.push(c.publicId);
        }
        const now = new Date();
        // No worker runs in tests: index the run's records now.
        await Promise.all([
          ...people.map((c) => syncCandidate(deps.search, c.id, now)),
          syncVacancy(deps.search, vacancyId, now),
        ]);
        const responses = await employerReads(people, vacancyId, releaseDay, placementIds);
        const secrets = people.map((c) => c.secrets);
        for (const r of responses) {
          if (r.res.status >= 500) failures.add(`${r.label.replace(/\?.*$/, '')}: ${r.res.status}`);
          const keys = r.people ? FORBIDDEN_KEYS_FOR_PEOPLE : FORBIDDEN_KEYS_EVERYWHERE;
          problems.push(...scanResponse(r.label, r.res, secrets, keys));
        }
        // Exactly the run's visible people are listed for its release day, and found in search.
        const byDay = responses
          .filter((r) => r.label.includes(`releaseAfter=${releaseDay}`))
          .flatMap((r) => (r.res.body as { items?: { publicId: string }[] }).items ?? [])
          .map((x) => x.publicId);
        const expected = people.filter((c) => c.visible).map((c) => c.publicId);
        const found = responses.find((r) => r.label.startsWith('GET /search/candidates?regency='));
        const searchBody = (found?.res.body ?? {}) as { items?: { publicId: string }[] };
        const searched = (searchBody.items ?? []).map((x) => x.publicId);
        for (const c of people) {
          const direct = responses.filter(
            (r) =>
              r.label === `GET /candidates/public/${c.publicId}` || r.label === `GET /candidates/${c.id}`,
          );
          for (const r of direct) {
            if (r.res.status !== (c.visible ? 200 : 404))
              problems.push(`${r.label}: ${r.res.status} for ${c.secrets.label}`);
          }
          if (c.visible && !byDay.includes(c.publicId)) problems.push(`list misses ${c.secrets.label}`);
          if (c.visible && !searched.includes(c.publicId)) problems.push(`search misses ${c.secrets.label}`);
        }
        if (new Set(byDay).size !== expected.length)
          problems.push(`list by day: ${byDay.length} rows, ${expected.length} visible`);
        assert.deepEqual(problems, [], problems.join('\n'));
      }),
      { numRuns: 25, endOnFailure: true, interruptAfterTimeLimit: 75_000, markInterruptAsFailure: false },
    );
  });

  it('when the property has run, then no endpoint an employer can reach failed with a server error', () => {
    assert.ok(run >= 5, `the property ran ${run} times`);
    assert.deepEqual([...failures], []);
  });

  it('when every person from all runs exists, then no employer list, search or reference answer holds any of them', async function () {
    this.timeout(60_000);
    assert.ok(everyone.length > 0, 'the property ran');
    const secrets = everyone.map((c) => c.secrets);
    const problems: string[] = [];
    const check = async (path: string, people: boolean) => {
      const res = await call(app, 'get', path, hr.auth);
      problems.push(
        ...scanResponse(
          `GET ${path}`,
          res,
          secrets,
          people ? FORBIDDEN_KEYS_FOR_PEOPLE : FORBIDDEN_KEYS_EVERYWHERE,
        ),
      );
      return res;
    };
    for (let page = 1; page <= 20; page++) {
      const res = await check(`/candidates?limit=100&page=${page}`, true);
      if (page * 100 >= (res.body as { total: number }).total) break;
    }
    for (let page = 1; page <= 20; page++) {
      const res = await check(`/search/candidates?limit=100&page=${page}`, true);
      if (page * 100 >= (res.body as { total: number }).total) break;
    }
    for (const op of operations) {
      if (op.method === 'GET' && STATIC.has(op.path)) {
        const path = op.path.replace('{code}', 'welding.smaw').replace('{id}', places.lapas.id);
        await check(path, false);
      }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
