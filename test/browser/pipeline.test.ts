import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createPlacement } from '../../server/placements/service.js';
import { uniq } from '../support/factories.js';
import { actorOf } from '../web/employer-forms.js';
import { expectNoAxeViolations } from './support/axe.js';
import { buildPipelineWorld, type PipelineWorld } from './support/data.js';
import { useBrowser } from './support/harness.js';
import { BodyRecorder, clickAndWait, visibleText } from './support/page.js';

const DAY = 86_400_000;
const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
/** "15 Januari 2028" for a UTC instant, written out here rather than with the app's formatter. */
const dayId = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS_ID[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

/** The moves the officer's stage-change form offers. */
async function offered(page: Page): Promise<string[]> {
  return page
    .locator('#placement-main input[name="to"]')
    .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
}

/** Chooses a move in the officer's form, fills the rest, saves, and waits for the in-place answer. */
async function move(
  page: Page,
  to: string,
  fields: { note?: string; reason?: string; internal?: boolean; at?: string } = {},
): Promise<void> {
  await page.locator(`#placement-main input[name="to"][value="${to}"]`).check();
  if (fields.note) await page.locator('#f-note').fill(fields.note);
  if (fields.reason) await page.locator('#f-reason').fill(fields.reason);
  if (fields.internal) await page.locator('#f-internal').check();
  if (fields.at) await page.locator('#f-at').fill(fields.at);
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/transition') && r.request().method() === 'POST',
  );
  await page.locator('#placement-main form button[type="submit"]').click();
  await answered;
  await page.locator('#placement-main').waitFor();
}

async function stage(page: Page): Promise<string> {
  const dt = page.locator('#placement-main dl.summary dt', { hasText: 'Tahap sekarang' });
  return await visibleText(dt.locator('xpath=following-sibling::dd[1]'));
}

