import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.2 level AA, with every earlier level and version it builds on. */
export const WCAG_22_AA_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One axe run: which screen, its address, and what axe found. */
export interface AxeRecord {
  context: string;
  url: string;
  violations: number;
  passes: number;
  incomplete: number;
}

/** Every axe run of this test process, in order (for the suite's summary). */
export const axeLog: AxeRecord[] = [];

/**
 * Runs axe-core on the page as it is now (an error state included) against WCAG 2.2 AA and fails
 * with each violation's rule, impact and the offending elements. `context` names the screen.
 */
export async function expectNoAxeViolations(page: Page, context: string): Promise<AxeRecord> {
  const results = await new AxeBuilder({ page }).withTags([...WCAG_22_AA_TAGS]).analyze();
  const record: AxeRecord = {
    context,
    url: page.url(),
    violations: results.violations.length,
    passes: results.passes.length,
    incomplete: results.incomplete.length,
  };
  axeLog.push(record);
  const report = results.violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
          .join('\n')}`,
    )
    .join('\n');
  assert.equal(
    results.violations.length,
    0,
    `${context} (${page.url()}): ${results.violations.length} WCAG 2.2 AA violation(s)\n${report}`,
  );
  return record;
}
