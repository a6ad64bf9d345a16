/**
 * The placement state machine walked through the API: every source state × every target state ×
 * every kind of caller. The expectations come from RULES below, written out from the issue and
 * checked against server/placements/states.ts first, so a change to who may do what has to change
 * this table on purpose.
 *
 * Cost: an attempt that fails (403/404/409/400) changes nothing, so all of them run against one shared
 * placement per source state; only an attempt that succeeds gets a fresh placement of its own, walked
 * there along the legal path. That is 13 shared + 78 fresh placements for 1,521 attempts.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import {
  CLOSING_STATES,
  movesFrom,
  PLACEMENT_STATES,
  type PlacementState,
} from '../../server/placements/states.js';
import { mapLimit } from '../../server/shared/concurrency.js';
import type { TestUser } from '../support/factories.js';
import {
  api,
  buildPlacementWorld,
  closeApi,
  DAY,
  type Fixture,
  iso,
  move,
  type PlacementWorld,
  placementAt,
  settleQueuedJobsAfterSuite,
} from './support.js';

/** How a caller stands to a placement, as the service sees it. */
type Party = 'admin' | 'officer' | 'employer' | 'self';

/** Who may take each step. Closing steps need a reason; an officer's or admin's consent a note. */
const RULES: Record<PlacementState, Partial<Record<PlacementState, Party[]>>> = {
  employer_interest: {
    proposed: ['officer', 'admin'],
    candidate_consented: ['self', 'officer', 'admin'],
    declined: ['self', 'officer', 'employer', 'admin'],
    withdrawn: ['officer', 'employer', 'admin'],
  },
  proposed: {
    candidate_consented: ['self', 'officer', 'admin'],
    declined: ['self', 'officer', 'employer', 'admin'],
    withdrawn: ['officer', 'employer', 'admin'],
  },
  candidate_consented: {
    introduced: ['officer', 'admin'],
    declined: ['self', 'officer', 'employer', 'admin'],
    withdrawn: ['officer', 'employer', 'admin'],
  },
  introduced: {
    interviewing: ['employer', 'officer', 'admin'],
    declined: ['self', 'officer', 'employer', 'admin'],
    withdrawn: ['officer', 'employer', 'admin'],
  },
  interviewing: {
    offered: ['employer', 'admin'],
    declined: ['self', 'officer', 'employer', 'admin'],
    withdrawn: ['officer', 'employer', 'admin'],
  },
  offered: {
    hired: ['employer', 'officer', 'admin'],
    declined: ['self', 'officer', 'employer', 'admin'],
    withdrawn: ['officer', 'employer', 'admin'],
  },
  hired: { retained_30: ['officer', 'admin'], ended: ['employer', 'officer', 'admin', 'self'] },
  retained_30: { retained_90: ['officer', 'admin'], ended: ['employer', 'officer', 'admin', 'self'] },
  retained_90: { retained_180: ['officer', 'admin'], ended: ['employer', 'officer', 'admin', 'self'] },
  retained_180: {},
  declined: {},
  withdrawn: {},
  ended: {},
};

/**
 * The callers of the walk. The other officer, employer and person may not see the placement (404).
 * Facility staff may read it and a trainer may not, but neither role may move any placement: the
 * route refuses both (403, no allowed moves) before the placement is looked up.
 */
const ACTORS = [
  'admin',
  'officer',
  'otherOfficer',
  'employer',
  'otherEmployer',
  'self',
  'otherPerson',
  'staff',
  'trainer',
] as const;
type ActorKey = (typeof ACTORS)[number];
const PARTY: Record<ActorKey, Party | 'hidden' | 'barred'> = {
  admin: 'admin',
  officer: 'officer',
  otherOfficer: 'hidden',
  employer: 'employer',
  otherEmployer: 'hidden',
  self: 'self',
  otherPerson: 'hidden',
  staff: 'barred',
  trainer: 'barred',
};

const isClosing = (s: PlacementState) => (CLOSING_STATES as readonly string[]).includes(s);
const sorted = (xs: readonly string[]) => [...xs].sort();

function allowedFor(from: PlacementState, party: Party): PlacementState[] {
  return (Object.entries(RULES[from]) as [PlacementState, Party[]][])
    .filter(([, by]) => by.includes(party))
    .map(([to]) => to);
}

type Outcome =
  | { status: 200 }
  | { status: 403 | 409; allowed: PlacementState[] }
  | { status: 403; barred: true }
  | { status: 404 };

function expected(from: PlacementState, to: PlacementState, actor: ActorKey): Outcome {
  const party = PARTY[actor];
  if (party === 'barred') return { status: 403, barred: true };
  if (party === 'hidden') return { status: 404 };
  const by = RULES[from][to];
  if (!by) return { status: 409, allowed: allowedFor(from, party) };
  if (!by.includes(party)) return { status: 403, allowed: allowedFor(from, party) };
  return { status: 200 };
}

