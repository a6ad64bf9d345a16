/**
 * `npm run screenshots`: regenerates the screenshots of the main screens in docs/screenshots/. Brings
 * the stack up (reusing servers that already answer), seeds the demo data set into a database, index
 * prefix and queue prefix of its own, starts the app on an ephemeral loopback port, signs in through the
 * login form as each demo role in a headless Chromium and saves one PNG per screen. Removes everything
 * it wrote to the servers afterwards and stops only the servers it started.
 *
 *   npm run screenshots                 the app's default language (Indonesian)
 *   npm run screenshots -- --lang en    the English interface
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { config } from '../config/index.js';
import { createApp } from '../server/app.js';
import { createDeps, type Deps } from '../server/deps.js';
import { ensureSearchIndexes, syncDirty } from '../server/search/sync.js';
import { launchChromium } from '../test/browser/support/browser.js';
import { configFor, dropNamespace, type Namespace } from './eval/matching/namespace.js';
import { runSeed } from './seed/run.js';
import { runCommand } from './stack/errors.js';
import { PROJECT_ROOT, type StackHandle, upStack } from './stack/stack.js';

const OUT_DIR = path.join(PROJECT_ROOT, 'docs', 'screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 640 };
/** Desktop shots are cut off below this height. */
const MAX_DESKTOP_HEIGHT = 1440;
/** A screenshot larger than this is reported (the clip bounds every shot, so none should be). */
const MAX_BYTES = 250 * 1024;

/** A namespace of its own: the demo seed never mixes with anyone else's data. */
const NS: Namespace = { database: 'bk_screens', indexPrefix: 'screens_', queuePrefix: 'bkscreens' };
const ADMIN_EMAIL = 'admin@bekalkerja.local';

type Role = 'employer' | 'officer' | 'facility_staff' | 'candidate' | 'admin';
interface Login {
  email: string;
  password: string;
}

