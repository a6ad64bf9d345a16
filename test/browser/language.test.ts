import assert from 'node:assert/strict';
import { buildVacancy } from '../support/factories.js';
import { expectNoAxeViolations } from './support/axe.js';
import { buildEmployerLogin } from './support/data.js';
import { signIn, useBrowser } from './support/harness.js';
import { clickAndWait, visibleText } from './support/page.js';

describe('browser: language, dates and money', function () {
  this.timeout(120_000);
  const b = useBrowser();

  it('when nobody chose a language, then pages are Indonesian (html lang="id") even in an English browser; ?lng=en switches and the choice persists across pages and sign-in', async () => {
    const { page, context } = await b.session();
    await page.goto('/login');
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
    assert.equal(await visibleText(page.locator('h1')), 'Masuk ke Bekal Kerja');
    await expectNoAxeViolations(page, 'login (id)');

    // The switch is a plain link, itself marked as English.
    const toEnglish = page.locator('header a[hreflang="en"]');
    assert.equal(await toEnglish.getAttribute('lang'), 'en');
    await clickAndWait(page, toEnglish);
    assert.equal(new URL(page.url()).searchParams.get('lng'), 'en');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await visibleText(page.locator('h1')), 'Sign in to Bekal Kerja');
    await expectNoAxeViolations(page, 'login (en)');

    // Without the parameter the choice stays: another page, then signing in.
    await page.goto('/forgot-password');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    const employer = await buildEmployerLogin();
    await signIn(page, employer);
    assert.equal(new URL(page.url()).pathname, '/app/search');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await visibleText(page.locator('h1')), 'Find candidates');
    const cookie = (await context.cookies()).find((c) => c.name === 'lng');
    assert.equal(cookie?.value, 'en');

    // And back.
    await page.goto('/app/vacancies?lng=id');
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
    await page.goto('/app/search');
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');
  });

  it("when a vacancy has a start day and a wage, then Indonesian pages say '5 Maret <year>' and 'Rp 3.500.000', English ones '5 March <year>'", async () => {
    const login = await buildEmployerLogin();
    const year = new Date().getUTCFullYear() + 1;
    const v = await buildVacancy(login.employerId, {
      title: 'Operator Las Peramban',
      startDate: new Date(`${year}-03-05T00:00:00Z`),
      wage: { min: 3_500_000, max: 4_250_000, period: 'month' },
    });
    const { page } = await b.signedIn(login);
    await page.goto(`/app/vacancies/${v.id}`);
    const facts = await visibleText(page.locator('main dl.summary').first());
    assert.ok(facts.includes(`5 Maret ${year}`), facts);
    assert.match(facts, /Rp 3\.500\.000/);
    assert.match(facts, /Rp 4\.250\.000/);
    await page.goto('/app/vacancies');
    assert.ok((await visibleText(page.locator('main table'))).includes(`5 Maret ${year}`));

    await page.goto(`/app/vacancies/${v.id}?lng=en`);
    const en = await visibleText(page.locator('main dl.summary').first());
    assert.ok(en.includes(`5 March ${year}`), en);
    assert.match(en, /Rp/);
    await expectNoAxeViolations(page, 'vacancy detail (en)');
  });
});