/** Every step happens well after any fixture's last event, and late enough for every retention step. */
const HIRED_AT = new Date(Math.floor(Date.now() / 1000) * 1000 + DAY);
const ATTEMPT_AT = new Date(HIRED_AT.getTime() + 400 * DAY);

function attemptBody(to: PlacementState, actor: ActorKey): Record<string, unknown> {
  const body: Record<string, unknown> = { to, at: iso(ATTEMPT_AT) };
  if (isClosing(to)) body.reason = 'Alasan uji coba transisi';
  // The person consents for themself; anyone else records how consent was given.
  if (to === 'candidate_consented' && actor !== 'self') body.note = 'Persetujuan lisan saat kunjungan';
  return body;
}

describe('placement transitions, every state × target × caller', function () {
  this.timeout(300_000);
  // No workers here: the hires' search syncs and check-in plans are settled when the suite ends.
  settleQueuedJobsAfterSuite();

  let w: PlacementWorld;
  const shared = new Map<PlacementState, Fixture>();
  const fresh = new Map<string, Fixture>();
  const freshKey = (from: PlacementState, to: PlacementState, actor: ActorKey) => `${from}|${to}|${actor}`;

  function userOf(actor: ActorKey, f: Fixture): TestUser {
    switch (actor) {
      case 'admin':
        return w.admin;
      case 'officer':
        return w.officer;
      case 'otherOfficer':
        return w.otherOfficer;
      case 'employer':
        return w.boss;
      case 'otherEmployer':
        return w.otherBoss;
      case 'self':
        return f.self;
      case 'otherPerson':
        return w.stranger.user;
      case 'staff':
        return w.staff;
      case 'trainer':
        return w.trainer;
    }
  }

  async function adminView(id: string) {
    const res = await request(await api())
      .get(`/api/v1/placements/${id}`)
      .set(w.admin.auth);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as {
      state: PlacementState;
      timeline: { at: string; by: string; role: string; from?: string; to: string; reason?: string }[];
    };
  }

  before(async () => {
    w = await buildPlacementWorld();
    const jobs: { key: string | null; state: PlacementState }[] = PLACEMENT_STATES.map((state) => ({
      key: null,
      state,
    }));
    for (const from of PLACEMENT_STATES)
      for (const to of PLACEMENT_STATES)
        for (const actor of ACTORS)
          if (expected(from, to, actor).status === 200)
            jobs.push({ key: freshKey(from, to, actor), state: from });
    await mapLimit(jobs, 8, async ({ key, state }) => {
      const f = await placementAt(w, state, HIRED_AT);
      if (key) fresh.set(key, f);
      else shared.set(state, f);
    });
  });
  after(closeApi);

  it('when the state machine is read, then it is exactly the table this walk is built on', () => {
    for (const from of PLACEMENT_STATES) {
      const actual = Object.fromEntries(movesFrom(from).map((m) => [m.to, sorted(m.by)]));
      const table = Object.fromEntries(Object.entries(RULES[from]).map(([to, by]) => [to, sorted(by)]));
      assert.deepEqual(actual, table, from);
    }
    // 78 successful moves, each on a placement of its own; every pair has someone who may not.
    let ok = 0;
    for (const from of PLACEMENT_STATES)
      for (const to of PLACEMENT_STATES) {
        const outcomes = ACTORS.map((a) => expected(from, to, a).status);
        ok += outcomes.filter((s) => s === 200).length;
        assert.ok(
          outcomes.some((s) => s !== 200),
          `${from} → ${to}`,
        );
      }
    assert.equal(ok, 78);
  });

  for (const from of PLACEMENT_STATES) {
    describe(`from ${from}`, () => {
      for (const to of PLACEMENT_STATES) {
        const summary = (['200', '403', '404', '409'] as const)
          .map((s) => [s, ACTORS.filter((a) => String(expected(from, to, a).status) === s)] as const)
          .filter(([, list]) => list.length)
          .map(([s, list]) => `${s} for ${list.join(', ')}`)
          .join('; ');
        it(`when each caller moves it to ${to}, then ${summary}`, async () => {
          const base = shared.get(from);
          assert.ok(base, `no shared ${from} placement`);
          await Promise.all(
            ACTORS.map(async (actor) => {
              const want = expected(from, to, actor);
              const f = want.status === 200 ? fresh.get(freshKey(from, to, actor)) : base;
              assert.ok(f, `no placement for ${from} → ${to} by ${actor}`);
              const who = userOf(actor, f);
              const res = await move(who, f.id, attemptBody(to, actor));
              const label = `${from} → ${to} by ${actor}: ${JSON.stringify(res.body)}`;
              assert.equal(res.status, want.status, label);
              if (want.status === 200) {
                const closedForSelf = actor === 'self' && isClosing(to);
                assert.equal(res.body.state, closedForSelf ? 'closed' : to, label);
                const view = await adminView(f.id);
                assert.equal(view.state, to);
                assert.equal(view.timeline.length, f.events + 1, `${label}: one event more`);
                const last = view.timeline[view.timeline.length - 1]!;
                assert.deepEqual(
                  { from: last.from, to: last.to, by: last.by, role: last.role, at: last.at },
                  { from, to, by: who.user.id, role: who.user.role, at: iso(ATTEMPT_AT) },
                  label,
                );
                if (isClosing(to)) assert.equal(last.reason, 'Alasan uji coba transisi');
                return;
              }
              if ('barred' in want) {
                assert.equal(res.body.error.code, 'forbidden', label);
                assert.deepEqual(res.body.error.details?.[0]?.allowed ?? [], [], label);
                return;
              }
              if (want.status === 404) {
                assert.equal(res.body.error.code, 'not_found', label);
                return;
              }
              assert.equal(
                res.body.error.code,
                want.status === 409 ? 'illegal_transition' : 'forbidden',
                label,
              );
              assert.equal(res.body.error.details[0].path, 'body.to', label);
              assert.deepEqual(sorted(res.body.error.details[0].allowed), sorted(want.allowed), label);
            }),
          );
          // None of the refused attempts touched the shared placement.
          const view = await adminView(base.id);
          assert.equal(view.state, from);
          assert.equal(view.timeline.length, base.events);
        });
      }
    });
  }

  describe('the conditions of a legal move', () => {
    const ACTIVE = PLACEMENT_STATES.filter((s) => Object.keys(RULES[s]).length > 0);

    it('when a placement is declined, withdrawn or ended without a reason, then 400 names body.reason', async () => {
      const attempts = ACTIVE.flatMap((from) =>
        (Object.keys(RULES[from]) as PlacementState[]).filter(isClosing).map((to) => ({ from, to })),
      );
      assert.equal(attempts.length, 15);
      for (const { from, to } of attempts) {
        const f = shared.get(from)!;
        for (const who of [w.officer, w.admin]) {
          const res = await move(who, f.id, { to, at: iso(ATTEMPT_AT) });
          assert.equal(res.status, 400, `${from} → ${to}: ${JSON.stringify(res.body)}`);
          assert.deepEqual(
            res.body.error.details.map((d: { path: string }) => d.path),
            ['body.reason'],
          );
        }
        // A blank reason is no reason either.
        const blank = await move(w.officer, f.id, { to, reason: '   ', at: iso(ATTEMPT_AT) });
        assert.equal(blank.status, 400);
        assert.equal(blank.body.error.details[0].path, 'body.reason');
        assert.equal((await adminView(f.id)).timeline.length, f.events);
      }
    });

    it('when the officer or an admin records consent without a note, then 400 names body.note', async () => {
      for (const from of ['proposed', 'employer_interest'] as const) {
        const f = shared.get(from)!;
        for (const who of [w.officer, w.admin]) {
          const res = await move(who, f.id, { to: 'candidate_consented' });
          assert.equal(res.status, 400, `${from}: ${JSON.stringify(res.body)}`);
          assert.deepEqual(
            res.body.error.details.map((d: { path: string }) => d.path),
            ['body.note'],
          );
        }
        assert.equal((await adminView(f.id)).state, from);
      }
    });

    it('when a retention step comes before its 30, 90 or 180 days, then 409 and nothing moves', async () => {
      const cases = [
        { from: 'hired', to: 'retained_30', days: 30 },
        { from: 'retained_30', to: 'retained_90', days: 90 },
        { from: 'retained_90', to: 'retained_180', days: 180 },
      ] as const;
      for (const { from, to, days } of cases) {
        const f = shared.get(from)!;
        const early = new Date(HIRED_AT.getTime() + days * DAY - 60_000);
        const res = await move(w.officer, f.id, { to, at: iso(early) });
        assert.equal(res.status, 409, `${to}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.error.code, 'conflict');
        assert.match(res.body.error.messageEn, new RegExp(`Not yet ${days} days`));
        assert.equal((await adminView(f.id)).state, from);
      }
    });

    it('when a step is dated before the previous one, then 400 names body.at', async () => {
      const f = shared.get('retained_30')!;
      const res = await move(w.officer, f.id, {
        to: 'ended',
        reason: 'Alasan uji coba',
        at: iso(new Date(HIRED_AT.getTime() + 10 * DAY)),
      });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.details[0].path, 'body.at');
    });
  });
});
