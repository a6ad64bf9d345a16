import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { CreateVacancyInput } from '../../server/vacancies/schemas.js';
import { clientIp } from '../records/helpers.js';
import { indexNow } from '../search/support.js';
import { testApp, testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  TEST_PASSWORD,
  uniq,
} from '../support/factories.js';
import { csrfOf } from './support.js';

/** A person with an account, their Bapas officer, and an employer in their own (unique) regency. */
export async function buildPerson() {
  const regency = `Kab Saya ${uniq()}`;
  const places = await buildPlaces(regency);
  const person = await buildCandidate(places, {
    domicile: { province: 'Sulawesi Selatan', regency, location: { lat: -4.54, lng: 120.33 } },
    restrictions: { allowedRegencies: [regency], curfew: false, excludedSectors: ['finance'] },
  });
  const account = await buildUser({ role: 'candidate', candidateId: person.id, name: person.fullName });
  const officer = await buildUser({ role: 'officer', facilityId: places.bapas.id });
  const employer = await buildEmployer({ regency, name: `UD Las ${uniq()}` });
  return { regency, places, person, account, officer, employer };
}

/** An open welding vacancy in `regency`, indexed so matching finds it. */
export async function buildJob(
  employerId: string,
  regency: string,
  overrides: Partial<CreateVacancyInput> = {},
  index = true,
) {
  const v = await buildVacancy(employerId, {
    title: `Juru Las ${uniq()}`,
    location: { province: 'Sulawesi Selatan', regency, lat: -4.55, lng: 120.34 },
    ...overrides,
  });
  if (index) await indexNow(await testDeps());
  return v;
}

/**
 * Signs in through the form like `signedInAgent`, from an address of its own: the login limiter
 * allows each address a few dozen sign-ins per window, and the web suites together sign in more
 * often than that from 127.0.0.1.
 */
export async function signIn(email: string): Promise<TestAgent> {
  const agent = request.agent(await testApp());
  const form = await agent.get('/login');
  const res = await agent
    .post('/login')
    .set('X-Forwarded-For', clientIp())
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, password: TEST_PASSWORD });
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${res.text.slice(0, 300)}`);
  return agent;
}
