/**
 * What a hire does, with the workers running: the person is placed, the vacancy loses an opening (filled
 * at zero), both leave the search indexes, the person's other live placements close, and the 30/90/180-
 * day check-ins are planned once and delivered once, when due (asOf), to the officer and the person.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { NotificationModel } from '../../server/notifications/model.js';
import { scheduleCheckins } from '../../server/placements/checkins.js';
import { startWorkers, type WorkerPool } from '../../workers/runtime.js';
import { messagesTo, type SinkMessage, sleep } from '../alerts/support.js';
import { indexedCandidate, indexedVacancy, waitFor } from '../search/support.js';
import { testDeps } from '../support/context.js';
import { buildUser, type TestUser, uniq } from '../support/factories.js';
import {
  api,
  buildPerson,
  buildPlacementWorld,
  buildWorldVacancy,
  closeApi,
  DAY,
  drainQueues,
  iso,
  type PlacementWorld,
  placementAt,
  step,
} from './support.js';

interface OfficerPlacementView {
  state: string;
  hiredAt?: string;
  closedReason?: string;
  timeline: { role: string; from?: string; to: string; reason?: string }[];
  checkins?: { milestone: string; kind: string; dueAt: string; status: string; recipient: string }[];
}

describe('placement hire effects', function () {
  this.timeout(120_000);

  let w: PlacementWorld;
  let pool: WorkerPool | null = null;

  const get = async (who: TestUser, path: string) => {
    const res = await request(await api())
      .get(`/api/v1${path}`)
      .set(who.auth);
    assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const placement = (id: string): Promise<OfficerPlacementView> => get(w.officer, `/placements/${id}`);

  before(async function () {
    this.timeout(300_000);
    w = await buildPlacementWorld();
    pool = startWorkers(await testDeps(), { concurrency: 4 });
    // Earlier suites may have left jobs queued; the 5-second checks below time only this suite's writes.
    await drainQueues(240_000);
  });
  after(async () => {
    await pool?.close();
    await closeApi();
  });

  it('when the employer hires, then the person is placed, the vacancy filled, both leave search within 5 s, and the other live placements are withdrawn', async () => {
    const deps = await testDeps();
    const who = await buildPerson(w);
    const [vacancy, v2, v3, v4] = await Promise.all([
      buildWorldVacancy(w, { openings: 1 }),
      buildWorldVacancy(w),
      buildWorldVacancy(w),
      buildWorldVacancy(w),
    ]);
    const hire = await placementAt(w, 'offered', new Date(), { person: who, vacancy });
    const proposed = await placementAt(w, 'proposed', new Date(), { person: who, vacancy: v2 });
    const interest = await placementAt(w, 'employer_interest', new Date(), { person: who, vacancy: v3 });
    const declined = await placementAt(w, 'declined', new Date(), { person: who, vacancy: v4 });
    // Both are in the indexes first, so the clock below measures only the removal.
    await waitFor(() => indexedCandidate(deps, who.person.publicId), 30_000);
    await waitFor(() => indexedVacancy(deps, vacancy.id), 30_000);

    const started = Date.now();
    await step(w.boss, hire.id, { to: 'hired' });
    await waitFor(async () => (await indexedCandidate(deps, who.person.publicId)) === null, 5_000);
    await waitFor(async () => (await indexedVacancy(deps, vacancy.id)) === null, 5_000);
    const took = Date.now() - started;
    assert.ok(took < 5_000, `left the indexes after ${took} ms`);

    const hired = await placement(hire.id);
    const profile = await get(w.officer, `/candidates/${who.person.id}`);
    assert.equal(profile.status, 'placed');
    const last = profile.history[profile.history.length - 1];
    assert.deepEqual(
      { field: last.field, from: last.from, to: last.to, by: last.by, role: last.role, at: last.at },
      {
        field: 'status',
        from: 'in_custody',
        to: 'placed',
        by: w.boss.user.id,
        role: 'employer',
        at: hired.hiredAt,
      },
    );
    const v = await get(w.boss, `/vacancies/${vacancy.id}`);
    assert.equal(v.openings, 0);
    assert.equal(v.status, 'filled');

    for (const other of [proposed, interest]) {
      const view = await placement(other.id);
      assert.equal(view.state, 'withdrawn', other.id);
      assert.equal(view.closedReason, 'hired elsewhere');
      const event = view.timeline[view.timeline.length - 1]!;
      assert.equal(event.role, 'system');
      assert.match(event.reason ?? '', /hired elsewhere/);
    }
    const untouched = await placement(declined.id);
    assert.equal(untouched.state, 'declined');
    assert.equal(untouched.timeline.length, declined.events);

    // Placed people take no new placement.
    const again = await request(await api())
      .post('/api/v1/placements')
      .set(w.officer.auth)
      .send({ candidateId: who.person.id, vacancyId: v2.id });
    assert.equal(again.status, 409, JSON.stringify(again.body));
  });

  it('when a vacancy has openings left, then a hire takes one and it stays open and searchable', async () => {
    const deps = await testDeps();
    const vacancy = await buildWorldVacancy(w, { openings: 3 });
    const hire = await placementAt(w, 'offered', new Date(), { vacancy });
    await step(w.officer, hire.id, { to: 'hired' });
    const v = await get(w.boss, `/vacancies/${vacancy.id}`);
    assert.equal(v.openings, 2);
    assert.equal(v.status, 'open');
    await waitFor(
      async () => ((await indexedVacancy(deps, vacancy.id))?.openings === 2 ? true : null),
      10_000,
    );
  });

  it('when a job ends and the person is hired elsewhere the same day, then the new job gets check-ins of its own', async () => {
    const who = await buildPerson(w);
    const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    const first = await placementAt(w, 'hired', soon(1), { person: who });
    await waitFor(
      async () => (await NotificationModel.countDocuments({ placementId: first.id })) === 6,
      20_000,
    );
    await step(w.officer, first.id, {
      to: 'ended',
      reason: 'Salah catat; belum mulai bekerja',
      at: iso(soon(2)),
    });
    const second = await placementAt(w, 'hired', soon(3), { person: who });
    const planned = await waitFor(async () => {
      const n = await NotificationModel.find({ placementId: second.id, status: 'planned' }).lean();
      return n.length === 6 ? n : null;
    }, 20_000);
    assert.deepEqual([...new Set(planned.map((n) => n.milestone))].sort(), ['D180', 'D30', 'D90']);
    assert.equal(await NotificationModel.countDocuments({ placementId: first.id, status: 'planned' }), 0);
  });

  describe('retention check-ins', () => {
    let officer: TestUser;
    let admin: TestUser;
    let id: string;
    let personEmail: string;
    let personId: string;
    let fullName: string;
    let hiredAt: Date;

    const sweep = async (asOf: Date) => {
      const res = await request(await api())
        .post('/api/v1/admin/sweeps/checkins')
        .set(admin.auth)
        .send({ asOf: iso(asOf) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.batches as number;
    };
    const ledger = async () =>
      (await NotificationModel.find({ placementId: id }).lean()).map((n) => ({
        kind: n.kind,
        milestone: n.milestone,
        recipientId: String(n.recipientId),
        dueAt: n.dueAt?.toISOString(),
        status: n.status,
        cancelledReason: n.cancelledReason ?? undefined,
      }));
    const statusOf = async (milestone: string) => [
      ...new Set((await ledger()).filter((n) => n.milestone === milestone).map((n) => n.status)),
    ];

    before(async () => {
      admin = await buildUser({ role: 'admin' });
      // An officer of their own, so their inbox holds only this placement's reminders.
      officer = await buildUser({
        role: 'officer',
        facilityId: w.places.bapas.id,
        email: `${uniq('pk-')}@test.bekalkerja.local`,
        name: 'Petugas Retensi',
      });
      const who = await buildPerson({ ...w, officer });
      personEmail = who.person.contact.email!;
      personId = who.person.id;
      fullName = who.person.fullName;
      const f = await placementAt(w, 'offered', new Date(), { person: who });
      id = f.id;
      await step(w.boss, id, { to: 'hired' });
      hiredAt = new Date((await placement(id)).hiredAt!);
    });

    it('when a person is hired, then the worker plans 3 officer and 3 person check-ins at 30, 90 and 180 days, once', async () => {
      const entries = await waitFor(async () => {
        const l = await ledger();
        return l.length >= 6 ? l : null;
      }, 20_000);
      assert.equal(entries.length, 6);
      const due = (days: number) => new Date(hiredAt.getTime() + days * DAY).toISOString();
      const expected = ['D30', 'D90', 'D180'].flatMap((m, i) => {
        const at = due([30, 90, 180][i]!);
        return [
          {
            kind: 'checkin_officer',
            milestone: m,
            recipientId: officer.user.id,
            dueAt: at,
            status: 'planned',
          },
          { kind: 'checkin_candidate', milestone: m, recipientId: personId, dueAt: at, status: 'planned' },
        ];
      });
      const key = (e: { kind: string; milestone: string }) => `${e.kind}|${e.milestone}`;
      const strip = (e: (typeof entries)[number]) => ({
        kind: e.kind,
        milestone: e.milestone,
        recipientId: e.recipientId,
        dueAt: e.dueAt,
        status: e.status,
      });
      assert.deepEqual(
        entries.map(strip).sort((a, b) => key(a).localeCompare(key(b))),
        expected.sort((a, b) => key(a).localeCompare(key(b))),
      );
      // The officer sees them on the placement.
      const view = await placement(id);
      assert.equal(view.checkins?.length, 6);

      // Scheduling again (a retried job, a second worker) plans nothing new.
      assert.equal(await scheduleCheckins(await testDeps(), id, new Date()), 0);
      assert.equal((await ledger()).length, 6);
      await sleep(300);
      assert.equal((await messagesTo(officer.user.email)).length, 0, 'nothing is sent before it is due');
    });

    it('when time reaches day 31 (asOf), then the officer and the person each get the 30-day check-in once, and nothing of day 90', async () => {
      assert.ok((await sweep(new Date(hiredAt.getTime() + 31 * DAY))) >= 2);
      const wait = (address: string) =>
        waitFor(async () => {
          const m = await messagesTo(address);
          return m.length ? m : null;
        }, 20_000);
      const [reminder] = (await wait(officer.user.email)) as SinkMessage[];
      assert.match(reminder!.subject, /Cek retensi 30 hari/);
      assert.ok(reminder!.text.includes(fullName));
      assert.equal(reminder!.headers['x-bekal-kind'], 'checkin_officer');
      const [note] = (await wait(personEmail)) as SinkMessage[];
      assert.match(note!.subject, /How is your job going\? \(30 hari\)/);
      assert.equal(note!.headers['x-bekal-kind'], 'checkin_candidate');
      assert.deepEqual(await statusOf('D30'), ['sent']);

      // The same moment again, and a later one still before day 90: nothing more.
      await sweep(new Date(hiredAt.getTime() + 31 * DAY));
      await sweep(new Date(hiredAt.getTime() + 89 * DAY));
      await sleep(2_000);
      assert.equal((await messagesTo(officer.user.email)).length, 1);
      assert.equal((await messagesTo(personEmail)).length, 1);
      assert.deepEqual(await statusOf('D90'), ['planned']);
      assert.deepEqual(await statusOf('D180'), ['planned']);
    });

    it('when the job ends, then the person is released again and the remaining check-ins are cancelled and never sent', async () => {
      const deps = await testDeps();
      await step(officer, id, { to: 'ended', reason: 'Kontrak tidak diperpanjang' });
      const profile = await get(officer, `/candidates/${personId}`);
      assert.equal(profile.status, 'released');
      const last = profile.history[profile.history.length - 1];
      assert.deepEqual([last.field, last.from, last.to], ['status', 'placed', 'released']);
      for (const m of ['D90', 'D180']) assert.deepEqual(await statusOf(m), ['cancelled'], m);
      assert.deepEqual(await statusOf('D30'), ['sent']);
      for (const n of (await ledger()).filter((e) => e.status === 'cancelled'))
        assert.match(n.cancelledReason ?? '', /employment ended/);

      await sweep(new Date(hiredAt.getTime() + 200 * DAY));
      await sleep(2_000);
      assert.equal((await messagesTo(officer.user.email)).length, 1);
      assert.equal((await messagesTo(personEmail)).length, 1);
      // Looking for work again: back in the employers' search.
      const person = await get(officer, `/candidates/${personId}`);
      await waitFor(() => indexedCandidate(deps, person.publicId), 10_000);
    });
  });
});
