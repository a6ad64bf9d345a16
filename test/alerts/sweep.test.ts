import assert from 'node:assert/strict';
import request from 'supertest';
import { deliverBatches, MAX_SEND_ATTEMPTS, retryDelayMs } from '../../server/notifications/deliver.js';
import { addDays } from '../../server/notifications/milestones.js';
import { NotificationModel } from '../../server/notifications/model.js';
import { VACANCIES_INDEX } from '../../server/search/documents.js';
import { startWorkers, type WorkerPool } from '../../workers/runtime.js';
import { indexNow, waitFor } from '../search/support.js';
import { testApp, testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildEmployer,
  buildPlaces,
  buildUser,
  buildVacancy,
  type Places,
  uniq,
} from '../support/factories.js';
import { messagesTo, sleep } from './support.js';

const at = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Each scenario lives far in the future on a day of its own, so the sweep only meets this scenario's
 * people, and reads the real SMTP sink by each recipient's unique address. People and vacancies sit far
 * from the demo data (which other suites of the run may have seeded), so no other vacancy is in range.
 */
function scenarioDay(): string {
  const offset = 400 + Math.floor(Math.random() * 20_000);
  return addDays(new Date().toISOString().slice(0, 10), offset);
}

interface World {
  places: Places;
  regency: string;
  officer: Awaited<ReturnType<typeof buildUser>>;
  admin: Awaited<ReturnType<typeof buildUser>>;
}

async function world(): Promise<World> {
  const regency = `Kab Alert ${uniq()}`;
  const places = await buildPlaces(regency);
  const officer = await buildUser({
    role: 'officer',
    facilityId: places.bapas.id,
    email: `${uniq('pk-')}@test.bekalkerja.local`,
    name: 'Petugas Uji',
  });
  const admin = await buildUser({ role: 'admin' });
  return { places, regency, officer, admin };
}

async function sweep(w: World, asOf: string) {
  const res = await request(await testApp())
    .post('/api/v1/admin/sweeps/release')
    .set(w.admin.auth)
    .send({ asOf });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as {
    planned: number;
    alreadyPlanned: number;
    byKind: Record<string, number>;
    candidates: number;
  };
}

function welder(w: World, releaseDay: string, extra: Record<string, unknown> = {}) {
  return buildCandidate(w.places, {
    fullName: `Andi ${uniq('Las')}`,
    officerId: w.officer.user.id,
    domicile: { province: 'Papua Selatan', regency: w.regency, location: { lat: -8.49, lng: 140.4 } },
    release: { expectedDate: at(releaseDay), type: 'pb' },
    skills: [{ code: 'welding.smaw', level: 'intermediate', evidence: 'training' }],
    consent: { shareWithEmployers: true, contactByEmail: true },
    contact: { email: `${uniq('wbp-')}@test.bekalkerja.local` },
    restrictions: {},
    ...extra,
  });
}

/** Where a scenario's people live and work; one scenario can move far from the others' vacancies. */
const MERAUKE = { lat: -8.5, lng: 140.41 };

async function employerWithVacancy(
  w: World,
  title: string,
  skill: string,
  startDay: string,
  place: { lat: number; lng: number } = MERAUKE,
) {
  const employer = await buildEmployer({
    regency: w.regency,
    contactEmail: `${uniq('hr-')}@test.bekalkerja.local`,
  });
  const vacancy = await buildVacancy(employer.id, {
    title,
    skills: [{ code: skill, required: true }],
    location: { province: 'Papua Selatan', regency: w.regency, ...place },
    startDate: at(startDay),
  });
  return { employer, vacancy };
}