const log = (m: string) => process.stdout.write(`[screenshots] ${m}\n`);

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Removes the namespace's database, indexes, queues and every other Redis key under its prefix. */
async function clearNamespace(deps: Deps): Promise<void> {
  // Dropping an index that does not exist fails: make sure both exist first.
  await ensureSearchIndexes(deps.search);
  await dropNamespace(deps, NS);
  const stream = deps.redis.scanStream({ match: `${NS.queuePrefix}:*`, count: 500 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    if (keys.length) await deps.redis.unlink(...keys);
  }
}

/** Seeds the demo data set with an admin of its own and indexes every record; returns a login per role. */
async function seed(deps: Deps): Promise<Record<Role, Login>> {
  const admin = { email: ADMIN_EMAIL, password: `Screens-${randomBytes(9).toString('base64url')}` };
  const t0 = Date.now();
  const report = await runSeed(deps, { admin });
  const now = deps.clock.now();
  await ensureSearchIndexes(deps.search);
  await syncDirty(deps.search, 'candidates', now);
  await syncDirty(deps.search, 'vacancies', now);
  log(`demo data seeded and indexed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const row = (role: Role): Login => {
    const l = report.logins.find((x) => x.role === role && x.available);
    if (!l?.password) throw new Error(`the demo seed gave no ${role} login`);
    return { email: l.email, password: l.password };
  };
  return {
    employer: row('employer'),
    officer: row('officer'),
    facility_staff: row('facility_staff'),
    candidate: row('candidate'),
    admin: row('admin'),
  };
}

function listen(deps: Deps): Promise<{ server: Server; baseURL: string }> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve({ server, baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
    server.on('error', reject);
  });
}

/** Takes the shots of one signed-in (or signed-out) browser context. */
class Shooter {
  readonly files: { file: string; bytes: number }[] = [];
  private counter = 0;

  constructor(
    private readonly browser: Browser,
    private readonly baseURL: string,
    private readonly lang: 'id' | 'en',
  ) {}

  async context(viewport: {
    width: number;
    height: number;
  }): Promise<{ context: BrowserContext; page: Page }> {
    const phone = viewport.width < 600;
    const context = await this.browser.newContext({
      baseURL: this.baseURL,
      viewport,
      deviceScaleFactor: 1,
      isMobile: phone,
      hasTouch: phone,
      locale: this.lang === 'en' ? 'en-US' : 'id-ID',
      timezoneId: 'Asia/Makassar',
    });
    context.setDefaultTimeout(30_000);
    context.setDefaultNavigationTimeout(60_000);
    await context.addCookies([{ name: 'lng', value: this.lang, url: this.baseURL }]);
    return { context, page: await context.newPage() };
  }

  /** Signs in through the login form and waits until the app has left the login page. */
  async signIn(page: Page, login: Login): Promise<void> {
    await this.open(page, '/login');
    await page.locator('#f-email').fill(login.email);
    await page.locator('#f-password').fill(login.password);
    await Promise.all([
      page.waitForURL((u) => u.pathname !== '/login', { timeout: 60_000 }),
      page.locator('main button[type="submit"]').click(),
    ]);
  }

  /** Loads a page and fails unless the app answered it with success. */
  async open(page: Page, url: string): Promise<void> {
    const res = await page.goto(url);
    if (!res?.ok()) throw new Error(`${url} answered ${res?.status() ?? 'nothing'}`);
  }

  /** Follows a link found on the current page and waits for the new page. */
  async follow(page: Page, selector: string): Promise<void> {
    const link = page.locator(selector).first();
    const href = await link.getAttribute('href');
    if (!href) throw new Error(`no link ${selector} on ${page.url()}`);
    await this.open(page, href);
  }

  /** Saves the top of the page as NN-role-screen.png once the page is settled. */
  async shot(page: Page, role: string, screen: string): Promise<void> {
    const { pathname } = new URL(page.url());
    if (pathname === '/login' && screen !== 'sign-in') throw new Error(`${role} ${screen}: not signed in`);
    await page.waitForLoadState('networkidle');
    this.counter++;
    const file = `${String(this.counter).padStart(2, '0')}-${role}-${screen}.png`;
    const target = path.join(OUT_DIR, file);
    // Desktop shots show the page from the top down to MAX_DESKTOP_HEIGHT (a list and its filters
    // rarely fit 800 px); phone shots show exactly one screen.
    const viewport = page.viewportSize() ?? DESKTOP;
    const phone = viewport.width < 600;
    const pageHeight = Number(await page.evaluate('document.documentElement.scrollHeight'));
    const height = phone
      ? viewport.height
      : Math.min(Math.max(pageHeight, viewport.height), MAX_DESKTOP_HEIGHT);
    await page.screenshot({
      path: target,
      fullPage: !phone,
      clip: { x: 0, y: 0, width: viewport.width, height },
      animations: 'disabled',
      caret: 'hide',
    });
    const bytes = fs.statSync(target).size;
    this.files.push({ file, bytes });
    log(`${file} (${Math.round(bytes / 1024)} KB) ${pathname}`);
  }
}

async function shootAll(shooter: Shooter, logins: Record<Role, Login>): Promise<void> {
  const session = async (
    login: Login | null,
    viewport: { width: number; height: number },
    fn: (page: Page) => Promise<void>,
  ) => {
    const { context, page } = await shooter.context(viewport);
    try {
      if (login) await shooter.signIn(page, login);
      await fn(page);
    } finally {
      await context.close();
    }
  };

  await session(null, DESKTOP, async (page) => {
    await shooter.open(page, '/login');
    await shooter.shot(page, 'public', 'sign-in');
  });

  await session(logins.employer, DESKTOP, async (page) => {
    await shooter.open(page, '/app/search');
    // Tick the skill most candidates have, apply, and wait for the filtered address.
    const box = page.locator('fieldset.checks input[name="skills"]').first();
    const code = await box.getAttribute('value');
    if (!code) throw new Error('the candidate search offers no skill to tick');
    await box.check();
    await Promise.all([
      page.waitForURL((u) => u.searchParams.getAll('skills').includes(code)),
      page.locator('form.filters button[type="submit"]').click(),
    ]);
    await page.locator('#results article.card').first().waitFor();
    await shooter.shot(page, 'employer', 'candidate-search');
    await shooter.follow(page, '#results article.card h3 a');
    await shooter.shot(page, 'employer', 'candidate-profile');
    await shooter.open(page, '/app/vacancies');
    await shooter.shot(page, 'employer', 'my-vacancies');
  });

  await session(logins.officer, DESKTOP, async (page) => {
    await shooter.open(page, '/app/clients');
    await shooter.shot(page, 'officer', 'clients-due-for-release');
    await shooter.follow(page, 'main table tbody a[href^="/app/clients/"]');
    await shooter.shot(page, 'officer', 'client');
    await shooter.open(page, '/app/pipeline');
    await shooter.shot(page, 'officer', 'placement-pipeline');
    await shooter.open(page, '/app/reports');
    await shooter.shot(page, 'officer', 'reports');
  });

  await session(logins.facility_staff, DESKTOP, async (page) => {
    await shooter.open(page, '/app/cohort');
    await shooter.shot(page, 'staff', 'cohort');
    await shooter.follow(page, 'main table tbody a[href^="/app/cohort/"]');
    await shooter.follow(page, 'main a[href$="/edit"]');
    await shooter.shot(page, 'staff', 'profile-form');
  });

  await session(logins.candidate, DESKTOP, async (page) => {
    await shooter.open(page, '/app/me/jobs');
    await shooter.shot(page, 'person', 'matching-jobs');
  });

  await session(logins.admin, DESKTOP, async (page) => {
    await shooter.open(page, '/app/admin/facilities');
    await shooter.shot(page, 'admin', 'facilities');
    await shooter.open(page, '/app/admin/users');
    await shooter.shot(page, 'admin', 'users');
  });

  // The phone layout: the menu and forms stack into one column at 360 px.
  await session(logins.candidate, PHONE, async (page) => {
    await shooter.open(page, '/app/me/jobs');
    await shooter.shot(page, 'person', 'matching-jobs-phone');
  });
  await session(logins.officer, PHONE, async (page) => {
    await shooter.open(page, '/app/clients');
    await shooter.follow(page, 'main table tbody a[href^="/app/clients/"]');
    await shooter.shot(page, 'officer', 'client-phone');
  });
}

async function main(): Promise<number> {
  const lang = argValue('--lang') === 'en' ? 'en' : 'id';
  let stack: StackHandle | null = null;
  let deps: Deps | null = null;
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    stack = await upStack(config, { mode: 'ephemeral', log: (m) => process.stdout.write(`[stack] ${m}\n`) });
    deps = await createDeps(configFor(config, NS, { LOG_LEVEL: 'warn' }), 'script');
    log(`database ${NS.database}, index prefix ${NS.indexPrefix}, queue prefix ${NS.queuePrefix}`);
    // A run killed earlier may have left its data: start from an empty namespace.
    await clearNamespace(deps);
    const logins = await seed(deps);
    const listening = await listen(deps);
    server = listening.server;
    browser = await launchChromium();
    fs.mkdirSync(OUT_DIR, { recursive: true });
    for (const f of fs.readdirSync(OUT_DIR)) if (f.endsWith('.png')) fs.rmSync(path.join(OUT_DIR, f));
    const shooter = new Shooter(browser, listening.baseURL, lang);
    await shootAll(shooter, logins);
    const total = shooter.files.reduce((n, f) => n + f.bytes, 0);
    log(`${shooter.files.length} screenshots, ${Math.round(total / 1024)} KB in docs/screenshots`);
    const large = shooter.files.filter((f) => f.bytes > MAX_BYTES);
    for (const f of large) log(`larger than ${MAX_BYTES / 1024} KB: ${f.file}`);
    return 0;
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) {
      const s = server;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    if (deps) {
      await clearNamespace(deps).catch((err: Error) => log(`could not clean up: ${err.message}`));
      await deps.close();
    }
    await stack?.stop();
  }
}

runCommand('screenshots', main);
