import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { employerRepository } from '../../server/employers/repository.js';
import { facilityRepository } from '../../server/facilities/repository.js';
import { notificationRepository } from '../../server/notifications/repository.js';
import { userRepository } from '../../server/users/repository.js';
import { buildEmployer, buildUser, uniq } from '../support/factories.js';
import { assertPageRules } from './me-page-checks.js';
import { buildPerson, signIn } from './me-support.js';
import { csrfOf } from './support.js';

const ADMIN_PAGES = [
  '/app/admin/facilities',
  '/app/admin/users',
  '/app/admin/employers',
  '/app/admin/notifications',
];

describe('web: administration', () => {
  it('when someone other than an admin opens an admin page, then it is refused', async () => {
    const { account, officer, employer } = await buildPerson();
    const employerUser = await buildUser({ role: 'employer', employerId: employer.id });
    for (const email of [account.user.email, officer.user.email, employerUser.user.email]) {
      const agent = await signIn(email);
      for (const path of ADMIN_PAGES) assert.equal((await agent.get(path)).status, 403, `${email} ${path}`);
      // The refusal page carries the layout's sign-out form, and with it a CSRF token.
      const form = await agent.get('/app/admin/users');
      const post = await agent
        .post(`/app/admin/employers/${employer.id}/verify`)
        .type('form')
        .send({ _csrf: csrfOf(form.text) });
      assert.equal(post.status, 403);
    }
    const candidateAgent = await signIn(account.user.email);
    assert.equal((await candidateAgent.get('/app/invite')).status, 403, 'a person does not invite');
  });

  it('when an admin opens each admin page, then it follows the page rules', async () => {
    const admin = await buildUser({ role: 'admin' });
    const agent = await signIn(admin.user.email);
    for (const path of [...ADMIN_PAGES, '/app/invite']) {
      const res = await agent.get(path);
      assert.equal(res.status, 200, path);
      assertPageRules(res.text, path);
    }
    assert.match((await agent.get('/app/admin/notifications')).text, /href="\/admin\/queues"/);
  });

  it('when an admin verifies an employer, then it is verified and leaves the unverified list', async () => {
    const name = `PT Belum Verifikasi ${uniq()}`;
    const employer = await buildEmployer({ name, verified: false });
    const admin = await buildUser({ role: 'admin' });
    const agent = await signIn(admin.user.email);
    const url = `/app/admin/employers?verified=false&q=${encodeURIComponent(name)}`;
    const list = await agent.get(url);
    assert.match(list.text, /1 pemberi kerja/);
    assert.ok(list.text.includes(name));
    assert.ok(list.text.includes(`action="/app/admin/employers/${employer.id}/verify"`));
    const res = await agent
      .post(`/app/admin/employers/${employer.id}/verify`)
      .type('form')
      .send({ _csrf: csrfOf(list.text), back: url });
    assert.equal(res.status, 303);
    assert.match(String(res.headers.location), /^\/app\/admin\/employers\?verified=false&q=.+&done=1$/);
    const after = await employerRepository.findById(employer.id);
    assert.equal(after?.verified, true);
    assert.ok(after?.verifiedAt);
    const again = await agent.get(String(res.headers.location));
    assert.match(again.text, /Pemberi kerja diverifikasi/);
    assert.match(again.text, /0 pemberi kerja/);
  });

  it('when a message failed, then the admin sees its error and can put it back in line', async () => {
    const { person, officer } = await buildPerson();
    const error = `550 mailbox unavailable ${uniq()}`;
    const [entry] = await notificationRepository.insertNew([
      {
        key: uniq('k-'),
        batchKey: uniq('b-'),
        recipientType: 'user',
        recipientId: officer.user.id,
        email: officer.user.email,
        kind: 'officer_digest',
        candidateId: person.id,
        milestone: 'T-30',
        refDate: '2027-03-05',
        plannedAt: new Date(),
      },
    ]);
    assert.ok(entry);
    const sendId = randomUUID();
    await notificationRepository.claim([entry.id], sendId, 'test', new Date());
    await notificationRepository.fail(sendId, error);
    const admin = await buildUser({ role: 'admin' });
    const agent = await signIn(admin.user.email);
    const page = await agent.get('/app/admin/notifications?status=failed');
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(error));
    assert.ok(page.text.includes(officer.user.email));
    assert.match(page.text, /Gagal \(\d+\)/);
    const res = await agent
      .post(`/app/admin/notifications/${entry.id}/resend`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), back: '/app/admin/notifications?status=failed' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/app/admin/notifications?status=failed&resent=1');
    const {
      items: [after],
    } = await notificationRepository.list({ email: officer.user.email }, 0, 1);
    assert.ok(after);
    assert.notEqual(after.status, 'failed');
    assert.equal(after.lastError, undefined);
    const list = await agent.get(res.headers.location);
    assert.match(list.text, /masuk antrean kirim lagi/);
    assert.ok(!list.text.includes(error));
  });

  it('when an officer invites their client, then an invited account waits for the emailed link', async () => {
    const { person, officer } = await buildPerson();
    const agent = await signIn(officer.user.email);
    const form = await agent.get(`/app/invite?role=candidate&candidate=${person.publicId}`);
    assert.equal(form.status, 200);
    assertPageRules(form.text, 'invite');
    assert.ok(form.text.includes(`value="${person.publicId}"`));
    const email = `${uniq('klien-')}@test.bekalkerja.local`;
    const res = await agent
      .post('/app/invite')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        role: 'candidate',
        name: 'Klien Diundang',
        email,
        candidateRef: person.publicId,
      });
    assert.equal(res.status, 303, res.text.slice(0, 500));
    assert.equal(res.headers.location, '/app/invite?invited=1');
    const user = await userRepository.findByEmail(email);
    assert.equal(user?.status, 'invited');
    assert.equal(user?.candidateId, person.id);
    // Someone else's client is refused on the form, with the value kept.
    const other = await buildPerson();
    const denied = await agent
      .post('/app/invite')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        role: 'candidate',
        name: 'Bukan Klien',
        email: `${uniq()}@test.bekalkerja.local`,
        candidateRef: other.person.publicId,
      });
    assert.equal(denied.status, 400);
    assert.match(denied.text, /href="#f-candidateRef"/);
    assert.ok(denied.text.includes(`value="${other.person.publicId}"`));
    assertPageRules(denied.text, 'invite with errors');
  });

  it('when an admin adds a facility, creates an officer and invites an employer user, then each exists', async () => {
    const admin = await buildUser({ role: 'admin' });
    const agent = await signIn(admin.user.email);
    const regency = `Kab Admin ${uniq()}`;
    const page = await agent.get('/app/admin/facilities');
    const code = uniq('BAPAS-').toUpperCase();
    const created = await agent
      .post('/app/admin/facilities')
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        code,
        name: 'Bapas Uji Admin',
        kind: 'bapas',
        province: 'Sulawesi Selatan',
        regency,
        'location.lat': '-4,5386',
        'location.lng': '120.3279',
        timezone: 'Asia/Makassar',
      });
    assert.equal(created.status, 303, created.text.slice(0, 500));
    const list = await agent.get(`/app/admin/facilities?kind=bapas&regency=${encodeURIComponent(regency)}`);
    assert.match(list.text, /1 fasilitas/);
    assert.ok(list.text.includes(code));
    const duplicate = await agent
      .post('/app/admin/facilities')
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        code,
        name: 'Bapas Lain',
        kind: 'bapas',
        province: 'Sulawesi Selatan',
        regency,
        'location.lat': '-4.5',
        'location.lng': '120.3',
        timezone: 'Asia/Makassar',
      });
    assert.equal(duplicate.status, 409);
    assert.match(duplicate.text, /href="#f-code"/);

    const users = await agent.get('/app/admin/users');
    const officerEmail = `${uniq('pk-')}@test.bekalkerja.local`;
    const officer = await agent
      .post('/app/admin/users')
      .type('form')
      .send({
        _csrf: csrfOf(users.text),
        name: 'Petugas Baru',
        email: officerEmail,
        password: 'kata-sandi-panjang-1',
        role: 'officer',
        facilityCode: code,
      });
    assert.equal(officer.status, 303, officer.text.slice(0, 500));
    const facility = await facilityRepository.findByCode(code);
    assert.equal((await userRepository.findByEmail(officerEmail))?.facilityId, facility?.id);
    const wrong = await agent
      .post('/app/admin/users')
      .type('form')
      .send({
        _csrf: csrfOf(users.text),
        name: 'Staf Salah',
        email: `${uniq()}@test.bekalkerja.local`,
        password: 'kata-sandi-panjang-1',
        role: 'facility_staff',
        facilityCode: code,
      });
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /href="#f-facilityCode"/);
    const byRole = await agent.get('/app/admin/users?role=officer');
    assert.match(byRole.text, /<option value="officer" selected>/);

    const employer = await buildEmployer();
    const inviteEmail = `${uniq('hr-')}@test.bekalkerja.local`;
    const invited = await agent
      .post('/app/admin/users/invite')
      .type('form')
      .send({
        _csrf: csrfOf(users.text),
        'invite.role': 'employer',
        'invite.name': 'Bagian SDM',
        'invite.email': inviteEmail,
        'invite.employerId': employer.id,
      });
    assert.equal(invited.status, 303, invited.text.slice(0, 500));
    const hr = await userRepository.findByEmail(inviteEmail);
    assert.equal(hr?.status, 'invited');
    assert.equal(hr?.employerId, employer.id);
  });
});
