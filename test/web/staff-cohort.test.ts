import assert from 'node:assert/strict';
import { candidateRepository } from '../../server/candidates/repository.js';
import { buildCandidate, buildFacility, buildUser, dayFromNow, uniq } from '../support/factories.js';
import { assertAccessiblePage, location, staffWorld } from './staff-support.js';
import { csrfOf, signedInAgent } from './support.js';

/** A complete, valid profile form as a browser would post it. */
function profileForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    registrationNumber: uniq('W01.').toUpperCase(),
    fullName: `Budi ${uniq()}`,
    birthDate: '1991-02-03',
    gender: 'male',
    'domicile.province': 'Sulawesi Selatan',
    'domicile.regency': 'Bone',
    'release.expectedDate': '2027-03-05',
    'release.type': 'pb',
    bapasId: '',
    'skills.0.skill': 'las listrik',
    'skills.0.level': 'intermediate',
    'skills.0.evidence': 'experience',
    'skills.1.skill': '',
    'skills.1.level': 'basic',
    'skills.1.evidence': '',
    'education.level': 'smp',
    languages: 'Bahasa Indonesia, Bugis',
    'preferences.sectors': ['manufacturing', 'construction'],
    'preferences.regencies': 'Bone, Makassar',
    'preferences.nightShiftOk': 'true',
    'contact.email': '',
    'contact.phone': '+62 812 0000 1111',
    'consent.shareWithEmployers': 'true',
    offenceCategory: `pencurian-${uniq()}`,
    'restrictions.allowedRegencies': 'Bone',
    'restrictions.excludedSectors': 'finance',
    notes: '',
    ...overrides,
  };
}

