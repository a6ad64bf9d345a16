import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import request from 'supertest';
import { addDays } from '../../server/notifications/milestones.js';
import { NotificationModel } from '../../server/notifications/model.js';
import { indexNow, waitFor } from '../search/support.js';
import { testApp, testDeps } from '../support/context.js';
import { buildCandidate, buildPlaces, buildUser, uniq } from '../support/factories.js';
import { keysOf, messagesTo, sleep } from './support.js';

function worker(extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    env: { ...process.env, NOTIFY_SEND_LEASE_MS: '3000', ...extraEnv },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

async function scenario() {
  const regency = `Kab Crash ${uniq()}`;
  const places = await buildPlaces(regency);
  const officer = await buildUser({
    role: 'officer',
    facilityId: places.bapas.id,
    email: `${uniq('pk-')}@test.bekalkerja.local`,
  });
  const admin = await buildUser({ role: 'admin' });
  const asOf = addDays(new Date().toISOString().slice(0, 10), 30_000 + Math.floor(Math.random() * 5_000));
  const person = await buildCandidate(places, {
    officerId: officer.user.id,
    domicile: { province: 'Sulawesi Selatan', regency },
    release: { expectedDate: new Date(`${asOf}T00:00:00Z`), type: 'pb' },
    consent: { shareWithEmployers: true, contactByEmail: true },
    contact: { email: `${uniq('wbp-')}@test.bekalkerja.local` },
    restrictions: {},
  });
  await indexNow(await testDeps());
  return { officer, admin, asOf, person };
}

/** Every ledger key appears in exactly one message received by the sink. */
async function assertOncePerKey(addresses: string[]): Promise<number> {
  const seen = new Map<string, number>();
  for (const a of addresses) {
    for (const m of await messagesTo(a)) for (const k of keysOf(m)) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  for (const [k, n] of seen) assert.equal(n, 1, `key ${k} was delivered ${n} times`);
  return seen.size;
}

describe('exactly-once delivery', () => {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stop(c, 'SIGKILL')));
  });

  it('when a worker is killed after the SMTP server accepted a message but before recording it, then a restart sends nothing again', async function () {
    this.timeout(120_000);
    const s = await scenario();
    const res = await request(await testApp())
      .post('/api/v1/admin/sweeps/release')
      .set(s.admin.auth)
      .send({ asOf: s.asOf });
    assert.equal(res.status, 200);
    assert.equal(res.body.byKind.candidate_alert, 1);

    // Worker A sends, then pauses before recording the send: the kill lands in exactly that gap.
    const a = worker({ MAIL_TEST_PAUSE_AFTER_SEND_MS: '60000' });
    children.push(a);
    await waitFor(async () => (await messagesTo(s.person.contact.email ?? '')).length > 0, 30_000, 100);
    const inFlight = await NotificationModel.findOne({
      candidateId: s.person.id,
      kind: 'candidate_alert',
    }).lean();
    assert.equal(inFlight?.status, 'sending', 'accepted by SMTP but not yet recorded');
    await stop(a, 'SIGKILL');

    // Worker B picks up the stalled job: the interrupted send is settled as `unknown`, never repeated.
    const b = worker();
    children.push(b);
    const settled = await waitFor(
      async () => {
        const n = await NotificationModel.findOne({
          candidateId: s.person.id,
          kind: 'candidate_alert',
        }).lean();
        return n && n.status !== 'sending' ? n : null;
      },
      90_000,
      250,
    );
    assert.equal(settled.status, 'unknown');
    await sleep(2000);
    assert.equal(
      (await messagesTo(s.person.contact.email ?? '')).length,
      1,
      'exactly one message to the person',
    );
    const keys = await assertOncePerKey([s.person.contact.email ?? '', s.officer.user.email]);
    assert.ok(keys >= 1);
    // The interrupted message is visible to admins as needing a check.
    const list = await request(await testApp())
      .get('/api/v1/notifications')
      .query({ candidateId: s.person.id, status: 'unknown' })
      .set(s.admin.auth);
    assert.ok(list.body.total >= 1);
  });

  it('when two worker processes run the same sweep, then every key is delivered exactly once', async function () {
    this.timeout(120_000);
    const s = await scenario();
    const deps = await testDeps();
    const w1 = worker();
    const w2 = worker();
    children.push(w1, w2);
    // The same sweep twice, concurrently, picked up by whichever worker is free.
    await Promise.all([
      deps.queues.enqueue('alerts.sweep', { asOf: s.asOf }, { jobId: `sweep-a-${uniq()}` }),
      deps.queues.enqueue('alerts.sweep', { asOf: s.asOf }, { jobId: `sweep-b-${uniq()}` }),
    ]);
    await waitFor(async () => (await messagesTo(s.person.contact.email ?? '')).length > 0, 60_000, 200);
    await waitFor(async () => (await messagesTo(s.officer.user.email)).length > 0, 60_000, 200);
    await sleep(4000);
    const entries = await NotificationModel.find({ candidateId: s.person.id }).lean();
    assert.equal(entries.length, 2, 'one officer digest entry and one person alert');
    assert.ok(entries.every((e) => e.status === 'sent'));
    assert.equal(await assertOncePerKey([s.person.contact.email ?? '', s.officer.user.email]), 2);
    assert.equal((await messagesTo(s.person.contact.email ?? '')).length, 1);
    assert.equal((await messagesTo(s.officer.user.email)).length, 1);
  });
});
