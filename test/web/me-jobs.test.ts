import assert from 'node:assert/strict';
import request from 'supertest';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { createWriteHooks } from '../../server/hooks.js';
import { formatDayId } from '../../server/shared/format.js';
import { updateVacancy } from '../../server/vacancies/service.js';
import { testApp, testDeps } from '../support/context.js';
import { assertPageRules } from './me-page-checks.js';
import { buildJob, buildPerson, signIn } from './me-support.js';
import { csrfOf } from './support.js';

describe('web: a person’s jobs', () => {
  it('when a person opens their jobs, then matching vacancies show as cards with reasons in the page language', async () => {
    const { regency, account, employer } = await buildPerson();
    const job = await buildJob(employer.id, regency);
    const agent = await signIn(account.user.email);
    const url = `/app/me/jobs?regency=${encodeURIComponent(regency)}`;
    const res = await agent.get(url);
    assert.equal(res.status, 200);
    assertPageRules(res.text, 'jobs');
    assert.match(res.text, /<strong>1 lowongan<\/strong>/);
    assert.ok(res.text.includes(job.title));
    assert.ok(res.text.includes(employer.name));
    assert.ok(res.text.includes(`href="/app/me/jobs/${job.id}"`));
    assert.match(res.text, /1 dari 1 keahlian wajib/);
    assert.match(res.text, /Rp\s2\.500\.000 – Rp\s3\.500\.000 per bulan/);
    assert.match(res.text, /dari 100/);
    assert.match(res.text, /<option value="[^"]+" selected>/, 'the chosen regency stays selected');
    assert.match(res.text, /Hapus semua filter/);
    const en = await agent.get(`${url}&lng=en`);
    assert.match(en.text, /1 of 1 required skills/);
    assert.match(en.text, /per month/);
    // A filter that nothing meets says so; htmx gets only the results panel.
    const none = await agent.get(`/app/me/jobs?regency=Atlantis&lng=id`).set('HX-Request', 'true');
    assert.ok(!none.text.includes('<html'));
    assert.match(none.text, /id="results"/);
    assert.match(none.text, /0 lowongan/);
  });

  it('when a person presses "Saya tertarik", then a placement waits for their officer, who sees it', async () => {
    const { regency, person, account, officer, employer } = await buildPerson();
    const job = await buildJob(employer.id, regency);
    const agent = await signIn(account.user.email);
    const detail = await agent.get(`/app/me/jobs/${job.id}`);
    assert.equal(detail.status, 200);
    assertPageRules(detail.text, 'job detail');
    assert.match(detail.text, /Saya tertarik/);
    assert.ok(detail.text.includes(formatDayId(job.startDate)), 'the start date in words');
    const sent = await agent
      .post(`/app/me/jobs/${job.id}/interest`)
      .type('form')
      .send({ _csrf: csrfOf(detail.text) });
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.location, `/app/me/jobs/${job.id}?interested=1`);
    const after = await agent.get(sent.headers.location);
    assert.match(after.text, /Petugas Anda akan menghubungi Anda/);
    assert.ok(!after.text.includes('>Saya tertarik</button>'), 'no second button');

    const list = await request(await testApp())
      .get(`/api/v1/placements?candidateId=${person.id}`)
      .set(officer.auth);
    assert.equal(list.status, 200);
    const [p] = list.body.items as {
      id: string;
      origin: string;
      state: string;
      timeline: { to: string; role: string }[];
    }[];
    assert.ok(p);
    assert.equal(p.origin, 'candidate');
    assert.equal(p.state, 'candidate_consented');
    assert.deepEqual(
      p.timeline.map((e) => e.to),
      ['proposed', 'candidate_consented'],
    );
    // The officer decides on the introduction.
    const introduced = await request(await testApp())
      .post(`/api/v1/placements/${p.id}/transitions`)
      .set(officer.auth)
      .send({ to: 'introduced' });
    assert.equal(introduced.status, 200, JSON.stringify(introduced.body));
    // Pressing again leads to the application rather than a second placement.
    const again = await agent
      .post(`/app/me/jobs/${job.id}/interest`)
      .type('form')
      .send({ _csrf: csrfOf(detail.text) });
    assert.equal(again.headers.location, `/app/me/applications/${p.id}`);
  });

  it('when a vacancy is closed or unknown, then its page and "Saya tertarik" are not found', async () => {
    const { regency, account, employer } = await buildPerson();
    const job = await buildJob(employer.id, regency, {}, false);
    await updateVacancy(
      SYSTEM_ACTOR,
      job.id,
      { status: 'closed' },
      { now: new Date() },
      createWriteHooks(await testDeps()).vacancies,
    );
    const agent = await signIn(account.user.email);
    assert.equal((await agent.get(`/app/me/jobs/${job.id}`)).status, 404);
    assert.equal((await agent.get('/app/me/jobs/0123456789abcdef01234567')).status, 404);
    assert.equal((await agent.get('/app/me/jobs/not-an-id')).status, 404);
    const page = await agent.get('/app/me/jobs');
    const denied = await agent
      .post(`/app/me/jobs/${job.id}/interest`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    assert.equal(denied.status, 404);
  });

  it('when someone other than a person opens the person screens, then they are refused', async () => {
    const { officer } = await buildPerson();
    const agent = await signIn(officer.user.email);
    for (const path of ['/app/me', '/app/me/jobs', '/app/me/alerts', '/app/me/applications'])
      assert.equal((await agent.get(path)).status, 403, path);
  });
});
