import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe.js';
import { buildHostileTrainee, type HostilePerson, SCRIPT_TEXT } from './support/data.js';
import { useBrowser } from './support/harness.js';
import { BodyRecorder, clickAndWait, countIn, pathAndQuery, visibleText } from './support/page.js';

const PAGE_SIZE = 10;

/** The skill facet with the fewest candidates (at least one): its box, code and count. */
async function smallestSkillFacet(page: Page) {
  const boxes = page.locator('fieldset.checks input[name="skills"]');
  const n = await boxes.count();
  assert.ok(n > 0, 'the search offers no skill to tick');
  let best: { index: number; code: string; label: string; count: number } | null = null;
  for (let i = 0; i < n; i++) {
    const label = (await visibleText(page.locator('fieldset.checks label').nth(i))).trim();
    const count = Number(/\((\d+)\)\s*$/.exec(label)?.[1] ?? '0');
    const code = (await boxes.nth(i).getAttribute('value')) ?? '';
    if (count > 0 && (!best || count < best.count)) best = { index: i, code, label, count };
  }
  assert.ok(best, 'no skill facet has a count');
  return { ...best, box: boxes.nth(best.index) };
}

/** The count the results state. */
async function statedCount(page: Page): Promise<number> {
  return countIn(await visibleText(page.locator('#results strong').first()));
}

/**
 * The cards of every result page, following "Berikutnya" links (each a full page load), so the
 * stated count can be compared with what is actually listed.
 */
async function cardsOnAllPages(page: Page): Promise<number> {
  let cards = await page.locator('#results article.card').count();
  for (let guard = 0; guard < 30; guard++) {
    const next = page.locator('#results a[rel="next"]');
    if ((await next.count()) === 0) break;
    assert.equal(cards % PAGE_SIZE, 0, 'a page before the last one is full');
    await clickAndWait(page, next);
    cards += await page.locator('#results article.card').count();
  }
  return cards;
}

