/**
 * Who learns who the person is, and when: nothing identifying reaches an employer before the
 * officer introduces the person; at the introduction exactly one audited disclosure by the officer;
 * afterwards that employer (and no other) sees the name and contact only, and each read of them is
 * audited. The person never sees officers' notes or why a placement was closed.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { indexNow } from '../search/support.js';
import { testDeps } from '../support/context.js';
import type { CandidateFull, TestUser } from '../support/factories.js';
import { uniq } from '../support/factories.js';
import {
  api,
  buildPerson,
  buildPlacementWorld,
  buildWorldVacancy,
  closeApi,
  move,
  type PlacementWorld,
  settleQueuedJobsAfterSuite,
  step,
} from './support.js';

/** Keys that name or describe the person's case; none may appear in an employer's answer. */
const CASE_KEYS = ['registrationNumber', 'offenceCategory', 'restrictions', 'birthDate', 'notes', 'history'];
/** …and before the introduction, not even these. */
const IDENTITY_KEYS = ['identity', 'fullName', 'contact', 'email', 'phone', 'candidateId'];

function keysOf(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keysOf(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  return out;
}

interface Secrets {
  identity: string[];
  caseFacts: string[];
}

function secretsOf(p: CandidateFull): Secrets {
  return {
    identity: [p.fullName, p.contact.email ?? '', p.contact.phone ?? '', p.id].filter(Boolean),
    caseFacts: [p.registrationNumber, p.offenceCategory ?? '', p.notes ?? '', p.birthDate].filter(Boolean),
  };
}

function assertNothingOf(body: unknown, values: string[], keys: string[], where: string): void {
  const text = JSON.stringify(body);
  for (const v of values) assert.equal(text.includes(v), false, `${where} leaks ${v}`);
  const present = keysOf(body);
  for (const k of keys) assert.equal(present.has(k), false, `${where} has the key ${k}`);
}

interface AuditRow {
  actor: { id: string; role: string };
  action: string;
  detail?: string;
}

describe('placement identity disclosure', function () {
  this.timeout(120_000);
  settleQueuedJobsAfterSuite();

  let w: PlacementWorld;
  let person: CandidateFull;
  let me: TestUser;
  let secrets: Secrets;
  /** Placement A: the officer proposes; B: the employer shows interest in the anonymised person. */
  let a: string;
  let b: string;
  let vacancyA: string;
  let otherVacancy: string;
  const officerNote = `Catatan petugas ${uniq()}`;
  const internalNote = `Catatan internal ${uniq()}`;
  const closingReason = `Alasan penolakan ${uniq()}`;

  const get = async (who: TestUser, path: string, query: Record<string, string | number> = {}) => {
    const res = await request(await api())
      .get(`/api/v1${path}`)
      .query(query)
      .set(who.auth);
    assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };

  const disclosures = async (): Promise<AuditRow[]> =>
    (
      (await get(w.admin, '/audit', { candidateId: person.id, action: 'disclose_identity', limit: 100 }))
        .items as AuditRow[]
    ).reverse();

  /** Everything an employer can read about people: placements, matches, search, public profiles. */
  async function employerSurfaces(who: TestUser, vacancyId: string) {
    const out: [string, unknown][] = [
      ['placement list', await get(who, '/placements', { limit: 100 })],
      ['matches', await get(who, `/vacancies/${vacancyId}/matches`, { limit: 100 })],
      ['search', await get(who, '/search/candidates', { regency: w.regency, limit: 100 })],
      ['public profile', await get(who, `/candidates/public/${person.publicId}`)],
    ];
    return out;
  }

  before(async () => {
    w = await buildPlacementWorld();
    ({ person, user: me } = await buildPerson(w, {
      contact: {
        email: `${uniq('wbp-')}@test.bekalkerja.local`,
        phone: `+62 813 ${Date.now() % 100_000_000}`,
      },
      birthDate: new Date('1987-03-09T00:00:00Z'),
    }));
    secrets = secretsOf(person);
    const [va, vb, vo] = await Promise.all([
      buildWorldVacancy(w),
      buildWorldVacancy(w),
      buildWorldVacancy({ employer: w.otherEmployer, regency: w.regency }),
    ]);
    vacancyA = va.id;
    otherVacancy = vo.id;
    await indexNow(await testDeps());

    const proposed = await request(await api())
      .post('/api/v1/placements')
      .set(w.officer.auth)
      .send({ candidateId: person.id, vacancyId: va.id, note: officerNote });
    assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
    a = proposed.body.id;

    const interest = await request(await api())
      .post('/api/v1/placements')
      .set(w.boss.auth)
      .send({ candidateId: person.publicId, vacancyId: vb.id, note: 'Kami tertarik' });
    assert.equal(interest.status, 201, JSON.stringify(interest.body));
    assert.equal(interest.body.state, 'employer_interest');
    assertNothingOf(
      interest.body,
      [...secrets.identity, ...secrets.caseFacts],
      [...CASE_KEYS, ...IDENTITY_KEYS],
      'the interest answer',
    );
    b = interest.body.id;
  });
  after(closeApi);

  it('when the placement is proposed or only consented to, then no employer answer names the person', async () => {
    const check = async (stage: string) => {
      for (const id of [a, b]) {
        const view = await get(w.boss, `/placements/${id}`);
        assert.ok(view.candidate, 'the employer sees the anonymised person');
        assertNothingOf(
          view,
          [...secrets.identity, ...secrets.caseFacts],
          [...CASE_KEYS, ...IDENTITY_KEYS],
          `${stage} GET`,
        );
        assert.equal(JSON.stringify(view).includes(officerNote), false, 'officer notes stay with officers');
      }
      const surfaces = await employerSurfaces(w.boss, vacancyA);
      const [, matches] = surfaces[1]!;
      const [, search] = surfaces[2]!;
      assert.ok(JSON.stringify(matches).includes(person.publicId), 'the person is among the matches');
      assert.ok(JSON.stringify(search).includes(person.publicId), 'the person is found by search');
      for (const [where, body] of surfaces)
        assertNothingOf(
          body,
          [...secrets.identity, ...secrets.caseFacts],
          [...CASE_KEYS, ...IDENTITY_KEYS],
          `${stage} ${where}`,
        );
    };
    await check('proposed');
    await step(me, a, { to: 'candidate_consented' });
    // The officer accepts the employer's interest; the employer still learns nothing.
    await step(w.officer, b, { to: 'proposed' });
    await check('consented');
    assert.deepEqual(await disclosures(), [], 'no disclosure before the introduction');
  });

  it('when the officer introduces the person, then exactly one disclosure is audited, by the officer', async () => {
    const res = await step(w.officer, a, { to: 'introduced', note: internalNote, internal: true });
    assert.equal(res.body.state, 'introduced');
    const audits = await disclosures();
    assert.equal(audits.length, 1, JSON.stringify(audits));
    assert.equal(audits[0]!.actor.id, w.officer.user.id);
    assert.equal(audits[0]!.actor.role, 'officer');
    assert.match(audits[0]!.detail ?? '', new RegExp(`employer ${w.employer.id}, placement ${a}`));
  });

  it('when the employer reads an introduced placement, then only name and contact show, and every read is audited', async () => {
    const before = (await disclosures()).length;
    const view = await get(w.boss, `/placements/${a}`);
    assert.deepEqual(view.identity, {
      fullName: person.fullName,
      contact: { email: person.contact.email, phone: person.contact.phone },
    });
    assertNothingOf(view, [...secrets.caseFacts, person.id, officerNote, internalNote], CASE_KEYS, 'GET');
    assertNothingOf(view.candidate, [person.fullName], [], 'the anonymised part');
    // Placement B (same person, same employer) is not introduced: it still names nobody.
    const other = await get(w.boss, `/placements/${b}`);
    assertNothingOf(
      other,
      [...secrets.identity, ...secrets.caseFacts],
      [...CASE_KEYS, ...IDENTITY_KEYS],
      'B',
    );

    const list = await get(w.boss, '/placements', { limit: 100 });
    const rows = list.items as { id: string; identity?: unknown }[];
    assert.ok(rows.find((r) => r.id === a)?.identity, 'the list shows the introduced person');
    assert.equal(rows.find((r) => r.id === b)?.identity, undefined);
    assertNothingOf(list, [...secrets.caseFacts, person.id, officerNote, internalNote], CASE_KEYS, 'list');
    await get(w.boss, `/placements/${a}`);

    // The employer's own step answers with the identity too: another read.
    const interviewing = await step(w.boss, a, { to: 'interviewing', note: 'Wawancara Senin' });
    assert.equal(interviewing.body.identity.fullName, person.fullName);
    const feedback = await request(await api())
      .put(`/api/v1/placements/${a}/feedback`)
      .set(w.boss.auth)
      .send({ feedback: 'Datang tepat waktu, sopan' });
    assert.equal(feedback.status, 200, JSON.stringify(feedback.body));

    const reads = (await disclosures()).slice(before);
    assert.equal(reads.length, 5, `GET, list, GET, step, feedback: ${JSON.stringify(reads)}`);
    for (const r of reads) {
      assert.equal(r.actor.id, w.boss.user.id);
      assert.equal(r.actor.role, 'employer');
      assert.match(r.detail ?? '', new RegExp(`placement ${a}`));
    }
  });

  it('when another employer or another Bapas looks, then the placement does not exist for them', async () => {
    for (const who of [w.otherBoss, w.otherOfficer]) {
      const res = await request(await api())
        .get(`/api/v1/placements/${a}`)
        .set(who.auth);
      assert.equal(res.status, 404);
      const moved = await move(who, a, { to: 'offered' });
      assert.equal(moved.status, 404);
    }
    const before = (await disclosures()).length;
    for (const [where, body] of await employerSurfaces(w.otherBoss, otherVacancy))
      assertNothingOf(
        body,
        [...secrets.identity, ...secrets.caseFacts],
        [...CASE_KEYS, ...IDENTITY_KEYS],
        `other employer ${where}`,
      );
    assert.equal((await disclosures()).length, before);
  });

  it('when the person looks at their placements, then no officer note and no closing reason shows', async () => {
    await step(w.officer, b, { to: 'declined', reason: closingReason, note: internalNote, internal: true });
    const views = [
      await get(me, `/placements/${a}`),
      await get(me, `/placements/${b}`),
      await get(me, '/placements', { limit: 100 }),
    ];
    for (const view of views) {
      const text = JSON.stringify(view);
      for (const hidden of [officerNote, internalNote, closingReason, 'Kami tertarik', 'Wawancara Senin'])
        assert.equal(text.includes(hidden), false, `the person sees ${hidden}`);
      const keys = keysOf(view);
      for (const k of ['note', 'reason', 'closedReason', 'employerFeedback', 'internal'])
        assert.equal(keys.has(k), false, `the person's view has ${k}`);
    }
    const [ownA, ownB] = views as [Record<string, unknown>, Record<string, unknown>];
    assert.equal(ownA.state, 'interviewing');
    assert.equal(ownB.state, 'closed', 'a declined placement is just closed for the person');
    assert.deepEqual(
      (ownB.timeline as { to: string }[]).map((e) => e.to),
      ['employer_interest', 'proposed'],
    );
    // The employer is not told the officer's reason either.
    const employerView = await get(w.boss, `/placements/${b}`);
    assert.equal(JSON.stringify(employerView).includes(closingReason), false);
    assert.equal(JSON.stringify(employerView).includes(internalNote), false);
  });
});
