import assert from 'node:assert/strict';
import { candidateRepository } from '../../server/candidates/repository.js';
import { buildCandidate, buildPlaces, uniq } from '../support/factories.js';
import { assertAccessiblePage, location, staffWorld } from './staff-support.js';
import { csrfOf } from './support.js';

/** Every hidden field of the form that posts to `action`, as a browser would send it. */
function hiddenFields(text: string, action: string): Record<string, string> {
  const start = text.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `no form posting to ${action}`);
  const form = text.slice(start, text.indexOf('</form>', start));
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) out[m[1]!] = m[2]!;
  return out;
}

describe('web: training and certificate records', () => {
  it('when a trainer records one training from a programme, then its skills are raised and the BLK is theirs', async () => {
    const { places, trainer } = await staffWorld();
    const p = await buildCandidate(places, { skills: [] });
    const form = await trainer.get(`/app/cohort/${p.id}/trainings/new?programmeCode=blk.welding-smaw-basic`);
    assert.equal(form.status, 200);
    assertAccessiblePage(form.text, 'training form');
    assert.ok(!form.text.includes('name="provider"'), 'trainers get no provider choice');
    assert.match(form.text, /value="Pengelasan SMAW 3G"/);
    assert.match(form.text, /name="skills" value="welding.smaw" checked/);
    const bad = await trainer
      .post(`/app/cohort/${p.id}/trainings/new`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        programmeCode: 'blk.welding-smaw-basic',
        programme: 'Pengelasan SMAW 3G',
        startDate: '2026-02-01',
        endDate: '2026-01-01',
        hours: '160',
        result: '',
        skills: ['welding.smaw'],
        otherSkills: 'las',
      });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /href="#f-result">Hasil: wajib diisi/);
    assert.match(bad.text, /href="#f-endDate">/);
    assert.match(bad.text, /href="#f-otherSkills">Keahlian lain: &#34;las&#34; adalah nama kejuruan/);
    const ok = await trainer
      .post(`/app/cohort/${p.id}/trainings/new`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        programmeCode: 'blk.welding-smaw-basic',
        programme: 'Pengelasan SMAW 3G',
        startDate: '2026-01-05',
        endDate: '2026-02-20',
        hours: '160',
        result: 'passed',
        skills: ['welding.smaw', 'welding.safety'],
      });
    assert.equal(location(ok), `/app/cohort/${p.id}?saved=training`);
    const stored = await candidateRepository.findById(p.id);
    assert.equal(stored?.trainings[0]?.provider, places.blk.id);
    assert.deepEqual(stored?.skills.map((s) => `${s.code}:${s.level}:${s.evidence}`).sort(), [
      'welding.safety:intermediate:training',
      'welding.smaw:intermediate:training',
    ]);
  });

  it('when staff record a certificate, then the provider choice lists BLKs only and the skills become certified', async () => {
    const { places, staff } = await staffWorld();
    const p = await buildCandidate(places);
    const form = await staff.get(
      `/app/cohort/${p.id}/certifications/new?programmeCode=blk.welding-smaw-basic`,
    );
    assert.equal(form.status, 200);
    assertAccessiblePage(form.text, 'certificate form');
    assert.match(form.text, /value="Skema Sertifikasi Juru Las SMAW 3G"/);
    assert.ok(form.text.includes(`<option value="${places.blk.id}">`));
    assert.ok(!form.text.includes(`<option value="${places.lapas.id}">`));
    assert.ok(!form.text.includes(`<option value="${places.bapas.id}">`));
    const res = await staff
      .post(`/app/cohort/${p.id}/certifications/new`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        programmeCode: 'blk.welding-smaw-basic',
        scheme: 'Skema Sertifikasi Juru Las SMAW 3G',
        number: uniq('BNSP-'),
        issuer: 'LSP P1 BLK Bone',
        issuedAt: '2026-03-01',
        provider: places.blk.id,
        skills: 'welding.smaw',
      });
    assert.equal(location(res), `/app/cohort/${p.id}?saved=certification`);
    const stored = await candidateRepository.findById(p.id);
    assert.equal(stored?.skills.find((s) => s.code === 'welding.smaw')?.evidence, 'certification');
    const page = await staff.get(`/app/cohort/${p.id}?saved=certification`);
    assert.match(page.text, /Sertifikat tercatat/);
    assert.match(page.text, /1 Maret 2026/);
  });

  it('when a trainer enters one programme for many participants, then a confirm page comes first, failures are listed and the rest is saved once', async () => {
    const { places, trainer } = await staffWorld();
    const [a, b] = await Promise.all([
      buildCandidate(places, { skills: [], fullName: `Amir ${uniq()}` }),
      buildCandidate(places, { skills: [], fullName: `Beni ${uniq()}` }),
    ]);
    const stranger = await buildCandidate(await buildPlaces(`Kab Lain ${uniq()}`));
    const form = await trainer.get('/app/trainings/batch');
    assert.equal(form.status, 200);
    assertAccessiblePage(form.text, 'batch form');
    assert.ok(form.text.includes(a.fullName) && form.text.includes(b.fullName));
    assert.ok(!form.text.includes(stranger.fullName));

    const empty = await trainer
      .post('/app/trainings/batch')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        programmeCode: 'blk.welding-smaw-basic',
        startDate: '2026-01-05',
        endDate: '2026-02-20',
      });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /href="#f-participants">[^<]*Tandai hasil/);

    const review = await trainer
      .post('/app/trainings/batch')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        programmeCode: 'blk.welding-smaw-basic',
        startDate: '2026-01-05',
        endDate: '2026-02-20',
        hours: '',
        [`result.${a.id}`]: 'passed',
        [`result.${b.id}`]: 'failed',
      });
    assert.equal(review.status, 200);
    assertAccessiblePage(review.text, 'batch confirm page');
    assert.match(review.text, /<h1>Periksa sebelum menyimpan<\/h1>/);
    assert.match(review.text, /2 peserta: 1 lulus, 1 tidak lulus, 0 masih berjalan/);
    assert.match(review.text, /5 Januari 2026 – 20 Februari 2026/);
    assert.equal(
      (await candidateRepository.findById(a.id))?.trainings.length,
      0,
      'nothing saved before confirming',
    );

    // The confirm form, plus one person the trainer may not record (their failure must not stop the others).
    const fields = {
      ...hiddenFields(review.text, '/app/trainings/batch/confirm'),
      [`result.${stranger.id}`]: 'passed',
    };
    assert.equal(fields.hours, '160');
    const saved = await trainer
      .post('/app/trainings/batch/confirm')
      .type('form')
      .send({ _csrf: csrfOf(review.text), ...fields });
    const summaryUrl = location(saved);
    assert.match(summaryUrl, /^\/app\/trainings\/batch\/[A-Za-z0-9_-]{16,40}$/);
    const summary = await trainer.get(summaryUrl);
    assert.equal(summary.status, 200);
    assertAccessiblePage(summary.text, 'batch summary');
    assert.match(summary.text, /2 tersimpan, 1 gagal/);
    assert.match(summary.text, /Tidak tersimpan/);

    const [sa, sb] = await Promise.all([
      candidateRepository.findById(a.id),
      candidateRepository.findById(b.id),
    ]);
    assert.equal(sa?.trainings[0]?.result, 'passed');
    assert.equal(sa?.trainings[0]?.provider, places.blk.id);
    assert.ok(
      sa?.skills.some(
        (s) => s.code === 'welding.smaw' && s.evidence === 'training' && s.level === 'intermediate',
      ),
    );
    assert.equal(sb?.trainings[0]?.result, 'failed');
    assert.deepEqual(sb?.skills, [], 'a failed course raises nothing');
    assert.equal((await candidateRepository.findById(stranger.id))?.trainings.length, 0);

    // Submitting the same confirm page again shows the first result and saves nothing twice.
    const again = await trainer
      .post('/app/trainings/batch/confirm')
      .type('form')
      .send({ _csrf: csrfOf(review.text), ...fields });
    assert.equal(location(again), summaryUrl);
    assert.equal((await candidateRepository.findById(a.id))?.trainings.length, 1);
    // Staff have no batch screen; another trainer cannot open this summary.
    const { staff } = await staffWorld();
    assert.equal((await staff.get('/app/trainings/batch')).status, 403);
  });
});
