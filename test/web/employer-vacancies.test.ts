import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { createWriteHooks } from '../../server/hooks.js';
import { placementRepository } from '../../server/placements/repository.js';
import { createPlacement, transitionPlacement } from '../../server/placements/service.js';
import { updateVacancy } from '../../server/vacancies/service.js';
import { indexNow } from '../search/support.js';
import { testDeps } from '../support/context.js';
import {
  buildCandidate,
  buildPlaces,
  buildUser,
  buildVacancy,
  dayFromNow,
  uniq,
} from '../support/factories.js';
import {
  actorOf,
  assertAccessible,
  fieldValue,
  newEmployerSession,
  sharedEmployerSession,
  submitForm,
} from './employer-forms.js';

describe('web: employer vacancies', () => {
  it('when the list is filtered, sorted and paged, then the count, order and links keep the query', async () => {
    const { agent, employerId } = await newEmployerSession();
    const hooks = createWriteHooks(await testDeps()).vacancies;
    // 22 open vacancies starting on different days (created in reverse start order) and one closed.
    const open = [];
    for (let i = 21; i >= 0; i--)
      open.push(
        await buildVacancy(employerId, {
          title: `Lowongan ${String(i).padStart(2, '0')} ${uniq()}`,
          startDate: new Date(`${dayFromNow(30 + i)}T00:00:00Z`),
        }),
      );
    const closed = await buildVacancy(employerId, { title: `Tutup ${uniq()}` });
    await updateVacancy(SYSTEM_ACTOR, closed.id, { status: 'closed' }, { now: new Date() }, hooks);

    const all = await agent.get('/app/vacancies');
    assert.equal(all.status, 200);
    assertAccessible(all.text);
    assert.match(all.text, /<strong>23 lowongan<\/strong>/);
    assert.match(all.text, /Pasang lowongan/);
    assert.match(all.text, /<a href="\/app\/vacancies">Hapus semua filter<\/a>/);
    // Newest first: the closed one was posted last, the first open one is on page 2.
    assert.ok(all.text.includes(closed.title));
    assert.ok(!all.text.includes(open[0]!.title));
    assert.match(all.text, new RegExp(`${closed.title}</a></th>\\s*<td><span class="status">Ditutup</span>`));

    const sorted = await agent.get('/app/vacancies?status=open&sort=start');
    assertAccessible(sorted.text);
    assert.match(sorted.text, /<strong>22 lowongan<\/strong>/);
    assert.ok(!sorted.text.includes(closed.title));
    const earliest = open[21]!;
    const second = open[20]!;
    assert.ok(sorted.text.indexOf(earliest.title) < sorted.text.indexOf(second.title), 'sorted by start');
    assert.match(sorted.text, /<option value="open" selected>/);
    assert.match(sorted.text, /<option value="start" selected>/);
    assert.match(sorted.text, /href="\/app\/vacancies\?status=open&#38;sort=start&#38;page=2" rel="next"/);
    assert.match(sorted.text, /Halaman 1 dari 2/);
    assert.ok(!sorted.text.includes(open[0]!.title), 'the latest start is on page 2');

    const page2 = await agent.get('/app/vacancies?status=open&sort=start&page=2');
    assert.match(page2.text, /<strong>22 lowongan<\/strong>/);
    assert.ok(page2.text.includes(open[0]!.title));
    assert.ok(page2.text.includes(open[1]!.title));
    assert.ok(!page2.text.includes(earliest.title));
    assert.match(page2.text, /href="\/app\/vacancies\?status=open&#38;sort=start&#38;page=1" rel="prev"/);
    // Per row: view, edit, duplicate.
    assert.ok(page2.text.includes(`href="/app/vacancies/${open[0]!.id}/edit"`));
    assert.ok(page2.text.includes(`href="/app/vacancies/new?from=${open[0]!.id}"`));

    // The htmx partial is just the list panel.
    const partial = await agent.get('/app/vacancies?status=closed').set('HX-Request', 'true');
    assert.ok(!partial.text.includes('<html'));
    assert.match(partial.text, /id="vacancy-list"/);
    assert.match(partial.text, /<strong>1 lowongan<\/strong>/);

    // English on request.
    const en = await agent.get('/app/vacancies?status=closed&lng=en');
    assert.match(en.text, /<strong>1 vacancies<\/strong>|<strong>1 vacancy<\/strong>/);
    assert.match(en.text, /<span class="status">Closed<\/span>/);
  });

  it('when a title holds markup, then every screen shows it escaped', async () => {
    const { agent, employerId } = await sharedEmployerSession();
    const v = await buildVacancy(employerId, { title: '<script>alert(1)</script> Juru Las' });
    for (const path of ['/app/vacancies', `/app/vacancies/${v.id}`, `/app/vacancies/${v.id}/edit`]) {
      const res = await agent.get(path);
      assert.equal(res.status, 200, path);
      assert.ok(!res.text.includes('<script>alert(1)</script>'), `${path} renders the title as markup`);
      assert.ok(res.text.includes('&#60;script&#62;alert(1)&#60;/script&#62;'), `${path} shows the title`);
    }
  });

  it('when a vacancy is closed and reopened, then its status follows and the list shows it', async () => {
    const { agent, employerId } = await sharedEmployerSession();
    const v = await buildVacancy(employerId, { title: `Kasir gudang ${uniq()}` });
    const detail = await agent.get(`/app/vacancies/${v.id}`);
    const action = `/app/vacancies/${v.id}/status`;
    const closed = await submitForm(agent, detail.text, action);
    assert.equal(closed.status, 303);
    const after = await agent.get(closed.headers.location!);
    assert.match(after.text, /Lowongan ditutup/);
    assert.match(after.text, /<span class="status">Ditutup<\/span>/);
    assert.match(after.text, /hanya dicari untuk lowongan yang terbuka/);
    const list = await agent.get('/app/vacancies?status=closed');
    assert.ok(list.text.includes(v.title));
    const reopened = await submitForm(agent, after.text, action);
    assert.equal(reopened.status, 303);
    assert.match((await agent.get(reopened.headers.location!)).text, /<span class="status">Terbuka<\/span>/);

    // A filled vacancy cannot reopen without openings: the page says why.
    const hooks = createWriteHooks(await testDeps()).vacancies;
    await updateVacancy(SYSTEM_ACTOR, v.id, { status: 'filled', openings: 0 }, { now: new Date() }, hooks);
    const filled = await agent.get(`/app/vacancies/${v.id}`);
    assert.match(filled.text, /<span class="status">Terisi<\/span>/);
    const refused = await submitForm(agent, filled.text, action);
    assert.equal(refused.status, 400);
    assertAccessible(refused.text);
    assert.match(refused.text, /lowongan terbuka butuh minimal 1 posisi/);
  });

  it('when matches are shown and an introduction follows, then names appear only from "introduced" on and feedback is kept', async () => {
    const deps = await testDeps();
    const regency = `Kab Cocok ${uniq()}`;
    const places = await buildPlaces(regency);
    const person = await buildCandidate(places, {
      domicile: { province: 'Sulawesi Selatan', regency },
      restrictions: { allowedRegencies: [regency], curfew: false, excludedSectors: ['finance'] },
    });
    const officer = await buildUser({ role: 'officer', facilityId: places.bapas.id });
    const { agent, employerId } = await sharedEmployerSession();
    const v = await buildVacancy(employerId, {
      title: `Juru Las ${uniq()}`,
      location: { province: 'Sulawesi Selatan', regency },
    });
    await indexNow(deps);

    const detail = await agent.get(`/app/vacancies/${v.id}`);
    assert.equal(detail.status, 200);
    assertAccessible(detail.text);
    assert.match(detail.text, /Kandidat yang cocok/);
    assert.ok(detail.text.includes(person.publicId), 'the person is a match');
    assert.match(detail.text, /Kecocokan \d+\/100/);
    assert.match(detail.text, /Las Listrik SMAW/);
    for (const secret of [
      person.fullName,
      person.registrationNumber,
      person.offenceCategory ?? '',
      person.contact.email ?? '',
    ])
      assert.ok(!detail.text.includes(secret), `matches leak ${secret}`);
    const en = await agent.get(`/app/vacancies/${v.id}?lng=en`);
    assert.match(en.text, /Matching candidates/);
    assert.match(en.text, /lives in the same regency|km from the workplace/);
    await agent.get(`/app/vacancies/${v.id}?lng=id`);

    // "Minta perkenalan" asks the officer; the card then waits without identity.
    const asked = await submitForm(agent, detail.text, `/app/vacancies/${v.id}/interest`, {
      publicId: person.publicId,
    });
    assert.equal(asked.status, 303, asked.text.slice(0, 1000));
    const waiting = await agent.get(`/app/vacancies/${v.id}?notice=requested`);
    assertAccessible(waiting.text);
    assert.match(waiting.text, /Permintaan perkenalan terkirim/);
    assert.match(waiting.text, /Menunggu persetujuan kandidat\/petugas/);
    assert.match(waiting.text, /Perkenalan sudah diminta/);
    assert.ok(!waiting.text.includes(person.fullName));
    const again = await submitForm(agent, detail.text, `/app/vacancies/${v.id}/interest`, {
      publicId: person.publicId,
    });
    assert.equal(again.status, 409);
    assert.match(again.text, /Sudah ada penempatan aktif/);

    // The officer records consent and introduces.
    const [placement] = await placementRepository.findMany({ vacancyId: v.id });
    assert.ok(placement);
    const hooks = createWriteHooks(deps);
    const placementHooks = {
      candidates: hooks.candidates,
      vacancies: hooks.vacancies,
      afterCommit: hooks.candidates.afterCommit!,
    };
    const by = actorOf(officer.user);
    for (const to of ['candidate_consented', 'introduced'] as const)
      await transitionPlacement(
        by,
        placement.id,
        { to, note: to === 'candidate_consented' ? 'Setuju saat kunjungan' : undefined },
        { now: new Date() },
        placementHooks,
        { allowFuture: false },
      );

    const introduced = await agent.get(`/app/vacancies/${v.id}`);
    assertAccessible(introduced.text);
    assert.ok(introduced.text.includes(person.fullName), 'the name shows once introduced');
    assert.ok(introduced.text.includes(`mailto:${person.contact.email}`));
    assert.match(introduced.text, /<span class="status">Diperkenalkan<\/span>/);
    assert.ok(!introduced.text.includes(person.offenceCategory ?? '-'), 'never the offence');
    assert.match(
      introduced.text,
      /<button type="submit" name="to" value="interviewing">Mulai wawancara<\/button>/,
    );

    // A closing step without a reason is refused, with the reason field linked.
    const move = `/app/vacancies/${v.id}/placements/${placement.id}/move`;
    const noReason = await submitForm(agent, introduced.text, move, {}, ['to', 'declined']);
    assert.equal(noReason.status, 400);
    assertAccessible(noReason.text);
    assert.ok(noReason.text.includes(`href="#f-reason-${placement.id}"`));
    // A forward step moves the placement.
    const moved = await submitForm(agent, introduced.text, move, {}, ['to', 'interviewing']);
    assert.equal(moved.status, 303);
    const interviewing = await agent.get(moved.headers.location!.replace(/#.*$/, ''));
    assert.match(interviewing.text, /Status penempatan diperbarui/);
    assert.match(interviewing.text, /<span class="status">Tahap wawancara<\/span>/);
    assert.match(interviewing.text, /value="offered">Tawarkan pekerjaan/);

    // Feedback is saved and shown again.
    const feedback = `/app/vacancies/${v.id}/placements/${placement.id}/feedback`;
    const note = `Wawancara lancar, rapi bekerja ${uniq()}`;
    const saved = await submitForm(agent, interviewing.text, feedback, {
      [`feedback-${placement.id}`]: note,
    });
    assert.equal(saved.status, 303);
    const shown = await agent.get(saved.headers.location!.replace(/#.*$/, ''));
    assert.match(shown.text, /Umpan balik disimpan/);
    assert.equal(fieldValue(shown.text, feedback, `feedback-${placement.id}`), note);
    assert.equal((await placementRepository.findById(placement.id))?.employerFeedback, note);
    const emptyFeedback = await submitForm(agent, shown.text, feedback, { [`feedback-${placement.id}`]: '' });
    assert.equal(emptyFeedback.status, 400);
    assert.ok(emptyFeedback.text.includes(`href="#f-feedback-${placement.id}"`));
  });

  it('when a placement was asked for but not introduced, then the employer sees no name and no steps', async () => {
    const regency = `Kab Tunggu ${uniq()}`;
    const places = await buildPlaces(regency);
    const person = await buildCandidate(places, {
      domicile: { province: 'Sulawesi Selatan', regency },
      restrictions: { allowedRegencies: [regency], curfew: false, excludedSectors: [] },
    });
    const { agent, employerId, user } = await sharedEmployerSession();
    const v = await buildVacancy(employerId, { location: { province: 'Sulawesi Selatan', regency } });
    await createPlacement(
      actorOf(user),
      { candidateId: person.publicId, vacancyId: v.id },
      { now: new Date() },
    );
    const res = await agent.get(`/app/vacancies/${v.id}`);
    assert.match(res.text, /<strong>1 permintaan perkenalan<\/strong>/);
    assert.match(res.text, /Menunggu persetujuan kandidat\/petugas/);
    assert.ok(!res.text.includes(person.fullName));
    assert.ok(!res.text.includes('/move"'));
    assert.ok(!res.text.includes('/feedback"'));
  });
});
