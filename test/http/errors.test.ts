import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { testApp, testDeps } from '../support/context.js';
import { buildUser } from '../support/factories.js';

function assertErrorShape(body: { error?: Record<string, unknown> }): void {
  assert.ok(body.error, 'body has error');
  assert.equal(typeof body.error.code, 'string');
  assert.equal(typeof body.error.message, 'string');
  assert.equal(typeof body.error.messageEn, 'string');
  assert.equal(typeof body.error.requestId, 'string');
}

describe('error model', () => {
  it('when a route does not exist, then 404 with the common error shape', async () => {
    const res = await request(await testApp()).get('/api/v1/no-such-thing');
    assert.equal(res.status, 404);
    assertErrorShape(res.body);
    assert.equal(res.body.error.code, 'route_not_found');
  });

  it('when a body field is invalid, then 400 names its path in both languages', async () => {
    const res = await request(await testApp())
      .post('/api/v1/auth/login')
      .send({ email: 'bukan-email', password: '' });
    assert.equal(res.status, 400);
    assertErrorShape(res.body);
    assert.equal(res.body.error.code, 'validation_failed');
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    assert.deepEqual(paths, ['body.email', 'body.password']);
    const email = res.body.error.details.find((d: { path: string }) => d.path === 'body.email');
    assert.match(email.message, /email/i);
    assert.match(email.messageEn, /email/i);
  });

  it('when the body is not JSON, then 400 invalid_json', async () => {
    const res = await request(await testApp())
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_json');
  });

  it('when the body is larger than the limit, then 413', async () => {
    const res = await request(await testApp())
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(1_200_000) }));
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'payload_too_large');
  });

  it('when something unexpected fails, then 500 without internals', async () => {
    const deps = await testDeps();
    const secret = 'mongodb://admin:hunter2@internal-host';
    const broken = createApp({
      ...deps,
      clock: {
        now: () => {
          throw new Error(`connection to ${secret} failed`);
        },
      },
    });
    const { auth } = await buildUser({ role: 'admin' });
    const res = await request(broken).get('/api/v1/users/me').set(auth);
    assert.equal(res.status, 500);
    assertErrorShape(res.body);
    assert.equal(res.body.error.code, 'internal_error');
    assert.ok(!JSON.stringify(res.body).includes('hunter2'));
    assert.ok(!JSON.stringify(res.body).includes('stack'));
  });

  it('when a request id is sent, then it is echoed back and in error bodies', async () => {
    const res = await request(await testApp())
      .get('/api/v1/nothing-here')
      .set('X-Request-Id', 'req-test-12345');
    assert.equal(res.headers['x-request-id'], 'req-test-12345');
    assert.equal(res.body.error.requestId, 'req-test-12345');
  });

  it('when the OpenAPI document is requested, then it is 3.1 and lists the login operation', async () => {
    const res = await request(await testApp()).get('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    const login = res.body.paths['/auth/login'].post;
    assert.equal(login.requestBody.content['application/json'].schema.properties.email.format, 'email');
    const docs = await request(await testApp()).get('/api/v1/docs');
    assert.equal(docs.status, 200);
    assert.match(docs.text, /\/api\/v1\/auth\/login/);
  });
});
