import assert from 'node:assert/strict';
import request from 'supertest';
import { testApp } from '../support/context.js';
import { buildUser, uniq } from '../support/factories.js';
import { assertPageRules } from './me-page-checks.js';
import { buildJob, buildPerson, signIn } from './me-support.js';
import { csrfOf } from './support.js';

async function api(method: 'get' | 'post', path: string, auth: { Authorization: string }, body?: object) {
  const app = await testApp();
  const req = method === 'get' ? request(app).get(path) : request(app).post(path).send(body);
  return req.set(auth);
}

describe('web: a person’s applications', () => {
  it('when officers write internal notes and the employer closes it, then the person sees the steps and "Ditutup", never the notes or the reason', async () => {
    const { regency, account, officer, employer } = await buildPerson();
    const job = await buildJob(employer.id, regency, {}, false);
    const agent = await signIn(account.user.email);
    const detail = await agent.get(`/app/me/jobs/${job.id}`);
    const sent = await agent
      .post(`/app/me/jobs/${job.id}/interest`)
      .type('form')
      .send({ _csrf: csrfOf(detail.text) });
    assert.equal(sent.status, 303);
    const mine = await agent.get('/app/me/applications');
    assert.equal(mine.status, 200);
    assertPageRules(mine.text, 'applications');
    assert.match(mine.text, /1 lamaran/);
    assert.match(mine.text, /Menunggu keputusan petugas/);
    const id = /href="\/app\/me\/applications\/([0-9a-f]{24})"/.exec(mine.text)?.[1];
    assert.ok(id);

    const secretNote = `Catatan internal petugas ${uniq()}`;
    const introduced = await api('post', `/api/v1/placements/${id}/transitions`, officer.auth, {
      to: 'introduced',
      note: secretNote,
      internal: true,
    });
    assert.equal(introduced.status, 200, JSON.stringify(introduced.body));
    const employerUser = await buildUser({ role: 'employer', employerId: employer.id });
    const interview = await api('post', `/api/v1/placements/${id}/transitions`, employerUser.auth, {
      to: 'interviewing',
      note: `Catatan pemberi kerja ${uniq()}`,
    });
    assert.equal(interview.status, 200, JSON.stringify(interview.body));
    const list = await agent.get('/app/me/applications');
    assert.match(list.text, /Tahap wawancara/);
    assert.ok(!list.text.includes(secretNote));
    const one = await agent.get(`/app/me/applications/${id}`);
    assert.equal(one.status, 200);
    assertPageRules(one.text, 'application');
    assert.match(one.text, /Anda menyatakan tertarik/);
    assert.match(one.text, /Diperkenalkan kepada pemberi kerja/);
    assert.ok(!one.text.includes(secretNote), 'no internal note');
    assert.ok(!one.text.includes('Catatan pemberi kerja'), 'no employer note');

    const secretReason = `Alasan penolakan rahasia ${uniq()}`;
    const declined = await api('post', `/api/v1/placements/${id}/transitions`, employerUser.auth, {
      to: 'declined',
      reason: secretReason,
    });
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
    for (const path of ['/app/me/applications', `/app/me/applications/${id}`]) {
      const page = await agent.get(path);
      assert.match(page.text, />Ditutup</, path);
      for (const hidden of [secretReason, secretNote, 'declined', 'Ditolak'])
        assert.ok(!page.text.includes(hidden), `${path} shows ${hidden}`);
    }
  });

  it('when an officer proposes a vacancy, then the person can agree or decline from the list', async () => {
    const { regency, person, account, officer, employer } = await buildPerson();
    const [first, second] = [
      await buildJob(employer.id, regency, {}, false),
      await buildJob(employer.id, regency, {}, false),
    ];
    const ids: string[] = [];
    for (const v of [first, second]) {
      const res = await api('post', '/api/v1/placements', officer.auth, {
        candidateId: person.id,
        vacancyId: v!.id,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      ids.push(res.body.id as string);
    }
    const agent = await signIn(account.user.email);
    const page = await agent.get('/app/me/applications');
    assert.equal((page.text.match(/>Setuju diperkenalkan</g) ?? []).length, 2);
    assert.match(page.text, />Tolak</);
    assert.match(page.text, /Petugas mengusulkan lowongan ini/);
    assertPageRules(page.text, 'applications with requests');

    const yes = await agent
      .post(`/app/me/applications/${ids[0]}/answer`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), answer: 'yes', back: '/app/me/applications' });
    assert.equal(yes.status, 303);
    assert.equal(yes.headers.location, '/app/me/applications?answered=1');
    const no = await agent
      .post(`/app/me/applications/${ids[1]}/answer`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), answer: 'no', back: 'https://evil.example/' });
    assert.equal(no.headers.location, '/app/me/applications?answered=1', 'never leaves the site');

    const agreed = await api('get', `/api/v1/placements/${ids[0]}`, officer.auth);
    assert.equal(agreed.body.state, 'candidate_consented');
    const refused = await api('get', `/api/v1/placements/${ids[1]}`, officer.auth);
    assert.equal(refused.body.state, 'declined');
    const after = await agent.get('/app/me/applications?answered=1');
    assert.match(after.text, /Jawaban Anda tersimpan/);
    assert.match(after.text, /Menunggu keputusan petugas/);
    assert.match(after.text, />Ditutup</);
    assert.ok(!after.text.includes('>Setuju diperkenalkan<'));
  });

  it("when a person opens or answers someone else's placement, then it is not found", async () => {
    const a = await buildPerson();
    const b = await buildPerson();
    const job = await buildJob(b.employer.id, b.regency, {}, false);
    const created = await api('post', '/api/v1/placements', b.officer.auth, {
      candidateId: b.person.id,
      vacancyId: job.id,
    });
    assert.equal(created.status, 201);
    const agent = await signIn(a.account.user.email);
    assert.equal((await agent.get(`/app/me/applications/${created.body.id}`)).status, 404);
    const page = await agent.get('/app/me/applications');
    assert.match(page.text, /0 lamaran/);
    const answer = await agent
      .post(`/app/me/applications/${created.body.id}/answer`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), answer: 'yes' });
    assert.equal(answer.status, 404);
    const still = await api('get', `/api/v1/placements/${created.body.id}`, b.officer.auth);
    assert.equal(still.body.state, 'proposed');
  });
});
