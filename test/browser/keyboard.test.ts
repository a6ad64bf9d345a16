import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createPlacement } from '../../server/placements/service.js';
import { actorOf } from '../web/employer-forms.js';
import { buildEmployerLogin, buildPipelineWorld } from './support/data.js';
import { useBrowser } from './support/harness.js';
import { expectedStopsInMain, focused, tabTo } from './support/keyboard.js';
import { visibleText } from './support/page.js';

/** The first Tab lands on the skip link, shown on screen; Enter moves focus to the main content. */
async function useSkipLink(page: Page): Promise<void> {
  await page.keyboard.press('Tab');
  const skip = await focused(page);
  assert.equal(skip.what, 'a "Langsung ke isi"', 'the first stop is the skip link');
  assert.ok(skip.visibleFocus && skip.inViewport, 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).hash, '#main');
  assert.equal((await focused(page)).id, 'main', 'focus moved to the main content');
}

/** The next `n` Tab stops equal the focusable elements of main in document order. */
async function expectTabOrder(page: Page, n: number): Promise<void> {
  const expected = (await expectedStopsInMain(page)).slice(0, n);
  const seen: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    assert.ok(f.visibleFocus, `no visible focus on ${f.what}`);
    seen.push(f.what);
  }
  assert.deepEqual(seen, expected, 'Tab follows the reading order');
}

describe('browser: keyboard only', function () {
  this.timeout(180_000);
  const b = useBrowser();

  it('when an employer searches with the keyboard alone, then the skip link, the tab order and a visible focus carry them to a profile', async () => {
    const { page } = await b.signedIn(b.h.seed.logins.employer);
    await page.goto('/app/search');
    await useSkipLink(page);
    await expectTabOrder(page, 12);

    await page.goto('/app/search');
    await useSkipLink(page);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'f-q');
    await page.keyboard.type('las');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('q') === 'las'),
      page.keyboard.press('Enter'),
    ]);
    await page.locator('#results article.card').first().waitFor();
    await tabTo(page, '#results article.card h3 a');
    await Promise.all([page.waitForURL(/\/app\/candidates\//), page.keyboard.press('Enter')]);
    await useSkipLink(page);
  });

  it('when an employer fills the vacancy wizard with the keyboard, then Enter continues, the error summary takes focus and its link moves focus to the field', async () => {
    const { page } = await b.signedIn(await buildEmployerLogin());
    await page.goto('/app/vacancies/new');
    await useSkipLink(page);
    await tabTo(page, '#f-title');
    await page.keyboard.type('Juru Las Papan Ketik');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const summary = await focused(page);
    assert.equal(summary.tag, 'div', 'the error summary has focus');
    await page.keyboard.press('Tab');
    const link = await focused(page);
    assert.ok(link.visibleFocus);
    assert.equal(link.tag, 'a');
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).id, 'f-description');
    await page.keyboard.type('Mengelas pagar dan kanopi di bengkel.');
    await tabTo(page, 'main button[name="_action"][value="next"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await visibleText(page.locator('h1')), 'Keahlian');
    await useSkipLink(page);
    await expectTabOrder(page, 8);
  });

  it('when an officer records consent with the keyboard, then the radio group, the note and the button are reachable in order with visible focus', async () => {
    const pw = await buildPipelineWorld();
    const p = await createPlacement(
      actorOf(pw.world.officer.user),
      { candidateId: pw.client.id, vacancyId: pw.vacancy.id, note: 'Usulan uji papan ketik' },
      { now: new Date() },
    );
    const { page } = await b.signedIn(pw.officer);
    await page.goto(`/app/placements/${p.id}`);
    await useSkipLink(page);
    await expectTabOrder(page, 6);
    await page.goto(`/app/placements/${p.id}`);
    await useSkipLink(page);
    await tabTo(page, '#placement-main input[name="to"]');
    await page.keyboard.press('Space');
    assert.ok(await page.locator('#placement-main input[value="candidate_consented"]').isChecked());
    await tabTo(page, '#f-note');
    await page.keyboard.type('Klien setuju saat wajib lapor, disaksikan keluarga.');
    await tabTo(page, '#placement-main form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page
      .locator('#placement-main [role="status"]', { hasText: 'Tahap diubah: Klien setuju.' })
      .waitFor();
  });
});
