import assert from 'node:assert/strict';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { vacancyRepository } from '../../server/vacancies/repository.js';
import { buildEmployer, buildVacancy, dayFromNow, uniq } from '../support/factories.js';
import {
  assertAccessible,
  fieldValue,
  sharedEmployerSession,
  submitForm,
  unescapeHtml,
} from './employer-forms.js';

const NEW = '/app/vacancies/new';

const employerAgent = sharedEmployerSession;

/** Answers for every step, as a person would type them. */
function answers(title: string) {
  return {
    step1: {
      title,
      sector: 'manufacturing',
      description: 'Mengelas rangka baja dan pagar di bengkel kami di Watampone.',
      kbji: '7212',
    },
    step2: {
      required: ['welding.smaw'],
      'level.welding.smaw': 'intermediate',
      cert: ['welding.smaw'],
      optionalNames: 'servis ac',
    },
    step3: {
      province: 'Sulawesi Selatan',
      regency: 'Bone',
      latitude: '-4,54',
      longitude: '120,33',
      radiusKm: '30',
      openings: '3',
      wageMin: '2.500.000',
      wageMax: '3.500.000',
      wagePeriod: 'month',
      startDate: dayFromNow(45),
      closesAt: dayFromNow(30),
      nightShift: 'true',
    },
  };
}

