import assert from 'node:assert/strict';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { Actor } from '../../server/auth/actor.js';
import type { UserRecord } from '../../server/users/repository.js';
import { buildEmployer, buildUser } from '../support/factories.js';
import { signedInAgent } from './support.js';

/** Undoes the escaping of the `html` template (numeric entities) and the common named ones. */
export function unescapeHtml(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeHtml(m[1] ?? '') : undefined;
}

const hasAttr = (tag: string, name: string) => new RegExp(`\\s${name}(?=[\\s>=])`).test(tag);

/** The markup of the form posting to `action` (the first one). */
export function formMarkup(page: string, action: string): string {
  const start = page.search(new RegExp(`<form[^>]*action="${action.replace(/[?]/g, '\\?')}"`));
  assert.ok(start >= 0, `no form posting to ${action}`);
  const end = page.indexOf('</form>', start);
  return page.slice(start, end);
}

/** What a browser would send for a form without pressing any button: hidden, text, checked, selected. */
export function formValues(page: string, action: string): [string, string][] {
  const form = formMarkup(page, action);
  const out: [string, string][] = [];
  for (const m of form.matchAll(
    /<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>/g,
  )) {
    const tag = m[0];
    const name = attr(tag, 'name');
    if (!name) continue;
    if (tag.startsWith('<input')) {
      const type = attr(tag, 'type') ?? 'text';
      if (['submit', 'button', 'image', 'reset'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !hasAttr(tag, 'checked')) continue;
      out.push([name, attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    } else if (tag.startsWith('<select')) {
      const options = [...tag.matchAll(/<option\b[^>]*>/g)].map((o) => o[0]);
      const chosen = options.find((o) => hasAttr(o, 'selected')) ?? options[0];
      if (chosen) out.push([name, attr(chosen, 'value') ?? '']);
    } else {
      const text = /<textarea\b[^>]*>([\s\S]*?)<\/textarea>/.exec(tag)?.[1] ?? '';
      out.push([name, unescapeHtml(text)]);
    }
  }
  return out;
}

export type Overrides = Record<string, string | string[] | null>;

/**
 * Submits the form posting to `action` as a browser would: its current values, with `overrides`
 * replacing every value of a name (null removes it), plus the pressed button.
 */
export function submitForm(
  agent: TestAgent,
  page: string,
  action: string,
  overrides: Overrides = {},
  button?: [string, string],
): Promise<Response> {
  const params = new URLSearchParams();
  for (const [k, v] of formValues(page, action)) if (!(k in overrides)) params.append(k, v);
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) continue;
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  }
  if (button) params.append(button[0], button[1]);
  return agent.post(action).type('form').send(params.toString());
}

/** The value of the field `name` in a form, or undefined (for checks that answers were kept). */
export function fieldValue(page: string, action: string, name: string): string | undefined {
  return formValues(page, action).find(([k]) => k === name)?.[1];
}

/**
 * Structural accessibility checks on a page: one h1, unique ids, every field labelled, headers with
 * scope, references (label for, aria-labelledby, aria-describedby, #links) pointing at real ids, and
 * nothing the CSP would block (inline scripts, style attributes).
 */
export function assertAccessible(page: string): void {
  assert.equal((page.match(/<h1[\s>]/g) ?? []).length, 1, 'exactly one h1');
  const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(dupes, [], `duplicate ids: ${dupes.join(', ')}`);
  const idSet = new Set(ids);
  for (const m of page.matchAll(/<(input|select|textarea)\b[^>]*>/g)) {
    const tag = m[0];
    const type = attr(tag, 'type');
    if (m[1] === 'input' && ['hidden', 'submit', 'button'].includes(type ?? '')) continue;
    const id = attr(tag, 'id');
    const before = page.slice(0, m.index);
    const wrapped = before.lastIndexOf('<label') > before.lastIndexOf('</label>');
    const labelled =
      wrapped ||
      (id !== undefined && page.includes(`<label for="${id}"`)) ||
      attr(tag, 'aria-labelledby') !== undefined ||
      attr(tag, 'aria-label') !== undefined;
    assert.ok(labelled, `unlabelled field: ${tag}`);
  }
  for (const m of page.matchAll(/<th\b[^>]*>/g))
    assert.ok(/\sscope="(col|row)"/.test(m[0]), `th without scope: ${m[0]}`);
  for (const m of page.matchAll(/\s(?:for|aria-labelledby|aria-describedby)="([^"]+)"/g))
    for (const ref of m[1]!.split(/\s+/)) assert.ok(idSet.has(ref), `reference to missing id ${ref}`);
  for (const m of page.matchAll(/href="#([^"]+)"/g))
    assert.ok(idSet.has(m[1]!), `link to missing id #${m[1]}`);
  assert.ok(!/\sstyle="/.test(page), 'inline style attribute');
  assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/.test(page), 'inline script');
}

/** An Actor for calling services directly as a test user. */
export function actorOf(u: UserRecord): Actor {
  return {
    userId: u.id,
    role: u.role,
    email: u.email,
    name: u.name,
    facilityId: u.facilityId,
    employerId: u.employerId,
    candidateId: u.candidateId,
  };
}

export interface EmployerSession {
  agent: TestAgent;
  employerId: string;
  user: UserRecord;
}

/** A new employer with one signed-in user. */
export async function newEmployerSession(): Promise<EmployerSession> {
  const employer = await buildEmployer();
  const { user } = await buildUser({ role: 'employer', employerId: employer.id });
  return { agent: await signedInAgent(user.email), employerId: employer.id, user };
}

let shared: Promise<EmployerSession> | null = null;

/**
 * One signed-in employer for the tests that do not count the employer's vacancies: sign-in through
 * the form is rate-limited per address, and the whole web suite signs in from one.
 */
export function sharedEmployerSession(): Promise<EmployerSession> {
  shared ??= newEmployerSession();
  return shared;
}
