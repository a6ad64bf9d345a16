import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { uniq } from '../support/factories.js';
import { expectNoAxeViolations } from './support/axe.js';
import { buildEmployerLogin } from './support/data.js';
import { useBrowser } from './support/harness.js';
import { clickAndWait, visibleText } from './support/page.js';

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

/** Presses a wizard button (Lanjut, Ubah, Terbitkan…) and waits for the next page. */
async function press(page: Page, action: string): Promise<void> {
  await clickAndWait(page, page.locator(`main button[name="_action"][value="${action}"]`));
}

/** The check page's answer for a row label. */
async function answer(page: Page, label: string): Promise<string> {
  const dt = page.locator('dl.summary dt', { hasText: label }).first();
  return await visibleText(dt.locator('xpath=following-sibling::dd[1]'));
}

describe('browser: vacancy wizard', function () {
  this.timeout(180_000);
  const b = useBrowser();

  it('when an employer posts a vacancy, then an empty step shows a summary whose link focuses the field, the check page keeps answers through Ubah, publishing lists it as open, and duplicating pre-fills the form', async () => {
    const login = await buildEmployerLogin();
    const { page, errors } = await b.signedIn(login);
    const title = `Juru Las Peramban ${uniq()}`;
    const description = 'Mengelas rangka kanopi dan pagar. Senin–Sabtu, 08.00–16.00, makan siang disediakan.';
    const year = new Date().getFullYear() + 1;
    const start = `${year}-03-05`;

    await page.goto('/app/vacancies/new');
    await expectNoAxeViolations(page, 'wizard step 1');

    // An empty step: the error summary takes focus, and each link focuses its field.
    await press(page, 'next');
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    assert.match(await page.title(), /^Ada yang perlu diperbaiki/);
    assert.equal(await page.evaluate('document.activeElement.className'), 'error-summary');
    await expectNoAxeViolations(page, 'wizard step 1 with errors');
    const link = summary.locator('a[href="#f-title"]');
    assert.equal(await link.count(), 1, 'the summary names the title');
    await link.click();
    assert.equal(await page.evaluate('document.activeElement.id'), 'f-title');
    assert.equal(await page.locator('#f-title').getAttribute('aria-invalid'), 'true');

    await page.locator('#f-title').fill(title);
    await page.locator('#f-description').fill(description);
    await page.locator('#f-kbji').fill('7212');
    await press(page, 'next');

    // Step 2: a vocation's skills, one ticked as required.
    await page.locator('#f-vocation').selectOption({ index: 1 });
    await press(page, 'vocation');
    const required = page.locator('input[name="required"]').first();
    const skillCode = await required.getAttribute('value');
    await required.check();
    await expectNoAxeViolations(page, 'wizard step 2');
    await press(page, 'next');

    // Step 3: place (the employer's own by default), openings, wage and start.
    assert.equal(await page.locator('#f-regency').inputValue(), 'Bone');
    await page.locator('#f-openings').fill('2');
    await page.locator('#f-wageMin').fill('3500000');
    await page.locator('#f-wageMax').fill('4000000');
    await page.locator('#f-startDate').fill(start);
    await expectNoAxeViolations(page, 'wizard step 3');
    await press(page, 'next');

    // The check page shows the answers.
    assert.equal(await visibleText(page.locator('h1')), 'Periksa jawaban Anda');
    await expectNoAxeViolations(page, 'wizard check page');
    assert.equal(await answer(page, 'Judul lowongan'), title);
    assert.equal(await answer(page, 'Tanggal mulai kerja'), `5 Maret ${year}`);
    assert.match(await answer(page, 'Upah'), /Rp 3\.500\.000/);
    assert.ok(skillCode);

    // "Ubah" returns to the step with every answer kept, and "Lanjut" comes straight back.
    await clickAndWait(page, page.getByRole('button', { name: 'Ubah Pekerjaan' }));
    assert.equal(await page.locator('#f-title').inputValue(), title);
    assert.equal(await page.locator('#f-description').inputValue(), description);
    await page.locator('#f-title').fill(`${title} (revisi)`);
    await press(page, 'next');
    assert.equal(await visibleText(page.locator('h1')), 'Periksa jawaban Anda');
    assert.equal(await answer(page, 'Judul lowongan'), `${title} (revisi)`);
    assert.equal(
      await answer(page, 'Tanggal mulai kerja'),
      `5 Maret ${year}`,
      'the other steps kept their answers',
    );

    // Publishing lists the vacancy as open.
    await press(page, 'publish');
    assert.match(new URL(page.url()).pathname, /^\/app\/vacancies\/[a-f0-9]{24}$/);
    await page.locator('[role="status"]', { hasText: 'Lowongan diterbitkan.' }).waitFor();
    await expectNoAxeViolations(page, 'vacancy detail after publishing');
    await page.goto('/app/vacancies');
    const row = page.locator('tbody tr', { hasText: `${title} (revisi)` });
    assert.equal(await row.count(), 1);
    assert.equal(await visibleText(row.locator('td').first()), 'Terbuka');
    assert.ok((await visibleText(row)).includes(`5 ${MONTHS_ID[2]} ${year}`));
    await expectNoAxeViolations(page, 'vacancy list');

    // Duplicating pre-fills the wizard with a copy.
    await clickAndWait(page, row.getByRole('link', { name: `Duplikat: ${title} (revisi)` }));
    assert.equal(await page.locator('#f-title').inputValue(), `Salinan: ${title} (revisi)`);
    assert.equal(await page.locator('#f-description').inputValue(), description);
    assert.equal(await page.locator('#f-kbji').inputValue(), '7212');
    await press(page, 'next');
    assert.ok(await page.locator(`input[name="required"][value="${skillCode}"]`).isChecked());
    await press(page, 'next');
    assert.equal(await page.locator('#f-startDate').inputValue(), start);
    assert.equal(await page.locator('#f-openings').inputValue(), '2');
    assert.deepEqual(errors, []);
  });
});
