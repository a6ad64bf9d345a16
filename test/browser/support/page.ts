import assert from 'node:assert/strict';
import type { Locator, Page, Response } from 'playwright-core';

/** The number in a count line such as "1.234 kandidat" or "12 results". */
export function countIn(text: string): number {
  const digits = /(\d[\d.,]*)/.exec(text)?.[1];
  assert.ok(digits, `no number in "${text}"`);
  return Number(digits.replace(/[.,]/g, ''));
}

/** Collapses runs of white space (including no-break spaces) to one space. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/**
 * Keeps the body of every response the page receives (documents, fragments, scripts, styles), so a
 * test can scan everything that reached the browser, not only what is on screen at the end.
 */
export class BodyRecorder {
  private readonly pending: Promise<{ url: string; body: string }>[] = [];

  constructor(page: Page) {
    page.on('response', (r: Response) => {
      this.pending.push(
        r.text().then(
          (body) => ({ url: r.url(), body }),
          () => ({ url: r.url(), body: '' }),
        ),
      );
    });
  }

  /** Every body received so far. */
  async bodies(): Promise<{ url: string; body: string }[]> {
    return Promise.all(this.pending);
  }

  /** Fails naming the first response that contains one of `secrets` (exact, case-sensitive). */
  async expectNoneOf(secrets: readonly string[], what: string): Promise<number> {
    const bodies = await this.bodies();
    for (const { url, body } of bodies) {
      for (const s of secrets) {
        if (s && body.includes(s)) assert.fail(`${what}: "${s}" reached the browser in ${url}`);
      }
    }
    return bodies.length;
  }
}

/** Clicks and waits for the full-page navigation it starts. */
export async function clickAndWait(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

/** The path and query of the page's URL. */
export function pathAndQuery(page: Page): string {
  const u = new URL(page.url());
  return `${u.pathname}${u.search}`;
}

/**
 * The text a person sees in an element (layout-aware: hidden parts left out), with white space
 * squashed. Playwright's innerText, not the DOM property the linter has in mind.
 */
export async function visibleText(target: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText is meant here (rendered text).
  return squash(await target.innerText());
}
