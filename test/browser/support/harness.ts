import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Dialog, Page } from 'playwright-core';
import { config } from '../../../config/index.js';
import { buildSeedPlan, DEMO_PASSWORD } from '../../../scripts/seed/plan.js';
import { runSeed } from '../../../scripts/seed/run.js';
import { createApp } from '../../../server/app.js';
import { dropQueuedJobsSince } from '../../access/queue-cleanup.js';
import { indexNow } from '../../search/support.js';
import { testDeps } from '../../support/context.js';
import { buildUser, TEST_PASSWORD } from '../../support/factories.js';
import { launchChromium } from './browser.js';
import { recordMetric, writeBrowserReport } from './report.js';

/** An account to sign in with through the login form. */
export interface Login {
  email: string;
  password: string;
}

export type DemoRole = 'employer' | 'officer' | 'facility_staff' | 'trainer' | 'candidate' | 'admin';

/** What the demo seed put into this run's database, as the browser tests need it. */
export interface SeededWorld {
  anchorDay: string;
  logins: Record<DemoRole, Login>;
  /** Names, registration numbers, offences and contact addresses of every seeded person. */
  secrets: string[];
}

export interface Harness {
  browser: Browser;
  baseURL: string;
  seed: SeededWorld;
}

let started: Promise<Harness> | null = null;
let server: Server | null = null;
let browser: Browser | null = null;

