import assert from 'node:assert/strict';
import request from 'supertest';
import { AccountTokenModel } from '../../server/accounts/model.js';
import { handleSendToken } from '../../server/accounts/service.js';
import { createLogger } from '../../server/infra/logger.js';
import { messagesTo } from '../alerts/support.js';
import { testApp, testDeps } from '../support/context.js';
import { buildCandidate, buildPlaces, buildUser, uniq } from '../support/factories.js';
import { csrfOf, signedInAgent } from './support.js';

describe('web sign-in and accounts', () => {
  it('when a user signs in with the form, then a session cookie opens their home and sign-out ends it', async () => {
    const { user } = await buildUser({ role: 'employer' });
    const agent = await signedInAgent(user.email);
    const home = await agent.get('/app');
    assert.equal(home.status, 303);
    assert.equal(home.headers.location, '/app/search');
    const cookies = String(home.headers['set-cookie'] ?? '');
    assert.ok(!cookies.includes('bk_sid') || /HttpOnly/i.test(cookies));
    const page = await agent.get('/login');
    assert.equal(page.status, 303, 'already signed in');
    const logout = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfOf((await request(await testApp()).get('/login')).text) });
    assert.equal(logout.status, 303);
    assert.equal((await agent.get('/app')).headers.location?.startsWith('/login'), true);
  });

  it('when the password is wrong, then the form shows one message and no session', async () => {
    const { user } = await buildUser();
    const agent = request.agent(await testApp());
    const form = await agent.get('/login');
    assert.match(form.text, /<html lang="id">/);
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: user.email, password: 'salah' });
    assert.equal(res.status, 400);
    assert.match(res.text, /Email atau kata sandi salah/);
    assert.match(res.text, /class="error-summary"/);
  });

  it('when a form is posted without its CSRF token, then it is refused', async () => {
    const { user } = await buildUser();
    const res = await request(await testApp())
      .post('/login')
      .type('form')
      .send({ email: user.email, password: 'x' });
    assert.equal(res.status, 403);
  });

  it('when ?lng=en is given, then English is used and remembered in a cookie', async () => {
    const agent = request.agent(await testApp());
    const en = await agent.get('/login?lng=en');
    assert.match(en.text, /<html lang="en">/);
    assert.match(en.text, /Sign in to Bekal Kerja/);
    const again = await agent.get('/login');
    assert.match(again.text, /<html lang="en">/);
  });

  it('when an officer invites a released client, then the emailed link sets a password once and signs them in', async function () {
    this.timeout(30_000);
    const places = await buildPlaces(`Kab Invite ${uniq()}`);
    const officer = await buildUser({ role: 'officer', facilityId: places.bapas.id });
    const client = await buildCandidate(places);
    const email = `${uniq('inv-')}@test.bekalkerja.local`;
    const app = await testApp();
    const res = await request(app)
      .post('/api/v1/invitations')
      .set(officer.auth)
      .send({ email, name: 'Klien Diundang', role: 'candidate', candidateId: client.id });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const token = await AccountTokenModel.findOne({ email }).lean();
    const deps = await testDeps();
    await handleSendToken(
      { tokenId: String(token?._id) },
      { jobId: 'x', attempt: 1, log: createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }, 't'), deps },
    );
    const [mail] = await messagesTo(email);
    const link = /(\/invite\/[A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    assert.ok(link, 'the email holds the link');
    const agent = request.agent(app);
    const form = await agent.get(link);
    assert.equal(form.status, 200);
    const short = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(form.text), password: 'pendek', confirm: 'pendek' });
    assert.equal(short.status, 400);
    const done = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfOf(form.text), password: 'kata-sandi-baru-123', confirm: 'kata-sandi-baru-123' });
    assert.equal(done.status, 303);
    assert.equal((await agent.get('/app')).headers.location, '/app/me/jobs');
    const reuse = await request(app).get(link);
    assert.equal(reuse.status, 410, 'a link works once');
    // Another officer's client cannot be invited by this officer.
    const other = await buildUser({ role: 'officer', facilityId: (await buildPlaces()).bapas.id });
    const denied = await request(app)
      .post('/api/v1/invitations')
      .set(other.auth)
      .send({
        email: `${uniq()}@test.bekalkerja.local`,
        name: 'X Y',
        role: 'candidate',
        candidateId: client.id,
      });
    assert.equal(denied.status, 400);
  });
});
