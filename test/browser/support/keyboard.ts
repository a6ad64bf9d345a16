import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** What has keyboard focus, and whether a focus indicator is drawn for it. */
export interface Focused {
  /** tag#id or tag[name] or the link text, for messages. */
  what: string;
  tag: string;
  id: string;
  visibleFocus: boolean;
  inViewport: boolean;
}

// Runs in the page: describes document.activeElement. A string, since the project's TypeScript has
// no DOM types.
const DESCRIBE_ACTIVE = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { what: 'body', tag: 'body', id: '', visibleFocus: false, inViewport: true };
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  const r = el.getBoundingClientRect();
  const name = el.getAttribute('name');
  const text = (el.textContent || '').trim().slice(0, 40);
  const what = el.tagName.toLowerCase() + (el.id ? '#' + el.id : name ? '[name=' + name + ']' : text ? ' "' + text + '"' : '');
  return {
    what,
    tag: el.tagName.toLowerCase(),
    id: el.id,
    visibleFocus: Boolean(outline || shadow),
    inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
  };
})()`;

/** The element with focus now. */
export async function focused(page: Page): Promise<Focused> {
  return (await page.evaluate(DESCRIBE_ACTIVE)) as Focused;
}

/**
 * Presses Tab until the element matching `selector` has focus, checking on the way that every stop
 * shows a focus indicator and is on screen. Returns the stops, in order.
 */
export async function tabTo(page: Page, selector: string, maxStops = 80): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f);
    assert.ok(f.visibleFocus, `no visible focus on ${f.what} (stop ${i + 1})`);
    assert.ok(f.inViewport, `${f.what} has focus but is off screen (stop ${i + 1})`);
    if (await page.locator(`${selector}:focus`).count()) return stops;
  }
  assert.fail(
    `${selector} not reached with ${maxStops} presses of Tab: ${stops.map((s) => s.what).join(' → ')}`,
  );
}

// Runs in the page: the keyboard-focusable elements of `main`, in document order.
const FOCUSABLE_IN_MAIN = `(() => {
  const sel = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  return [...document.querySelectorAll('main ' + sel.split(', ').join(', main '))]
    .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .filter((el) => {
      if (el.type !== 'radio') return true;
      const group = [...document.querySelectorAll('input[type=radio]')].filter((r) => r.name === el.name && r.form === el.form);
      return group.some((r) => r.checked) ? el.checked : group[0] === el;
    })
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : ' "' + (el.textContent || '').trim().slice(0, 40) + '"'));
})()`;

/** The focus stops `main` should have, in DOM order (no positive tabindex anywhere). */
export async function expectedStopsInMain(page: Page): Promise<string[]> {
  return (await page.evaluate(FOCUSABLE_IN_MAIN)) as string[];
}