describe('browser: employer candidate search', function () {
  this.timeout(180_000);
  const b = useBrowser();
  let hostile: HostilePerson;

  before(async function () {
    this.timeout(120_000);
    hostile = await buildHostileTrainee();
  });

  it('when an employer ticks a skill and applies, then the URL carries it, the count equals the cards, and no seeded identity reaches the browser', async () => {
    const { page } = await b.signedIn(b.h.seed.logins.employer);
    const bodies = new BodyRecorder(page);
    await page.goto('/app/search');
    await expectNoAxeViolations(page, 'employer search');
    const facet = await smallestSkillFacet(page);
    await facet.box.check();
    // htmx swaps the results in place and pushes the filters into the address bar.
    await Promise.all([
      page.waitForURL((u) => u.searchParams.getAll('skills').includes(facet.code)),
      page.locator('form.filters button[type="submit"]').click(),
    ]);
    await page.locator('#results').waitFor();
    const url = pathAndQuery(page);
    const stated = await statedCount(page);
    assert.equal(stated, facet.count, `the facet said ${facet.count} for ${facet.label}`);
    assert.equal(
      await page.locator('#results article.card').count(),
      Math.min(stated, PAGE_SIZE),
      'the first page lists as many cards as it can',
    );
    await expectNoAxeViolations(page, 'employer search, filtered (htmx)');

    // The pushed URL is a real address: loading it gives the same list, still ticked.
    await page.goto(url);
    assert.equal(await statedCount(page), stated);
    assert.ok(await page.locator(`input[name="skills"][value="${facet.code}"]`).isChecked());
    const profileHref = await page.locator('#results article.card h3 a').first().getAttribute('href');
    assert.equal(await cardsOnAllPages(page), stated, 'the cards of all pages add up to the count');

    // A profile, then everything the browser received is scanned for seeded identities.
    assert.ok(profileHref);
    await page.goto(profileHref);
    await expectNoAxeViolations(page, 'candidate profile');
    await page.goto('/app/vacancies');
    const scanned = await bodies.expectNoneOf(b.h.seed.secrets, 'employer search');
    assert.ok(scanned >= 6, `only ${scanned} responses were scanned`);
  });

  it('when a training programme contains a script tag, then search cards and the profile show it as text and nothing runs', async () => {
    const { page, dialogs, errors } = await b.signedIn(b.h.seed.logins.employer);
    const bodies = new BodyRecorder(page);
    await page.goto(`/app/search?q=${encodeURIComponent(hostile.keyword)}`);
    const card = page.locator('#results article.card', { hasText: hostile.publicId });
    await card.waitFor();
    // The highlighted programme is on the card, markup and all, as text.
    assert.ok((await visibleText(card)).includes(SCRIPT_TEXT), 'the card shows the programme as text');
    assert.equal(await page.locator('main script').count(), 0, 'no script element in the page body');
    assert.equal(await visibleText(page.locator('#results mark').first()), hostile.keyword);

    await clickAndWait(page, card.locator('h3 a'));
    await page.getByText(hostile.programme, { exact: false }).first().waitFor();
    assert.equal(await page.locator('main script').count(), 0);
    await expectNoAxeViolations(page, 'candidate profile with markup in a programme');
    assert.deepEqual(dialogs, [], 'no alert ran');
    assert.deepEqual(errors, [], 'no page or CSP error');
    await bodies.expectNoneOf([...hostile.secrets, ...b.h.seed.secrets], 'hostile programme');
    for (const { body } of await bodies.bodies())
      assert.ok(!body.includes(SCRIPT_TEXT), 'the programme arrives escaped in every body');
  });

  it('when JavaScript is off, then ticking a skill and applying still filters through the URL and the count equals the cards', async () => {
    const { page } = await b.signedIn(b.h.seed.logins.employer, { javaScriptEnabled: false });
    await page.goto('/app/search');
    const facet = await smallestSkillFacet(page);
    await facet.box.check();
    await clickAndWait(page, page.locator('form.filters button[type="submit"]'));
    const u = new URL(page.url());
    assert.equal(u.pathname, '/app/search');
    assert.deepEqual(u.searchParams.getAll('skills'), [facet.code]);
    const stated = await statedCount(page);
    assert.equal(stated, facet.count);
    assert.ok(await page.locator(`input[name="skills"][value="${facet.code}"]`).isChecked());
    assert.equal(await cardsOnAllPages(page), stated);
  });

  it("when an employer opens a profile from filtered results and follows 'Kembali', then the filters and results are as they were", async () => {
    const { page } = await b.signedIn(b.h.seed.logins.employer);
    await page.goto('/app/search');
    const facet = await smallestSkillFacet(page);
    await facet.box.check();
    await page.locator('#f-regency').fill('');
    await page.locator('input[name="certified"]').check();
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('certified') === 'true'),
      page.locator('form.filters button[type="submit"]').click(),
    ]);
    await page.locator('#results').waitFor();
    const filtered = pathAndQuery(page);
    const stated = await statedCount(page);
    const first = page.locator('#results article.card h3 a').first();
    if (stated === 0) {
      // Nobody certified with that skill: filter by the skill alone.
      await page.locator('input[name="certified"]').uncheck();
      await clickAndWait(page, page.locator('form.filters button[type="submit"]'));
    }
    const before = pathAndQuery(page);
    const count = await statedCount(page);
    assert.ok(count > 0, `no results for ${filtered}`);
    await clickAndWait(page, first);
    assert.match(new URL(page.url()).pathname, /^\/app\/candidates\//);
    await clickAndWait(page, page.getByRole('link', { name: /Kembali/ }));
    assert.equal(pathAndQuery(page), before, 'Back returns to the same filtered address');
    assert.ok(await page.locator(`input[name="skills"][value="${facet.code}"]`).isChecked());
    assert.equal(await statedCount(page), count);
  });
});
