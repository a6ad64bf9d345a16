import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe.js';
import { type Session, useBrowser } from './support/harness.js';
import { clickAndWait } from './support/page.js';

/** The first link on the page whose address matches, as a path. */
async function firstHref(page: Page, pattern: RegExp, scope = 'main'): Promise<string> {
  const hrefs = await page
    .locator(`${scope} a[href]`)
    .evaluateAll((els) => els.map((a) => a.getAttribute('href') ?? ''));
  const found = hrefs.find((h) => pattern.test(h.split('?')[0] ?? ''));
  assert.ok(found, `no link matching ${pattern} on ${page.url()}`);
  return found;
}

/** Opens each path and runs axe on it; the status must be the one expected (200 unless said). */
async function audit(s: Session, screens: [name: string, path: string, status?: number][]): Promise<void> {
  for (const [name, path, status] of screens) {
    const res = await s.page.goto(path);
    assert.equal(res?.status(), status ?? 200, `${name}: ${path}`);
    await expectNoAxeViolations(s.page, name);
  }
}

/** Submits the first form in main that posts to `action` without filling anything, and audits the answer. */
async function auditEmptySubmit(s: Session, name: string, action: string): Promise<void> {
  const form = s.page.locator(`main form[method="post"][action="${action}"]`).first();
  await clickAndWait(s.page, form.locator('button[type="submit"]').first());
  assert.ok((await s.page.locator('.error-summary, [role="alert"]').count()) > 0, `${name}: no error shown`);
  await expectNoAxeViolations(s.page, name);
}

describe('browser: axe-core on every screen (WCAG 2.2 AA)', function () {
  this.timeout(240_000);
  const b = useBrowser();

  it('when nobody is signed in, then the sign-in, password and invitation pages and their errors have no violations', async () => {
    const s = await b.session();
    await audit(s, [
      ['sign-in', '/login'],
      ['forgot password', '/forgot-password'],
      ['invitation link no longer valid', '/invite/0000000000000000000000000000', 410],
      ['reset link no longer valid', '/reset-password/0000000000000000000000000000', 410],
      ['page not found', '/app/does-not-exist', 404],
    ]);
    await s.page.goto('/login');
    await s.page.locator('#f-email').fill('bukan-pengguna@demo.bekalkerja.local');
    await s.page.locator('#f-password').fill('salah-sandi-123');
    await clickAndWait(s.page, s.page.locator('main button[type="submit"]'));
    await s.page.locator('.error-summary').waitFor();
    await expectNoAxeViolations(s.page, 'sign-in error');
    await s.page.goto('/forgot-password');
    await s.page.locator('#f-email').fill('bukan-pengguna@demo.bekalkerja.local');
    await clickAndWait(s.page, s.page.locator('main button[type="submit"]'));
    await expectNoAxeViolations(s.page, 'forgot password, sent');
  });

  it('when the demo employer works, then search, profile, vacancies, a vacancy, its edit form and the refusal pages have no violations', async () => {
    const s = await b.signedIn(b.h.seed.logins.employer);
    await s.page.goto('/app/search');
    const profile = await firstHref(s.page, /^\/app\/candidates\//);
    await s.page.goto('/app/vacancies');
    const vacancy = await firstHref(s.page, /^\/app\/vacancies\/[a-f0-9]{24}$/);
    await audit(s, [
      ['employer search, filtered by vocation', '/app/search?vocation=welding&certified=true'],
      ['employer search, nothing found', '/app/search?q=zzzzqqqxxx'],
      ['candidate profile', profile],
      ['vacancy list, filtered', '/app/vacancies?status=open&sort=start'],
      ['vacancy detail with matches', vacancy],
      ['vacancy edit, step 1', `${vacancy}/edit`],
      ['a screen of another role', '/app/clients', 403],
      ['a vacancy that does not exist', '/app/vacancies/000000000000000000000000', 404],
    ]);
  });

  it('when the demo officer works, then clients, every client tab, the pipeline, a placement, reports, search and invitations have no violations', async () => {
    const s = await b.signedIn(b.h.seed.logins.officer);
    await audit(s, [['clients', '/app/clients']]);
    const client = await firstHref(s.page, /^\/app\/clients\/[a-f0-9]{24}$/);
    const tabs = ['overview', 'skills', 'jobs', 'placements', 'alerts', 'audit'];
    await audit(
      s,
      tabs.map((t) => [`client page, ${t}`, `${client.split('?')[0]}?tab=${t}`] as [string, string]),
    );
    await audit(s, [['pipeline', '/app/pipeline']]);
    const placement = await firstHref(s.page, /^\/app\/placements\/[a-f0-9]{24}$/);
    await audit(s, [
      ['pipeline, overdue only', '/app/pipeline?overdue=1&stage=all'],
      ['placement detail', placement],
      ['reports', '/app/reports'],
      ['officer search', '/app/search'],
      ['invite a person', '/app/invite'],
    ]);
    await auditEmptySubmit(s, 'invite a person, empty', '/app/invite');
  });

  it('when the demo facility staff work, then the cohort, a person, their forms and the import have no violations', async () => {
    const s = await b.signedIn(b.h.seed.logins.facility_staff);
    await audit(s, [['cohort', '/app/cohort']]);
    const person = (await firstHref(s.page, /^\/app\/cohort\/[a-f0-9]{24}$/)).split('?')[0]!;
    await audit(s, [
      ['cohort person', person],
      ['cohort person, edit', `${person}/edit`],
      ['cohort person, release', `${person}/release`],
      ['cohort person, new training', `${person}/trainings/new`],
      ['cohort person, new certificate', `${person}/certifications/new`],
      ['new person', '/app/cohort/new'],
    ]);
    await auditEmptySubmit(s, 'new person, empty', '/app/cohort/new');
    await audit(s, [['CSV import', '/app/import']]);
  });

  it('when the demo trainer works, then participants and the training results batch have no violations', async () => {
    const s = await b.signedIn(b.h.seed.logins.trainer);
    await audit(s, [
      ['participants', '/app/cohort'],
      ['training results batch', '/app/trainings/batch'],
    ]);
    await auditEmptySubmit(s, 'training results batch, empty', '/app/trainings/batch');
  });

  it('when the demo released person works, then jobs, a job, applications, alerts and their data have no violations', async () => {
    const s = await b.signedIn(b.h.seed.logins.candidate);
    await audit(s, [['jobs for me', '/app/me/jobs']]);
    const job = await firstHref(s.page, /^\/app\/me\/jobs\/[a-f0-9]{24}$/);
    await audit(s, [
      ['a job', job],
      ['my applications', '/app/me/applications'],
    ]);
    const application = await firstHref(s.page, /^\/app\/me\/applications\/[a-f0-9]{24}$/);
    await audit(s, [
      ['an application', application],
      ['alerts', '/app/me/alerts'],
      ['my data and consent', '/app/me'],
    ]);
  });

  it('when an admin works, then facilities, users, employers and failed notifications, and a form error, have no violations', async () => {
    const s = await b.signedIn(b.h.seed.logins.admin);
    await audit(s, [
      ['admin facilities', '/app/admin/facilities'],
      ['admin employers', '/app/admin/employers'],
      ['admin failed notifications', '/app/admin/notifications'],
      ['admin users', '/app/admin/users'],
    ]);
    await auditEmptySubmit(s, 'admin users, empty form', '/app/admin/users');
    await s.page.goto('/app/admin/facilities');
    await auditEmptySubmit(s, 'admin facilities, empty form', '/app/admin/facilities');
  });
});