/** Walks steps 1–3 and returns the check page. */
async function walk(agent: TestAgent, start: Response, action: string, a: ReturnType<typeof answers>) {
  const s2 = await submitForm(agent, start.text, action, a.step1, ['_action', 'next']);
  assert.equal(s2.status, 200, s2.text.slice(0, 2000));
  assert.match(s2.text, /<h1>Keahlian<\/h1>/);
  const s3 = await submitForm(agent, s2.text, action, a.step2, ['_action', 'next']);
  assert.equal(s3.status, 200, s3.text.slice(0, 3000));
  assert.match(s3.text, /<h1>Lokasi &#38; syarat<\/h1>/);
  const check = await submitForm(agent, s3.text, action, a.step3, ['_action', 'next']);
  assert.equal(check.status, 200, check.text.slice(0, 3000));
  assert.match(check.text, /<h1>Periksa jawaban Anda<\/h1>/);
  return check;
}

describe('web: employer vacancy wizard', () => {
  it('when step 1 is sent empty, then a 400 page shows an error summary whose links point at the fields', async () => {
    const { agent } = await employerAgent();
    const start = await agent.get(NEW);
    assert.equal(start.status, 200);
    assertAccessible(start.text);
    assert.match(start.text, /<form method="post" action="\/app\/vacancies\/new" novalidate>/);
    const res = await submitForm(agent, start.text, NEW, { title: '', description: '', sector: '' }, [
      '_action',
      'next',
    ]);
    assert.equal(res.status, 400);
    assertAccessible(res.text);
    assert.match(res.text, /class="error-summary"/);
    assert.match(res.text, /<a href="#f-title">Judul lowongan: wajib diisi<\/a>/);
    assert.match(res.text, /href="#f-description"/);
    assert.match(res.text, /href="#f-sector"/);
    assert.match(res.text, /id="f-title"[^>]*aria-invalid="true"/);
    assert.match(res.text, /<h1>Pekerjaan<\/h1>/);
  });

  it('when an employer walks every step, then the check page shows the answers, "Ubah" keeps them and publishing lists the vacancy as open', async () => {
    const { agent, employerId } = await employerAgent();
    const title = `Juru Las ${uniq()}`;
    const a = answers(title);
    const start = await agent.get(NEW);
    // A new vacancy starts from the employer's own sector and place.
    assert.equal(fieldValue(start.text, NEW, 'sector'), 'manufacturing');
    assert.equal(fieldValue(start.text, NEW, 'regency'), 'Bone');

    // Step 2 without JavaScript: choosing a vocation lists its skills as checkboxes.
    const s2 = await submitForm(agent, start.text, NEW, a.step1, ['_action', 'next']);
    assertAccessible(s2.text);
    const listed = await submitForm(agent, s2.text, NEW, { vocation: 'welding' }, ['_action', 'vocation']);
    assert.equal(listed.status, 200);
    assertAccessible(listed.text);
    assert.match(listed.text, /name="required" value="welding.smaw-plate-3g"/);
    assert.equal(fieldValue(listed.text, NEW, 'title'), title, 'step 1 answers travel in hidden fields');
    // An empty step 2 is refused with a link to the skill list.
    const empty = await submitForm(agent, listed.text, NEW, {}, ['_action', 'next']);
    assert.equal(empty.status, 400);
    assert.match(empty.text, /<a href="#f-skills">/);
    assertAccessible(empty.text);
    // A name that is a whole trade is explained, with suggestions.
    const vague = await submitForm(agent, listed.text, NEW, { requiredNames: 'las' }, ['_action', 'next']);
    assert.equal(vague.status, 400);
    assert.match(vague.text, /href="#f-requiredNames"/);
    assert.match(vague.text, /nama kejuruan/);

    const check = await walk(agent, start, NEW, a);
    assertAccessible(check.text);
    const text = unescapeHtml(check.text).replaceAll('\u00a0', ' ');
    for (const shown of [
      title,
      'Industri pengolahan',
      '7212',
      'Las Listrik SMAW — tingkat minimal menengah',
      'Servis AC Split',
      'Bone, Sulawesi Selatan',
      '-4.54, 120.33',
      'Rp 2.500.000 – Rp 3.500.000 per bulan',
      '30 km',
    ])
      assert.ok(text.includes(shown), `check page shows ${shown}`);
    assert.match(
      text,
      /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/,
    );
    assert.equal((check.text.match(/>Ubah</g) ?? []).length, 3, 'one "Ubah" per section');

    // "Ubah" on step 1 returns with the answers kept; continuing goes straight back to the check page.
    const back1 = await submitForm(agent, check.text, NEW, {}, ['_action', 'step-1']);
    assert.equal(back1.status, 200);
    assert.match(back1.text, /<h1>Pekerjaan<\/h1>/);
    assert.ok(back1.text.includes(`id="f-title" name="title" type="text" value="${title}"`));
    assert.match(back1.text, /<option value="manufacturing" selected>/);
    assert.match(back1.text, /Mengelas rangka baja dan pagar di bengkel kami di Watampone.<\/textarea>/);
    const again = await submitForm(agent, back1.text, NEW, {}, ['_action', 'next']);
    assert.match(again.text, /<h1>Periksa jawaban Anda<\/h1>/);

    // "Ubah" on step 2 and 3 shows the ticks, levels and values as chosen.
    const back2 = await submitForm(agent, again.text, NEW, {}, ['_action', 'step-2']);
    assert.match(back2.text, /name="required" value="welding.smaw"[^>]*checked/);
    assert.match(back2.text, /name="optional" value="refrigeration.split-ac-service"[^>]*checked/);
    assert.match(back2.text, /name="cert" value="welding.smaw"[^>]*checked/);
    assert.match(back2.text, /name="level.welding.smaw"[^>]*>[\s\S]*?<option value="intermediate" selected>/);
    assertAccessible(back2.text);
    const back3 = await submitForm(agent, check.text, NEW, {}, ['_action', 'step-3']);
    assert.equal(fieldValue(back3.text, NEW, 'wageMin'), '2.500.000');
    assert.equal(fieldValue(back3.text, NEW, 'startDate'), a.step3.startDate);
    assert.match(back3.text, /id="f-nightShift" name="nightShift" value="true" checked/);

    const published = await submitForm(agent, again.text, NEW, {}, ['_action', 'publish']);
    assert.equal(published.status, 303, published.text.slice(0, 2000));
    const location = published.headers.location ?? '';
    assert.match(location, /^\/app\/vacancies\/[0-9a-f]{24}\?notice=published$/);
    const detail = await agent.get(location);
    assert.equal(detail.status, 200);
    assertAccessible(detail.text);
    assert.match(detail.text, /Lowongan diterbitkan/);
    assert.match(detail.text, /<span class="status">Terbuka<\/span>/);

    const id = /\/app\/vacancies\/([0-9a-f]{24})/.exec(location)![1]!;
    const stored = await vacancyRepository.findById(id);
    assert.equal(stored?.employerId, employerId);
    assert.deepEqual(
      stored?.skills.map((s) => [s.code, s.required, s.minLevel]),
      [
        ['welding.smaw', true, 'intermediate'],
        ['refrigeration.split-ac-service', false, undefined],
      ],
    );
    assert.deepEqual(stored?.certificationsRequired, ['welding.smaw']);
    assert.deepEqual(stored?.wage, { min: 2_500_000, max: 3_500_000, period: 'month' });
    assert.equal(stored?.location.lat, -4.54);
    assert.equal(stored?.nightShift, true);
    // The closing date counts to the end of that day.
    assert.equal(stored?.closesAt?.toISOString(), `${a.step3.closesAt}T16:59:59.000Z`);

    const list = await agent.get('/app/vacancies?status=open');
    const row = new RegExp(`${title}</a></th>\\s*<td><span class="status">Terbuka</span></td>`);
    assert.match(list.text, row);
  });

  it('when a vacancy is duplicated, then the form is pre-filled with its answers and a "Salinan" title', async () => {
    const { agent, employerId } = await employerAgent();
    const source = await buildVacancy(employerId, {
      title: `Penjahit ${uniq()}`,
      sector: 'garment',
      skills: [
        { code: 'garment.menswear', required: true, minLevel: 'advanced' },
        { code: 'welding.smaw', required: false },
      ],
    });
    const res = await agent.get(`${NEW}?from=${source.id}`);
    assert.equal(res.status, 200);
    assertAccessible(res.text);
    assert.equal(fieldValue(res.text, NEW, 'title'), `Salinan: ${source.title}`);
    assert.equal(fieldValue(res.text, NEW, 'sector'), 'garment');
    assert.equal(fieldValue(res.text, NEW, 'required'), 'garment.menswear');
    assert.equal(fieldValue(res.text, NEW, 'optional'), 'welding.smaw');
    assert.equal(fieldValue(res.text, NEW, 'level.garment.menswear'), 'advanced');
    assert.equal(fieldValue(res.text, NEW, 'openings'), '2');
    const en = await agent.get(`${NEW}?from=${source.id}&lng=en`);
    assert.equal(fieldValue(en.text, NEW, 'title'), `Copy: ${source.title}`);
    await agent.get(`${NEW}?lng=id`);

    // Publishing the copy creates a second vacancy; the source is untouched.
    const s2 = await submitForm(agent, res.text, NEW, {}, ['_action', 'next']);
    const s3 = await submitForm(agent, s2.text, NEW, {}, ['_action', 'next']);
    const check = await submitForm(agent, s3.text, NEW, {}, ['_action', 'next']);
    assert.match(check.text, /Periksa jawaban Anda/, check.text.slice(0, 3000));
    const done = await submitForm(agent, check.text, NEW, {}, ['_action', 'publish']);
    assert.equal(done.status, 303);
    assert.ok(!done.headers.location?.includes(source.id));
    assert.equal((await vacancyRepository.findById(source.id))?.title, source.title);
  });

  it('when a vacancy is edited, then the change is published and the other answers stay', async () => {
    const { agent, employerId } = await employerAgent();
    const v = await buildVacancy(employerId, { title: `Operator ${uniq()}`, kbji: '7212' });
    const edit = `/app/vacancies/${v.id}/edit`;
    const start = await agent.get(edit);
    assert.equal(start.status, 200);
    assertAccessible(start.text);
    assert.equal(fieldValue(start.text, edit, 'title'), v.title);
    const s2 = await submitForm(agent, start.text, edit, {}, ['_action', 'next']);
    const s3 = await submitForm(agent, s2.text, edit, {}, ['_action', 'next']);
    // A stored wage cannot be emptied (the service would keep it): the step says so.
    const cleared = await submitForm(agent, s3.text, edit, { wageMin: '', wageMax: '' }, ['_action', 'next']);
    assert.equal(cleared.status, 400);
    assert.match(cleared.text, /href="#f-wageMin"/);
    const check = await submitForm(agent, s3.text, edit, { openings: '7' }, ['_action', 'next']);
    assert.match(check.text, /Terbitkan perubahan/);
    const done = await submitForm(agent, check.text, edit, {}, ['_action', 'publish']);
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, `/app/vacancies/${v.id}?notice=updated`);
    const stored = await vacancyRepository.findById(v.id);
    assert.equal(stored?.openings, 7);
    assert.equal(stored?.title, v.title);
    assert.equal(stored?.kbji, '7212');
    assert.deepEqual(stored?.wage, v.wage);
  });

  it('when hidden answers are tampered with before publishing, then publishing re-checks and returns to the step', async () => {
    const { agent } = await employerAgent();
    const start = await agent.get(NEW);
    const check = await walk(agent, start, NEW, answers(`Juru Las ${uniq()}`));
    const res = await submitForm(agent, check.text, NEW, { title: 'x' }, ['_action', 'publish']);
    assert.equal(res.status, 400);
    assert.match(res.text, /<h1>Pekerjaan<\/h1>/);
    assert.match(res.text, /href="#f-title"/);
  });

  it("when an employer opens another employer's vacancy, then every screen answers 404", async () => {
    const { agent } = await employerAgent();
    const other = await buildEmployer();
    const theirs = await buildVacancy(other.id);
    for (const path of [
      `/app/vacancies/${theirs.id}`,
      `/app/vacancies/${theirs.id}/edit`,
      `${NEW}?from=${theirs.id}`,
    ]) {
      const res = await agent.get(path);
      assert.equal(res.status, 404, path);
      assert.ok(!res.text.includes(theirs.title), `${path} leaks the title`);
    }
    const form = await agent.get(NEW);
    const csrf = fieldValue(form.text, NEW, '_csrf') ?? '';
    for (const path of [
      `/app/vacancies/${theirs.id}/edit`,
      `/app/vacancies/${theirs.id}/status`,
      `/app/vacancies/${theirs.id}/interest`,
    ]) {
      const res = await agent.post(path).type('form').send({ _csrf: csrf, status: 'closed', step: '1' });
      assert.equal(res.status, 404, path);
    }
    assert.equal((await vacancyRepository.findById(theirs.id))?.status, 'open');
  });
});
