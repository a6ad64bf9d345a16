import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium package installs here; `.ci/run` installs it where it is missing. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a quiet headless Chromium: no sandbox (CI runs as root), no GPU, and nothing that phones
 * home (background networking, component updates, sync), so the only traffic is the page's own.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where the Chromium binary is: an explicit path, else CHROMIUM_PATH, else Debian's default. */
export function chromiumPath(explicit?: string): string {
  return explicit || process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

/**
 * Launches the system Chromium through playwright-core (never a downloaded browser). Playwright gives
 * every launch a fresh, empty profile directory of its own. A missing binary is an error with the
 * way to install it, never a silent skip: the browser tests are part of the check.
 */
export async function launchChromium(opts: { executablePath?: string } = {}): Promise<Browser> {
  const executablePath = chromiumPath(opts.executablePath);
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's package (sudo apt-get install chromium) ` +
        'or set CHROMIUM_PATH to a Chromium binary; the browser tests do not download browsers.',
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 120_000,
  });
}