async function listen(): Promise<string> {
  const app = createApp(await testDeps());
  return new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => {
      server = s;
      resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`);
    });
    s.on('error', reject);
  });
}

/**
 * Seeds the demo data set into this run's database through the services (a no-op for what exists)
 * and indexes every dirty record, as the worker would. The admin is a test account: other suites
 * may have created the first admin already, and the seed's bootstrap makes one only when none exists.
 */
async function seedWorld(): Promise<SeededWorld> {
  const deps = await testDeps();
  const t0 = Date.now();
  const report = await runSeed(deps);
  recordMetric('seedMs', Date.now() - t0);
  const t1 = Date.now();
  await indexNow(deps);
  recordMetric('indexMs', Date.now() - t1);
  // The seed's sync jobs are done by indexNow; later suites that start a worker must not inherit them.
  await dropQueuedJobsSince(t0);
  const admin = await buildUser({ role: 'admin', name: 'Admin Uji Peramban' });
  const row = (role: string): Login => {
    const l = report.logins.find((x) => x.role === role && x.available);
    if (!l?.password) throw new Error(`the demo seed printed no ${role} login`);
    return { email: l.email, password: l.password };
  };
  const plan = buildSeedPlan(report.anchorDay);
  const secrets = plan.candidates.flatMap((c) => [
    c.input.fullName,
    c.input.registrationNumber,
    c.input.offenceCategory ?? '',
    c.input.contact?.email ?? '',
  ]);
  return {
    anchorDay: report.anchorDay,
    logins: {
      employer: row('employer'),
      officer: row('officer'),
      facility_staff: row('facility_staff'),
      trainer: row('trainer'),
      candidate: row('candidate'),
      admin: { email: admin.user.email, password: TEST_PASSWORD },
    },
    secrets: [...new Set(secrets.filter((s) => s.length >= 4))],
  };
}

/**
 * The browser test harness, started once per run: the real app over this run's connections on an
 * ephemeral port, the demo seed, and one Chromium. Later calls get the same instance.
 */
export function harness(): Promise<Harness> {
  started ??= (async () => {
    const t0 = Date.now();
    const [baseURL, b, seed] = await Promise.all([
      listen(),
      launchChromium().then((x) => {
        recordMetric('chromiumLaunchMs', Date.now() - t0);
        return x;
      }),
      seedWorld(),
    ]);
    browser = b;
    recordMetric('harnessStartMs', Date.now() - t0);
    return { browser: b, baseURL, seed };
  })();
  return started;
}

// Closes Chromium and the HTTP server once every suite has run (a root hook: this module is loaded
// with the browser specs).
after(async function closeBrowserHarness() {
  this.timeout(30_000);
  writeBrowserReport();
  await browser?.close().catch(() => undefined);
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  browser = null;
  server = null;
  started = null;
});

export { DEMO_PASSWORD, TEST_PASSWORD };

// ---------------------------------------------------------------- sessions

let addressCounter = 0;
/** A client address of its own per browser context, so the per-address sign-in limit never trips. */
function clientAddress(): string {
  addressCounter++;
  return `10.${200 + (process.pid % 50)}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

export interface SessionOptions extends Pick<BrowserContextOptions, 'viewport' | 'javaScriptEnabled'> {
  /** Language cookie to start with ('id' is the app's default without one). */
  lang?: 'id' | 'en';
}

/** One browser context and its page, with the dialogs and page errors seen so far. */
export interface Session {
  context: BrowserContext;
  page: Page;
  baseURL: string;
  /** Every JavaScript dialog (alert, confirm) the page opened; each is dismissed. */
  dialogs: string[];
  /** Uncaught page errors and console errors (a CSP violation is one). */
  errors: string[];
}

/** The fixture a browser suite uses: the harness and a fresh context per test, closed after it. */
export interface BrowserFixture {
  readonly h: Harness;
  /** A new context (cookies, cache, storage of its own) with one page. */
  session(opts?: SessionOptions): Promise<Session>;
  /** A new context signed in through the login form. */
  signedIn(login: Login, opts?: SessionOptions): Promise<Session>;
}

const failureDir = path.join(config.LOCAL_DATA_DIR, 'browser-failures');

/**
 * Registers the suite's hooks: the harness before (seeding may take minutes on a busy machine), and
 * after each test its contexts closed, with a screenshot of every open page kept for a failure.
 */
export function useBrowser(): BrowserFixture {
  let h: Harness | null = null;
  const open: Session[] = [];
  before(async function startHarness() {
    this.timeout(600_000);
    h = await harness();
  });
  afterEach(async function closeSessions() {
    this.timeout(30_000);
    const failed = this.currentTest?.state === 'failed';
    for (const [i, s] of open.entries()) {
      if (failed) {
        fs.mkdirSync(failureDir, { recursive: true });
        const name = `${(this.currentTest?.title ?? 'test').replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)}-${i}.png`;
        await s.page.screenshot({ path: path.join(failureDir, name), fullPage: true }).catch(() => undefined);
      }
      await s.context.close().catch(() => undefined);
    }
    open.length = 0;
  });
  const fixture: BrowserFixture = {
    get h() {
      if (!h) throw new Error('the browser harness has not started');
      return h;
    },
    async session(opts = {}) {
      const { browser: b, baseURL } = fixture.h;
      const context = await b.newContext({
        baseURL,
        viewport: opts.viewport ?? { width: 1280, height: 900 },
        javaScriptEnabled: opts.javaScriptEnabled ?? true,
        extraHTTPHeaders: { 'X-Forwarded-For': clientAddress() },
        // An English browser: the app's Indonesian default must not depend on Accept-Language.
        locale: 'en-US',
        timezoneId: 'Asia/Makassar',
      });
      context.setDefaultTimeout(20_000);
      context.setDefaultNavigationTimeout(30_000);
      if (opts.lang) {
        await context.addCookies([{ name: 'lng', value: opts.lang, url: baseURL }]);
      }
      const page = await context.newPage();
      const s: Session = { context, page, baseURL, dialogs: [], errors: [] };
      page.on('dialog', (d: Dialog) => {
        s.dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss().catch(() => undefined);
      });
      page.on('pageerror', (e) => s.errors.push(e.message));
      page.on('console', (m) => {
        // A 4xx page (a form with mistakes answers 400) is an answer the tests expect and check
        // themselves; Chromium logs it as a failed resource. Everything else (CSP, scripts) counts.
        if (m.type() !== 'error') return;
        if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
        s.errors.push(m.text());
      });
      open.push(s);
      return s;
    },
    async signedIn(login, opts = {}) {
      const s = await fixture.session(opts);
      await signIn(s.page, login);
      return s;
    },
  };
  return fixture;
}

/**
 * Signs in through the login form as a person would: email, password, the button. Waits until the
 * app has left the login page (the role's home, or `next`).
 */
export async function signIn(page: Page, login: Login, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.locator('#f-email').fill(login.email);
  await page.locator('#f-password').fill(login.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/login', { timeout: 30_000 }),
    page.locator('main button[type="submit"]').click(),
  ]);
}
