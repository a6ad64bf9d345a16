import assert from 'node:assert/strict';
import request from 'supertest';
import { candidateRepository } from '../../server/candidates/repository.js';
import { placementRepository } from '../../server/placements/repository.js';
import { testApp } from '../support/context.js';
import { buildPlaces, buildUser, dayFromNow } from '../support/factories.js';
import {
  assertAccessiblePage,
  buildClient,
  buildIndexedVacancy,
  buildOfficerWorld,
  hrefs,
  unescapeAttr,
} from './officer-support.js';
import { csrfOf, signedInAgent } from './support.js';

const day = (n: number) => new Date(`${dayFromNow(n)}T00:00:00Z`);

describe('web: officer clients', () => {
  it('when an officer filters clients due for release, then the window, type, sector and area narrow the list and the Back link returns to it', async function () {
    this.timeout(60_000);
    const world = await buildOfficerWorld();
    const soon = await buildClient(world, { release: { expectedDate: day(30), type: 'pb' } });
    const mid = await buildClient(world, { release: { expectedDate: day(120), type: 'cb' } });
    const late = await buildClient(world, {
      release: { expectedDate: day(300), type: 'bebas_murni' },
      preferences: { sectors: ['construction'], willingToRelocate: false },
      domicile: { province: 'Sulawesi Selatan', regency: 'Kota Parepare' },
    });
    const agent = await signedInAgent(world.officer.user.email);
    const names = (text: string) =>
      [soon, mid, late].filter((c) => text.includes(c.fullName)).map((c) => c.fullName);

    const twelveWeeks = await agent.get('/app/clients');
    assert.equal(twelveWeeks.status, 200);
    assertAccessiblePage(twelveWeeks.text, 'client list');
    assert.match(twelveWeeks.text, /1 klien/);
    assert.deepEqual(names(twelveWeeks.text), [soon.fullName]);
    assert.match(twelveWeeks.text, /name="window" value="12w" checked/);
    assert.match(twelveWeeks.text, /Hapus semua filter/);
    assert.match(twelveWeeks.text, /30 hari lagi/);

    const sixMonths = await agent.get('/app/clients?window=6m');
    assert.deepEqual(names(sixMonths.text), [soon.fullName, mid.fullName]);
    const all = await agent.get('/app/clients?window=all');
    assert.deepEqual(names(all.text), [soon.fullName, mid.fullName, late.fullName]);
    assert.match(all.text, /3 klien/);
    const cb = await agent.get('/app/clients?window=all&releaseType=cb');
    assert.deepEqual(names(cb.text), [mid.fullName]);
    const construction = await agent.get('/app/clients?window=all&sector=construction');
    assert.deepEqual(names(construction.text), [late.fullName]);
    const parepare = await agent.get(`/app/clients?window=all&regency=${encodeURIComponent('Parepare')}`);
    assert.deepEqual(names(parepare.text), [late.fullName]);
    const byName = await agent.get('/app/clients?window=all&sort=name');
    const order = [soon, mid, late]
      .map((c) => c.fullName)
      .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    assert.deepEqual(
      order.map((n) => byName.text.indexOf(n)),
      [...order.map((n) => byName.text.indexOf(n))].sort((a, b) => a - b),
      'sorted by name',
    );

    // The htmx request gets only the results panel.
    const partial = await agent.get('/app/clients?window=6m').set('HX-Request', 'true');
    assert.ok(!partial.text.includes('<html'));
    assert.match(partial.text, /^<div id="results"/);

    // The row links carry the filtered list; the client page's Back link returns to it exactly.
    const list = '/app/clients?window=all&releaseType=cb';
    const link = hrefs(cb.text).find((h) => h.startsWith(`/app/clients/${mid.id}?`));
    assert.ok(link, 'a link to the client');
    assert.equal(new URL(link, 'http://x').searchParams.get('back'), list);
    const profile = await agent.get(link);
    assert.equal(profile.status, 200);
    assert.ok(hrefs(profile.text).includes(list), 'the Back link returns to the filtered list');
    // Tabs keep the Back target too.
    const skillsTab = hrefs(profile.text).find((h) => h.includes('tab=skills'));
    assert.equal(new URL(skillsTab ?? '', 'http://x').searchParams.get('back'), list);
    // A Back target outside the app is ignored.
    const evil = await agent.get(`/app/clients/${mid.id}?back=${encodeURIComponent('//evil.example/')}`);
    assert.match(evil.text, /<a href="\/app\/clients">← Kembali ke daftar<\/a>/);
  });

  it('when an officer opens the client record, then every tab renders; another Bapas gets 404', async () => {
    const world = await buildOfficerWorld();
    const client = await buildClient(world, { officerId: world.officer.user.id });
    const agent = await signedInAgent(world.officer.user.email);
    for (const tab of ['overview', 'skills', 'jobs', 'placements', 'alerts', 'audit']) {
      const res = await agent.get(`/app/clients/${client.id}?tab=${tab}`);
      assert.equal(res.status, 200, `${tab}: ${res.text.slice(0, 300)}`);
      assertAccessiblePage(res.text, `tab ${tab}`);
      const current = /<a href="([^"]+)" aria-current="page">/.exec(res.text.split('<main')[1] ?? '');
      assert.ok(current && unescapeAttr(current[1]!).includes(`tab=${tab}`), `${tab} is the current tab`);
    }
    const overview = await agent.get(`/app/clients/${client.id}`);
    assert.ok(overview.text.includes(client.fullName));
    assert.ok(overview.text.includes(client.registrationNumber));
    assert.match(overview.text, /Pembebasan bersyarat \(PB\)/);
    assert.match(overview.text, /Ketentuan pembebasan/);
    assert.match(overview.text, /Petugas Uji/, 'the supervising officer');
    assert.match(overview.text, /SKCK/);
    const audit = await agent.get(`/app/clients/${client.id}?tab=audit`);
    assert.match(audit.text, /Membaca profil/);
    assert.match(audit.text, /Petugas Uji/);
    const english = await agent.get(`/app/clients/${client.id}?tab=skills&lng=en`);
    assert.match(english.text, /Skills &#38; training|Skills &amp; training/);

    const otherBapas = (await buildPlaces(world.regency)).bapas;
    const other = await buildUser({ role: 'officer', facilityId: otherBapas.id });
    const stranger = await signedInAgent(other.user.email);
    for (const tab of ['overview', 'jobs', 'audit']) {
      const res = await stranger.get(`/app/clients/${client.id}?tab=${tab}`);
      assert.equal(res.status, 404, tab);
      assert.ok(!res.text.includes(client.fullName));
    }
    const listed = await stranger.get('/app/clients?window=all');
    assert.ok(!listed.text.includes(client.fullName));
    const employer = await signedInAgent(world.boss.user.email);
    assert.equal((await employer.get(`/app/clients/${client.id}`)).status, 403);
  });

  it('when the officer ticks the checklist, then it persists and unticking clears an item; the API merges items for staff and refuses the person', async () => {
    const world = await buildOfficerWorld();
    const client = await buildClient(world);
    const agent = await signedInAgent(world.officer.user.email);
    const page = await agent.get(
      `/app/clients/${client.id}?back=${encodeURIComponent('/app/clients?window=all')}`,
    );
    assert.match(page.text, /0 dari 5 selesai/);
    const saved = await agent
      .post(`/app/clients/${client.id}/checklist`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), ktp: 'true', skck: 'true', back: '/app/clients?window=all' });
    assert.equal(saved.status, 303);
    const to = saved.headers.location ?? '';
    assert.ok(to.startsWith(`/app/clients/${client.id}?`));
    assert.equal(new URL(to, 'http://x').searchParams.get('back'), '/app/clients?window=all');
    assert.deepEqual((await candidateRepository.findById(client.id))?.checklist, {
      ktp: true,
      skck: true,
      bpjsKetenagakerjaan: false,
      bankAccount: false,
      cv: false,
    });
    const after = await agent.get(to);
    assert.match(after.text, /2 dari 5 selesai/);
    assert.match(after.text, /name="ktp" value="true" checked/);
    assert.match(after.text, /role="status">Daftar persiapan kerja disimpan/);
    await agent
      .post(`/app/clients/${client.id}/checklist`)
      .type('form')
      .send({ _csrf: csrfOf(after.text), skck: 'true', cv: 'true' });
    const stored = (await candidateRepository.findById(client.id))?.checklist;
    assert.equal(stored?.ktp, false);
    assert.equal(stored?.cv, true);
    const audit = await agent.get(`/app/clients/${client.id}?tab=audit`);
    assert.match(audit.text, /Mengubah profil/);

    // Through the API: facility staff may tick items (they merge), the person may not, unknown items are refused.
    const app = await testApp();
    const staff = await buildUser({ role: 'facility_staff', facilityId: world.places.lapas.id });
    const patched = await request(app)
      .patch(`/api/v1/candidates/${client.id}`)
      .set(staff.auth)
      .send({ checklist: { bankAccount: true } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual(patched.body.checklist, {
      ktp: false,
      skck: true,
      bpjsKetenagakerjaan: false,
      bankAccount: true,
      cv: true,
    });
    const self = await buildUser({ role: 'candidate', candidateId: client.id });
    const refused = await request(app)
      .patch(`/api/v1/candidates/${client.id}`)
      .set(self.auth)
      .send({ checklist: { ktp: true } });
    assert.equal(refused.status, 403);
    const unknown = await request(app)
      .patch(`/api/v1/candidates/${client.id}`)
      .set(staff.auth)
      .send({ checklist: { passport: true } });
    assert.equal(unknown.status, 400);
  });

  it('when the officer proposes a matched job or marks it wanted, then a proposed placement is created', async function () {
    this.timeout(60_000);
    const world = await buildOfficerWorld();
    const client = await buildClient(world);
    const first = await buildIndexedVacancy(world, 'Juru Las Rangka');
    const second = await buildIndexedVacancy(world, 'Tukang Las Pagar');
    const agent = await signedInAgent(world.officer.user.email);
    const jobs = await agent.get(
      `/app/clients/${client.id}?tab=jobs&area=${encodeURIComponent(world.regency)}`,
    );
    assert.equal(jobs.status, 200);
    assert.ok(jobs.text.includes('Juru Las Rangka') && jobs.text.includes('Tukang Las Pagar'));
    assert.match(jobs.text, /Skor kecocokan: \d+\/100/);
    assert.match(jobs.text, /data-print/);
    assert.match(jobs.text, /2 lowongan/);
    const elsewhere = await agent.get(`/app/clients/${client.id}?tab=jobs&area=Makassar`);
    assert.match(elsewhere.text, /0 lowongan/);

    const proposed = await agent
      .post(`/app/clients/${client.id}/jobs/${first.id}`)
      .type('form')
      .send({
        _csrf: csrfOf(jobs.text),
        intent: 'propose',
        note: 'Cocok dengan pelatihan las',
        return: `/app/clients/${client.id}?tab=jobs&area=${encodeURIComponent(world.regency)}`,
      });
    assert.equal(proposed.status, 303, proposed.text.slice(0, 300));
    const location = proposed.headers.location ?? '';
    assert.equal(new URL(location, 'http://x').searchParams.get('area'), world.regency, 'filters kept');
    const [p] = await placementRepository.findMany({ candidateId: client.id, vacancyId: first.id });
    assert.equal(p?.state, 'proposed');
    assert.equal(p?.origin, 'officer');
    assert.equal(p?.timeline[0]?.note, 'Cocok dengan pelatihan las');
    const back = await agent.get(location);
    assert.match(back.text, /Penempatan dibuat/);
    assert.match(back.text, /Sudah dalam proses: Diusulkan/);

    await agent
      .post(`/app/clients/${client.id}/jobs/${second.id}`)
      .type('form')
      .send({ _csrf: csrfOf(jobs.text), intent: 'interest', note: '' });
    const [wanted] = await placementRepository.findMany({ candidateId: client.id, vacancyId: second.id });
    assert.equal(wanted?.state, 'proposed');
    assert.match(wanted?.timeline[0]?.note ?? '', /Klien menyatakan berminat/);

    // Proposing the same job twice is refused with the reason on the page; nothing new is created.
    const again = await agent
      .post(`/app/clients/${client.id}/jobs/${first.id}`)
      .type('form')
      .send({ _csrf: csrfOf(jobs.text), intent: 'propose' });
    assert.equal(again.status, 409);
    assert.match(again.text, /role="alert"/);
    assert.equal((await placementRepository.findMany({ candidateId: client.id })).length, 2);
    const placements = await agent.get(`/app/clients/${client.id}?tab=placements`);
    assert.match(placements.text, /2 hasil/);
    assert.ok(placements.text.includes(`/app/placements/${p?.id}`));
  });
});
