import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { testApp } from '../support/context.js';
import { TEST_PASSWORD } from '../support/factories.js';

/** The hidden CSRF token of the first form on a page. */
export function csrfOf(htmlText: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(htmlText);
  if (!m?.[1]) throw new Error('no CSRF field on the page');
  return m[1];
}

let counter = 0;
function uniqueAddress(): string {
  counter++;
  return `10.${(process.pid >> 8) & 255}.${(counter >> 8) & 255}.${counter & 255}`;
}

/** A cookie-keeping browser-like agent signed in through the login form. */
export async function signedInAgent(email: string, password = TEST_PASSWORD): Promise<TestAgent> {
  const agent = request.agent(await testApp());
  const form = await agent.get('/login');
  // Each agent signs in from an address of its own, so the sign-in rate limit (per address) never
  // trips across the many web tests of one run.
  const res = await agent
    .post('/login')
    .set('X-Forwarded-For', uniqueAddress())
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, password });
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${res.text.slice(0, 300)}`);
  return agent;
}
