import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from './support/axe.js';
import { type Login, useBrowser } from './support/harness.js';
import { NetworkRecorder, SLOW_3G } from './support/network.js';
import { recordMetric } from './support/report.js';

/** The budget of docs/ui.md: a first page view under 100 KB transferred. */
const BUDGET_BYTES = 100_000;
const PHONE = { width: 360, height: 640 };

/** Loads `path` with the cache off on slow 3G and returns what went over the wire. */
async function firstView(page: Page, path: string, baseURL: string) {
  const rec = await NetworkRecorder.attach(page, { disableCache: true, network: SLOW_3G });
  const t0 = Date.now();
  await page.goto(path, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForLoadState('networkidle', { timeout: 60_000 });
  const ms = Date.now() - t0;
  const bytes = rec.totalBytes();
  const foreign = rec.foreignOrigins(baseURL);
  const requests = rec.requests();
  await rec.detach();
  return { bytes, foreign, requests, ms };
}

describe('browser: first page view budget on a phone over slow 3G', function () {
  this.timeout(180_000);
  const b = useBrowser();

  const cases: { name: string; path: string; login?: () => Login }[] = [
    { name: 'sign-in page (a new visitor opening the site)', path: '/' },
    { name: 'employer candidate search', path: '/app/search', login: () => b.h.seed.logins.employer },
    { name: "released person's jobs", path: '/app/me/jobs', login: () => b.h.seed.logins.candidate },
  ];

  for (const c of cases) {
    it(`when the ${c.name} is opened at 360×640 on slow 3G with an empty cache, then it transfers under 100 KB and asks no other origin`, async () => {
      const s = c.login
        ? await b.signedIn(c.login(), { viewport: PHONE })
        : await b.session({ viewport: PHONE });
      const { bytes, foreign, requests, ms } = await firstView(s.page, c.path, b.h.baseURL);
      recordMetric(`firstView:${c.path}:bytes`, bytes);
      recordMetric(`firstView:${c.path}:requests`, requests.length);
      recordMetric(`firstView:${c.path}:ms`, ms);
      const detail = requests
        .map((r) => `${r.encodedBytes} B ${r.status ?? r.failed ?? '?'} ${r.url}`)
        .join('\n');
      assert.deepEqual(foreign, [], `other origins asked:\n${detail}`);
      assert.ok(bytes > 0, 'nothing was measured');
      assert.ok(bytes < BUDGET_BYTES, `${bytes} bytes transferred:\n${detail}`);
      assert.ok(
        requests.every((r) => !r.failed),
        `failed requests:\n${detail}`,
      );
      // The phone layout is as accessible as the desktop one.
      await expectNoAxeViolations(s.page, `${c.name} at 360×640`);
    });
  }
});
