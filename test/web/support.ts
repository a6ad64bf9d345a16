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

/** A cookie-keeping browser-like agent signed in through the login form. */
export async function signedInAgent(email: string, password = TEST_PASSWORD): Promise<TestAgent> {
  const agent = request.agent(await testApp());
  const form = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, password });
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${res.text.slice(0, 300)}`);
  return agent;
}