describe('release alerts', () => {
  let pool: WorkerPool | null = null;
  const startPool = async () => {
    pool = startWorkers(await testDeps(), { concurrency: 4 });
  };
  const stopPool = async () => {
    await pool?.close();
    pool = null;
  };
  afterEach(stopPool);

  it('when a person is 30 days from release, then the sweep mails their officer and the matching employer, once', async function () {
    this.timeout(60_000);
    const w = await world();
    const asOf = scenarioDay();
    const person = await welder(w, addDays(asOf, 30));
    const match = await employerWithVacancy(w, `Juru Las ${uniq()}`, 'welding.smaw', addDays(asOf, 40));
    const other = await employerWithVacancy(
      w,
      `Juru Masak ${uniq()}`,
      'culinary.indonesian-cuisine',
      addDays(asOf, 40),
    );
    await indexNow(await testDeps());

    const first = await sweep(w, asOf);
    assert.equal(first.candidates, 1);
    assert.equal(first.byKind.officer_digest, 1);
    assert.equal(first.byKind.employer_note, 1);
    assert.equal(first.byKind.candidate_alert, undefined, 'the person hears nothing before release');

    await startPool();
    const [digest] = await waitFor(async () => {
      const m = await messagesTo(w.officer.user.email);
      return m.length ? m : null;
    }, 20_000);
    assert.ok(digest!.text.includes(person.fullName), 'the officer sees the client by name');
    assert.ok(digest!.text.includes(match.vacancy.title), 'with the matching vacancy');
    assert.ok(!digest!.text.includes(other.vacancy.title));
    assert.match(digest!.text, /30 hari lagi bebas/);
    assert.match(digest!.text, /— English —/);
    assert.ok(digest!.headers['list-unsubscribe']);

    const [note] = await waitFor(async () => {
      const m = await messagesTo(match.employer.contactEmail);
      return m.length ? m : null;
    }, 20_000);
    assert.ok(note!.text.includes(match.vacancy.title));
    assert.match(note!.text, /bebas mulai/);
    for (const secret of [
      person.fullName,
      person.registrationNumber,
      person.offenceCategory ?? '',
      person.contact.email ?? '',
    ]) {
      assert.ok(
        !note!.text.includes(secret) && !note!.html.includes(secret),
        `employer note leaks ${secret}`,
      );
    }
    await sleep(500);
    assert.equal(
      (await messagesTo(other.employer.contactEmail)).length,
      0,
      'a non-matching employer hears nothing',
    );
    assert.equal((await messagesTo(person.contact.email ?? '')).length, 0);

    // The same sweep again plans and sends nothing.
    const again = await sweep(w, asOf);
    assert.equal(again.planned, 0);
    assert.ok(again.alreadyPlanned >= 2);
    await sleep(1500);
    assert.equal((await messagesTo(w.officer.user.email)).length, 1);
    assert.equal((await messagesTo(match.employer.contactEmail)).length, 1);
  });

  it("when the release date moves (remisi), then the new date's milestone fires and the stale one does not", async function () {
    this.timeout(60_000);
    const w = await world();
    const asOf = scenarioDay();
    const person = await welder(w, addDays(asOf, 30), {
      consent: { shareWithEmployers: false, contactByEmail: false },
    });
    await indexNow(await testDeps());

    // Planned for the old date, but the date changes before delivery: the queued message is cancelled.
    const planned = await sweep(w, asOf);
    assert.equal(planned.byKind.officer_digest, 1);
    const newDay = addDays(asOf, 12);
    const moved = await request(await testApp())
      .patch(`/api/v1/candidates/${person.id}`)
      .set(w.officer.auth)
      .send({ release: { expectedDate: newDay } });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await startPool();
    await waitFor(
      async () =>
        (await NotificationModel.countDocuments({ candidateId: person.id, status: 'planned' })) === 0,
      20_000,
    );
    const stale = await NotificationModel.findOne({
      candidateId: person.id,
      refDate: addDays(asOf, 30),
    }).lean();
    assert.equal(stale?.status, 'cancelled');
    assert.match(String(stale?.cancelledReason), /tanggal bebas berubah/);
    assert.equal((await messagesTo(w.officer.user.email)).length, 0);

    // The new date's T-7 fires on its day; the old date's T-7 day brings nothing.
    const t7 = await sweep(w, addDays(newDay, -7));
    assert.equal(t7.byKind.officer_digest, 1);
    const [digest] = await waitFor(async () => {
      const m = await messagesTo(w.officer.user.email);
      return m.length ? m : null;
    }, 20_000);
    assert.match(digest!.text, /7 hari lagi bebas/);
    const oldT7 = await sweep(w, addDays(asOf, 30 - 7));
    assert.equal(oldT7.planned, 0);
    await sleep(1000);
    assert.equal((await messagesTo(w.officer.user.email)).length, 1);
  });

  it('when the person withdraws email consent after planning, then they get no email but their officer still does', async function () {
    this.timeout(60_000);
    const w = await world();
    const asOf = scenarioDay();
    const person = await welder(w, asOf);
    await indexNow(await testDeps());
    const planned = await sweep(w, asOf);
    assert.equal(planned.byKind.candidate_alert, 1);
    const me = await buildUser({ role: 'candidate', candidateId: person.id });
    const res = await request(await testApp())
      .put(`/api/v1/candidates/${person.id}/consent`)
      .set(me.auth)
      .send({ shareWithEmployers: true, contactByEmail: false });
    assert.equal(res.status, 200);
    await startPool();
    await waitFor(async () => (await messagesTo(w.officer.user.email)).length > 0, 20_000);
    await waitFor(
      async () =>
        (await NotificationModel.countDocuments({ candidateId: person.id, status: 'planned' })) === 0,
      20_000,
    );
    assert.equal((await messagesTo(person.contact.email ?? '')).length, 0);
    const alert = await NotificationModel.findOne({ candidateId: person.id, kind: 'candidate_alert' }).lean();
    assert.equal(alert?.status, 'cancelled');
  });

  it('when the released person consents, then on release day they get their matching jobs and how to apply', async function () {
    this.timeout(60_000);
    const w = await world();
    const asOf = scenarioDay();
    const person = await welder(w, asOf);
    const match = await employerWithVacancy(w, `Juru Las ${uniq()}`, 'welding.smaw', addDays(asOf, 10));
    await indexNow(await testDeps());
    await sweep(w, asOf);
    await startPool();
    const [mail] = await waitFor(async () => {
      const m = await messagesTo(person.contact.email ?? '');
      return m.length ? m : null;
    }, 20_000);
    assert.ok(mail!.text.includes(match.vacancy.title));
    assert.match(mail!.text, /Cara melamar: hubungi petugas pembimbing Anda, Petugas Uji/);
    assert.match(mail!.text, /How to apply/);
  });

  it('when a matched vacancy closes after the sweep, then the officer never sees it and the employer note is cancelled', async function () {
    this.timeout(60_000);
    const w = await world();
    const asOf = scenarioDay();
    // Hundreds of kilometres from every other scenario's vacancies: only this one's can match.
    const here = { lat: -3.1, lng: 138.2 };
    const person = await welder(w, addDays(asOf, 30), {
      domicile: { province: 'Papua Tengah', regency: w.regency, location: { lat: -3.11, lng: 138.21 } },
      preferences: { willingToRelocate: false },
    });
    const closing = await employerWithVacancy(
      w,
      `Juru Las Tutup ${uniq()}`,
      'welding.smaw',
      addDays(asOf, 40),
      here,
    );
    await indexNow(await testDeps());
    const planned = await sweep(w, asOf);
    assert.equal(planned.byKind.officer_digest, 1);
    assert.equal(planned.byKind.employer_note, 1);
    const digestEntry = await NotificationModel.findOne({
      candidateId: person.id,
      kind: 'officer_digest',
    }).lean();
    assert.deepEqual(
      digestEntry?.matches?.map((m) => String(m.vacancyId)),
      [closing.vacancy.id],
      'the sweep stores the person’s best vacancies with the entry',
    );

    // After the sweep: the matched vacancy closes and another one opens.
    const closed = await request(await testApp())
      .patch(`/api/v1/vacancies/${closing.vacancy.id}`)
      .set(w.admin.auth)
      .send({ status: 'closed' });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    const fresh = await employerWithVacancy(
      w,
      `Juru Las Baru ${uniq()}`,
      'welding.smaw',
      addDays(asOf, 45),
      here,
    );
    await indexNow(await testDeps());

    await startPool();
    const [digest] = await waitFor(async () => {
      const m = await messagesTo(w.officer.user.email);
      return m.length ? m : null;
    }, 20_000);
    assert.ok(!digest!.text.includes(closing.vacancy.title), 'a closed vacancy is never mailed');
    assert.ok(digest!.text.includes(fresh.vacancy.title), 'the person is matched again instead');
    const note = await waitFor(
      async () =>
        NotificationModel.findOne({
          candidateId: person.id,
          kind: 'employer_note',
          status: { $ne: 'planned' },
        }).lean(),
      20_000,
    );
    assert.equal(note.status, 'cancelled');
    assert.match(String(note.cancelledReason), /lowongan ditutup/);
    assert.equal((await messagesTo(closing.employer.contactEmail)).length, 0);
  });

  it('when one of the first stored matches closes, then the next stored one takes its place without matching again', async function () {
    this.timeout(60_000);
    const w = await world();
    const asOf = scenarioDay();
    const here = { lat: -4.1, lng: 137.1 };
    const person = await welder(w, addDays(asOf, 30), {
      domicile: { province: 'Papua Tengah', regency: w.regency, location: { lat: -4.11, lng: 137.11 } },
      preferences: { willingToRelocate: false },
    });
    const jobs = [];
    for (let i = 0; i < 4; i++)
      jobs.push(
        await employerWithVacancy(w, `Juru Las ${i} ${uniq()}`, 'welding.smaw', addDays(asOf, 35 + i), here),
      );
    await indexNow(await testDeps());
    await sweep(w, asOf);
    const entry = await NotificationModel.findOne({ candidateId: person.id, kind: 'officer_digest' }).lean();
    const stored = (entry?.matches ?? []).map((m) => String(m.vacancyId));
    assert.equal(stored.length, 4);

    // The best stored match closes; none of the four can be found in the index any more, so a
    // fresh match would come back empty: what the digest shows comes from the stored ones.
    const first = jobs.find((j) => j.vacancy.id === stored[0])!;
    const closed = await request(await testApp())
      .patch(`/api/v1/vacancies/${first.vacancy.id}`)
      .set(w.admin.auth)
      .send({ status: 'closed' });
    assert.equal(closed.status, 200);
    const deps = await testDeps();
    await deps.search.remove(VACANCIES_INDEX, stored);
    await deliverBatches(deps, [`user:${w.officer.user.id}:officer_digest`], at(asOf));
    const [digest] = await messagesTo(w.officer.user.email);
    assert.ok(digest, 'the digest was sent');
    assert.ok(!digest.text.includes(first.vacancy.title), 'never the closed one');
    for (const id of stored.slice(1)) {
      const job = jobs.find((j) => j.vacancy.id === id)!;
      assert.ok(digest.text.includes(job.vacancy.title), `stored match ${job.vacancy.title} shown`);
    }
  });

  it('when one delivery carries several recipients, then a refused or failing address holds up nobody else', async function () {
    this.timeout(60_000);
    const w = await world();
    const asOf = scenarioDay();
    const ok = await welder(w, asOf);
    const refused = await welder(w, asOf, {
      contact: { email: `${uniq('wbp')}+reject550@test.bekalkerja.local` },
    });
    const flaky = await welder(w, asOf, {
      contact: { email: `${uniq('wbp')}+tempfail3@test.bekalkerja.local` },
    });
    const exhausted = await welder(w, asOf, {
      contact: { email: `${uniq('wbp')}+tempfail3@test.bekalkerja.local` },
    });
    await indexNow(await testDeps());
    await sweep(w, asOf);
    // The last try of a send that keeps failing marks it failed instead of trying again.
    await NotificationModel.updateOne(
      { candidateId: exhausted.id, kind: 'candidate_alert' },
      { $set: { attempts: MAX_SEND_ATTEMPTS - 1 } },
    );
    const deps = await testDeps();
    const keys = [ok, refused, flaky, exhausted].map((c) => `candidate:${c.id}:candidate_alert`);
    const outcomes = new Map(
      (await deliverBatches(deps, [...keys, `user:${w.officer.user.id}:officer_digest`], at(asOf))).map(
        (o) => [o.batchKey, o],
      ),
    );
    assert.equal(outcomes.get(keys[0]!)?.sent, 1);
    assert.match(String(outcomes.get(keys[1]!)?.failed), /550/);
    assert.equal(outcomes.get(keys[2]!)?.retryInMs, retryDelayMs(1));
    assert.equal(outcomes.get(keys[2]!)?.sent, 0);
    assert.ok(outcomes.get(keys[3]!)?.failed, 'out of tries');
    assert.equal(
      outcomes.get(`user:${w.officer.user.id}:officer_digest`)?.sent,
      4,
      'one digest, four clients',
    );
    const status = async (c: { id: string }) =>
      (await NotificationModel.findOne({ candidateId: c.id, kind: 'candidate_alert' }).lean())?.status;
    assert.equal(await status(ok), 'sent');
    assert.equal(await status(refused), 'failed');
    assert.equal(await status(flaky), 'planned', 'back in the ledger for its next try');
    assert.equal(await status(exhausted), 'failed');
    assert.equal((await messagesTo(ok.contact.email ?? '')).length, 1);
    assert.equal((await messagesTo(w.officer.user.email)).length, 1);
  });

  it('when the SMTP server refuses the address (550), then the message is failed and not retried', async function () {
    this.timeout(60_000);
    const w = await world();
    const asOf = scenarioDay();
    const person = await welder(w, asOf, {
      contact: { email: `${uniq('wbp')}+reject550@test.bekalkerja.local` },
    });
    await indexNow(await testDeps());
    await sweep(w, asOf);
    await startPool();
    const failed = await waitFor(
      async () =>
        NotificationModel.findOne({
          candidateId: person.id,
          kind: 'candidate_alert',
          status: 'failed',
        }).lean(),
      20_000,
    );
    assert.match(String(failed.lastError), /550/);
    await sleep(3000);
    const after = await NotificationModel.findById(failed._id).lean();
    assert.equal(after?.status, 'failed');
    assert.equal(after?.attempts, 1, 'no retry after a permanent failure');

    const list = await request(await testApp())
      .get('/api/v1/notifications')
      .query({ candidateId: person.id, status: 'failed' })
      .set(w.admin.auth);
    assert.equal(list.status, 200);
    assert.equal(list.body.total, 1);
    assert.match(list.body.items[0].lastError, /550/);
  });

  it('when a temporary SMTP error occurs, then the send is retried and delivered once', async function () {
    this.timeout(60_000);
    const w = await world();
    const asOf = scenarioDay();
    const email = `${uniq('wbp')}+tempfail1@test.bekalkerja.local`;
    const person = await welder(w, asOf, { contact: { email } });
    await indexNow(await testDeps());
    await sweep(w, asOf);
    await startPool();
    await waitFor(async () => (await messagesTo(email)).length > 0, 30_000, 200);
    const entry = await NotificationModel.findOne({ candidateId: person.id, kind: 'candidate_alert' }).lean();
    assert.equal(entry?.status, 'sent');
    assert.equal(entry?.attempts, 2);
    assert.equal((await messagesTo(email)).length, 1);
  });

  it('when an unsubscribe link is followed, then that kind of email stops for that recipient', async function () {
    this.timeout(60_000);
    const w = await world();
    const asOf = scenarioDay();
    await welder(w, addDays(asOf, 90));
    await indexNow(await testDeps());
    await sweep(w, asOf);
    await startPool();
    const [digest] = await waitFor(async () => {
      const m = await messagesTo(w.officer.user.email);
      return m.length ? m : null;
    }, 20_000);
    const link = /<(http[^>]+)>/.exec(digest!.headers['list-unsubscribe'] ?? '')?.[1] ?? '';
    const path = new URL(link).pathname + new URL(link).search;
    const app = await testApp();
    const page = await request(app).get(path);
    assert.equal(page.status, 200);
    assert.match(page.text, /Berhenti menerima/);
    const done = await request(app).post(path);
    assert.equal(done.status, 200);
    const prefs = await request(app).get('/api/v1/me/notification-preferences').set(w.officer.auth);
    assert.equal(prefs.body.officer_digest, false);
    const forged = await request(app).post(`${path}x`);
    assert.equal(forged.status, 400);

    await welder(w, addDays(asOf, 91));
    await sweep(w, addDays(asOf, 1));
    await waitFor(
      async () =>
        (await NotificationModel.countDocuments({ recipientId: w.officer.user.id, status: 'planned' })) === 0,
      20_000,
    );
    assert.equal((await messagesTo(w.officer.user.email)).length, 1, 'no second digest after unsubscribing');
  });

  it('when someone other than an admin runs the sweep, or asOf is malformed, then it is refused', async () => {
    const w = await world();
    const app = await testApp();
    assert.equal(
      (await request(app).post('/api/v1/admin/sweeps/release').set(w.officer.auth).send({})).status,
      403,
    );
    const bad = await request(app)
      .post('/api/v1/admin/sweeps/release')
      .set(w.admin.auth)
      .send({ asOf: '07-01-2027' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details[0].path, 'body.asOf');
  });
});