describe('web: staff cohort and skill profiles', () => {
  it('when staff open the cohort, then they see only their own facility, and another facility sees none of them', async () => {
    const { places, staff, regency } = await staffWorld();
    const people = await Promise.all([1, 2].map(() => buildCandidate(places)));
    const res = await staff.get('/app/cohort?sort=name');
    assert.equal(res.status, 200);
    assertAccessiblePage(res.text, 'cohort list');
    assert.match(res.text, /2 hasil/);
    for (const p of people) {
      assert.ok(res.text.includes(p.fullName));
      assert.ok(res.text.includes(p.registrationNumber));
    }
    assert.match(res.text, /Tambah profil/);
    assert.match(res.text, /Catat bebas/);
    assert.match(res.text, /href="\/app\/cohort">Hapus semua filter/);
    // Filters are a GET form and stay in the URL.
    const filtered = await staff.get(`/app/cohort?q=${encodeURIComponent(people[0]!.registrationNumber)}`);
    assert.match(filtered.text, /1 hasil/);
    assert.ok(!filtered.text.includes(people[1]!.fullName));
    const partial = await staff.get('/app/cohort?sort=name').set('HX-Request', 'true');
    assert.ok(!partial.text.includes('<html'));
    assert.match(partial.text, /^<div id="results">/);

    const other = await buildFacility('lapas', { regency });
    const { user } = await buildUser({ role: 'facility_staff', facilityId: other.id });
    const outsider = await signedInAgent(user.email);
    const theirs = await outsider.get('/app/cohort');
    assert.match(theirs.text, /0 hasil/);
    for (const p of people) assert.ok(!theirs.text.includes(p.fullName));
    assert.equal((await outsider.get(`/app/cohort/${people[0]!.id}`)).status, 404);
    assert.equal((await outsider.get(`/app/cohort/${people[0]!.id}/edit`)).status, 404);
  });

  it('when the profile form has errors, then a 400 page lists them with links and keeps every value', async () => {
    const { staff } = await staffWorld();
    const form = await staff.get('/app/cohort/new');
    assert.equal(form.status, 200);
    assertAccessiblePage(form.text, 'profile form');
    for (const legend of [
      'Identitas',
      'Domisili',
      'Pembebasan',
      'Keahlian',
      'Preferensi kerja',
      'Kontak',
      'Persetujuan',
    ])
      assert.ok(form.text.includes(`<legend>${legend}`), legend);
    assert.match(form.text, /tidak pernah ditampilkan ke pemberi kerja/);
    const res = await staff
      .post('/app/cohort/new')
      .type('form')
      .send({
        ...profileForm({
          registrationNumber: '',
          fullName: 'Budi Tetap Ada',
          'skills.1.skill': 'las lisrik',
        }),
        _csrf: csrfOf(form.text),
      });
    assert.equal(res.status, 400);
    assertAccessiblePage(res.text, 'profile form with errors');
    assert.match(res.text, /class="error-summary"/);
    assert.match(res.text, /href="#f-registrationNumber">Nomor registrasi: wajib diisi/);
    assert.match(
      res.text,
      /href="#f-skills-1-skill">Keahlian 2: Keahlian &#34;las lisrik&#34; tidak dikenal/,
    );
    assert.match(res.text, /id="f-registrationNumber"[^>]*aria-invalid="true"/);
    assert.match(res.text, /value="Budi Tetap Ada"/);
    assert.match(res.text, /value="las lisrik"/);
    assert.match(res.text, /name="preferences.sectors" value="construction" checked/);
    assert.match(res.text, /name="consent.shareWithEmployers" value="true" checked/);
  });

  it('when a valid profile is posted, then 303 leads to its page, and an edit saves the new release date', async () => {
    const { staff, places } = await staffWorld();
    const form = await staff.get('/app/cohort/new');
    const data = profileForm({ bapasId: places.bapas.id });
    const created = await staff
      .post('/app/cohort/new')
      .type('form')
      .send({ ...data, _csrf: csrfOf(form.text) });
    const to = location(created);
    const id = /^\/app\/cohort\/([0-9a-f]{24})\?saved=created$/.exec(to)?.[1];
    assert.ok(id, to);
    const detail = await staff.get(to);
    assert.equal(detail.status, 200);
    assertAccessiblePage(detail.text, 'profile page');
    assert.match(detail.text, /role="status">Profil tersimpan/);
    assert.ok(detail.text.includes(data.fullName as string));
    assert.match(detail.text, /5 Maret 2027/);
    assert.match(detail.text, /Pembebasan bersyarat \(PB\)/);
    const stored = await candidateRepository.findById(id);
    assert.equal(stored?.skills[0]?.code, 'welding.smaw');
    assert.equal(stored?.bapasId, places.bapas.id);
    assert.deepEqual(stored?.preferences.sectors, ['manufacturing', 'construction']);
    assert.equal(stored?.consent.shareWithEmployers, true);
    assert.equal(stored?.consent.contactByEmail, false);

    const edit = await staff.get(`/app/cohort/${id}/edit`);
    assert.equal(edit.status, 200);
    assertAccessiblePage(edit.text, 'edit form');
    assert.match(edit.text, /value="2027-03-05"/);
    assert.match(edit.text, /name="skills.0.skill" type="text" value="Las Listrik SMAW"/);
    const values: Record<string, string | string[]> = {
      ...data,
      'release.expectedDate': '2027-01-20',
      'skills.0.skill': 'Las Listrik SMAW',
    };
    delete values['consent.shareWithEmployers'];
    const saved = await staff
      .post(`/app/cohort/${id}/edit`)
      .type('form')
      .send({ ...values, _csrf: csrfOf(edit.text) });
    assert.equal(location(saved), `/app/cohort/${id}?saved=updated`);
    const after = await candidateRepository.findById(id);
    assert.equal(after?.release.expectedDate.toISOString().slice(0, 10), '2027-01-20');
    assert.equal(after?.skills[0]?.code, 'welding.smaw');
    assert.equal(after?.bapasId, places.bapas.id);
    assert.equal(after?.consent.shareWithEmployers, false);
    assert.ok(after?.history.some((h) => h.field === 'release.expectedDate'));
    assert.match((await staff.get(`/app/cohort/${id}`)).text, /20 Januari 2027/);
  });

  it('when staff record a release, then the person is released and the form defaults to today', async () => {
    const { staff, places } = await staffWorld();
    const p = await buildCandidate(places);
    const form = await staff.get(`/app/cohort/${p.id}/release`);
    assert.equal(form.status, 200);
    assertAccessiblePage(form.text, 'release form');
    assert.match(form.text, /name="releasedAt" type="date" value="\d{4}-\d{2}-\d{2}"/);
    const future = await staff
      .post(`/app/cohort/${p.id}/release`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), releasedAt: dayFromNow(10) });
    assert.equal(future.status, 400);
    assert.match(future.text, /tidak boleh di masa depan/);
    const done = await staff
      .post(`/app/cohort/${p.id}/release`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), releasedAt: dayFromNow(-1) });
    assert.equal(location(done), `/app/cohort/${p.id}?saved=release`);
    assert.equal((await candidateRepository.findById(p.id))?.status, 'released');
  });

  it('when a trainer opens a participant, then only the skills part shows and staff-only pages are refused', async () => {
    const { places, trainer } = await staffWorld();
    const p = await buildCandidate(places);
    const list = await trainer.get('/app/cohort');
    assert.equal(list.status, 200);
    assertAccessiblePage(list.text, 'trainer list');
    assert.ok(list.text.includes(p.fullName));
    assert.match(list.text, /Hasil pelatihan \(banyak peserta\)/);
    assert.ok(!list.text.includes('Tambah profil'));
    assert.ok(!list.text.includes('Catat bebas'));
    assert.ok(!list.text.includes('name="releaseBefore"'));
    const page = await trainer.get(`/app/cohort/${p.id}`);
    assert.equal(page.status, 200);
    assertAccessiblePage(page.text, 'trainer profile page');
    assert.ok(page.text.includes(p.fullName));
    for (const secret of [
      p.offenceCategory ?? '',
      p.notes ?? '',
      p.contact.email ?? '',
      'Ketentuan',
      'Kategori perkara',
    ])
      assert.ok(!page.text.includes(secret), `trainer sees ${secret}`);
    assert.equal((await trainer.get(`/app/cohort/${p.id}/edit`)).status, 403);
    assert.equal((await trainer.get('/app/cohort/new')).status, 403);
    assert.equal((await trainer.get(`/app/cohort/${p.id}/release`)).status, 403);
    assert.equal((await trainer.get('/app/import')).status, 403);
  });

  it('when a name holds markup, then every page shows it as text', async () => {
    const { places, staff } = await staffWorld();
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)> ${uniq()}`;
    const p = await buildCandidate(places, { fullName: evil });
    for (const url of [
      '/app/cohort',
      `/app/cohort/${p.id}`,
      `/app/cohort/${p.id}/edit`,
      `/app/cohort/${p.id}/trainings/new`,
    ]) {
      const res = await staff.get(url);
      assert.equal(res.status, 200, url);
      assert.ok(!res.text.includes('<script>alert'), url);
      assert.ok(!res.text.includes('<img src=x'), url);
      assert.ok(res.text.includes('&#60;script&#62;alert(&#34;x&#34;)'), url);
    }
  });

  it('when ?lng=en is given, then the staff pages speak English', async () => {
    const { staff } = await staffWorld();
    const res = await staff.get('/app/cohort/new?lng=en');
    assert.match(res.text, /<h1>Add a skill profile<\/h1>/);
    assert.match(res.text, /Conditions \(never shown to employers\)/);
  });
});