describe('browser: placement pipeline', function () {
  this.timeout(240_000);
  const b = useBrowser();
  let pw: PipelineWorld;
  let main: string;
  let other: string;

  before(async function () {
    this.timeout(120_000);
    pw = await buildPipelineWorld();
    const officer = actorOf(pw.world.officer.user);
    const propose = (vacancyId: string) =>
      createPlacement(
        officer,
        { candidateId: pw.client.id, vacancyId, note: 'Diusulkan lewat uji peramban' },
        { now: new Date() },
      );
    main = (await propose(pw.vacancy.id)).id;
    other = (await propose(pw.other.id)).id;
  });

  it('when a placement goes from proposal to hire, then introduction waits for consent, forged steps are refused, the employer learns the name only when introduced, the person sees stages but no internal closure, and the hire lists its 30/90/180-day check-ins', async () => {
    const internalNote = `Catatan internal ${uniq('RAHASIA-')}`;
    const closure = `Alasan penutupan ${uniq('TUTUP-')}`;
    const officer = await b.signedIn(pw.officer);
    const op = officer.page;

    // Before consent: no introduction on offer, with the reason said.
    await op.goto(`/app/placements/${main}`);
    assert.equal(await stage(op), 'Diusulkan');
    assert.deepEqual(await offered(op), ['candidate_consented', 'declined', 'withdrawn']);
    await op.getByText('setelah klien setuju', { exact: false }).first().waitFor();
    await expectNoAxeViolations(op, 'placement detail (proposed)');

    // A forged move through the form itself (a radio rewritten to "introduced") is refused in place.
    await op
      .locator('#placement-main input[name="to"]')
      .first()
      .evaluate((el) => {
        (el as unknown as { value: string }).value = 'introduced';
      });
    await move(op, 'introduced');
    await op
      .locator('#placement-main [role="alert"]', { hasText: 'Tidak bisa dari proposed ke introduced' })
      .waitFor();
    assert.equal(await stage(op), 'Diusulkan');
    await expectNoAxeViolations(op, 'placement detail, refused move');
    // …and as a plain POST with a valid token: 409, nothing changed; without the token: 403.
    const csrf = await op.locator('#placement-main input[name="_csrf"]').first().inputValue();
    const forged = await op.request.post(`/app/placements/${main}/transition`, {
      form: { _csrf: csrf, to: 'introduced', note: 'paksa' },
      maxRedirects: 0,
    });
    assert.equal(forged.status(), 409);
    const noToken = await op.request.post(`/app/placements/${main}/transition`, {
      form: { to: 'candidate_consented', note: 'tanpa token' },
      maxRedirects: 0,
    });
    assert.equal(noToken.status(), 403);
    // A consent without its note is a form error, with a summary to fix it.
    await op.reload();
    await move(op, 'candidate_consented');
    await op.locator('#placement-main .error-summary a[href="#f-note"]').waitFor();
    await expectNoAxeViolations(op, 'placement detail, form error');
    assert.equal(await stage(op), 'Diusulkan');

    // The officer closes the other proposal with a reason kept internal.
    await op.goto(`/app/placements/${other}`);
    await move(op, 'withdrawn', { reason: closure, internal: true });
    assert.equal(await stage(op), 'Ditarik');

    // The person agrees to be introduced, in their own account.
    const person = await b.signedIn(pw.person);
    const pp = person.page;
    const seen = new BodyRecorder(pp);
    await pp.goto('/app/me/applications');
    await expectNoAxeViolations(pp, 'my applications');
    const mainRow = pp.locator('tbody tr', { hasText: pw.vacancy.title });
    await clickAndWait(pp, mainRow.getByRole('button', { name: 'Setuju diperkenalkan' }));
    await pp.goto('/app/me/applications');
    assert.match(await visibleText(mainRow), /Menunggu keputusan petugas/);

    // The employer still sees no name.
    const employer = await b.signedIn(pw.employer);
    const ep = employer.page;
    await ep.goto(`/app/vacancies/${pw.vacancy.id}`);
    assert.ok(!(await ep.content()).includes(pw.client.fullName), 'no name before the introduction');
    await expectNoAxeViolations(ep, 'vacancy detail, awaiting introduction');

    // Now the introduction is offered; the officer makes it, with an internal note.
    await op.goto(`/app/placements/${main}`);
    assert.equal(await stage(op), 'Klien setuju');
    assert.ok((await offered(op)).includes('introduced'));
    await move(op, 'introduced', { note: internalNote, internal: true });
    await op
      .locator('#placement-main [role="status"]', { hasText: 'Tahap diubah: Diperkenalkan.' })
      .waitFor();

    // The employer sees the name now.
    await ep.reload();
    const card = ep.locator(`#p-${main}`);
    assert.equal(await visibleText(card.locator('h3')), pw.client.fullName);
    await expectNoAxeViolations(ep, 'vacancy detail with an introduced person');

    // The person sees where each stands, and nothing of the internal note or the closing reason.
    await pp.goto('/app/me/applications');
    assert.match(await visibleText(mainRow), /Sudah diperkenalkan kepada pemberi kerja/);
    const otherRow = pp.locator('tbody tr', { hasText: pw.other.title });
    assert.match(await visibleText(otherRow), /Ditutup/);
    await clickAndWait(pp, otherRow.getByRole('link', { name: pw.other.title }));
    const steps = await visibleText(pp.locator('main ol'));
    assert.match(steps, /Petugas mengusulkan lowongan ini/);
    assert.doesNotMatch(steps, /Ditarik|withdrawn/i);
    await expectNoAxeViolations(pp, 'my application, closed');
    await pp.goto(`/app/me/applications/${main}`);
    await expectNoAxeViolations(pp, 'my application, introduced');
    await seen.expectNoneOf([internalNote, closure, 'RAHASIA-', 'TUTUP-'], "the person's pages");

    // The employer interviews and offers; the officer records the hire on a fixed day.
    await clickAndWait(ep, card.locator('button[name="to"][value="interviewing"]'));
    await clickAndWait(ep, ep.locator(`#p-${main} button[name="to"][value="offered"]`));
    const year = new Date().getUTCFullYear() + 1;
    const hire = Date.UTC(year, 0, 15);
    await op.reload();
    assert.equal(await stage(op), 'Ditawari kerja');
    await move(op, 'hired', { at: `${year}-01-15` });
    await op
      .locator('#placement-main [role="status"]', { hasText: 'Tahap diubah: Diterima bekerja.' })
      .waitFor();
    const hiredAt = op.locator('#placement-main dl.summary dt', { hasText: 'Mulai bekerja' });
    assert.equal(await visibleText(hiredAt.locator('xpath=following-sibling::dd[1]')), dayId(hire));
    const rows = op.locator('#placement-main table', { hasText: 'Cek retensi' }).locator('tbody tr');
    assert.equal(await rows.count(), 3);
    for (const [i, days] of [30, 90, 180].entries()) {
      const cells = rows.nth(i);
      assert.equal(await visibleText(cells.locator('th')), `${days} hari`);
      assert.equal(await visibleText(cells.locator('td').first()), dayId(hire + days * DAY));
    }
    await expectNoAxeViolations(op, 'placement detail, hired with check-ins');

    // The person sees the job.
    await pp.goto('/app/me/applications');
    assert.match(await visibleText(mainRow), /Bekerja/);
    assert.deepEqual([...officer.errors, ...person.errors, ...employer.errors], []);
  });

  it("when the officer filters the pipeline, opens a placement and follows 'Kembali', then the filters are as they were", async () => {
    const { page } = await b.signedIn(pw.officer);
    await page.goto('/app/pipeline');
    await expectNoAxeViolations(page, 'pipeline');
    await page.locator('#f-stage').selectOption('all');
    await page.locator('input[name="mine"]').uncheck();
    await page.locator('#f-sort').selectOption('oldest');
    await Promise.all([
      page.waitForURL(
        (u) => u.searchParams.get('sort') === 'oldest' && u.searchParams.get('stage') === 'all',
      ),
      page.locator('form.filters button[type="submit"]').click(),
    ]);
    await page.locator('#results table').waitFor();
    const filtered = new URL(page.url());
    await clickAndWait(page, page.locator('#results tbody a').first());
    assert.match(new URL(page.url()).pathname, /^\/app\/placements\//);
    await clickAndWait(page, page.getByRole('link', { name: /Kembali/ }).first());
    const back = new URL(page.url());
    assert.equal(back.pathname, '/app/pipeline');
    assert.equal(back.searchParams.get('stage'), 'all');
    assert.equal(back.searchParams.get('sort'), 'oldest');
    assert.equal(`${back.pathname}${back.search}`, `${filtered.pathname}${filtered.search}`);
    assert.equal(await page.locator('#f-stage').inputValue(), 'all');
    assert.equal(await page.locator('#f-sort').inputValue(), 'oldest');
  });
});
