import assert from 'node:assert/strict';
import request from 'supertest';
import { config } from '../../config/index.js';
import { signToken } from '../../server/auth/tokens.js';
import { testApp } from '../support/context.js';
import { buildUser, TEST_PASSWORD, uniq } from '../support/factories.js';

/** A unique client address per test so rate-limit counters never leak between tests. */
function clientIp(): string {
  const n = Number.parseInt(uniq().slice(0, 6), 16);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

describe('login', () => {
  it('when the email and password are right, then a token that works is returned', async () => {
    const { user } = await buildUser({ role: 'officer' });
    const app = await testApp();
    const res = await request(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', clientIp())
      .send({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    assert.equal(res.status, 200);
    assert.equal(res.body.user.id, user.id);
    assert.equal(res.body.user.role, 'officer');
    assert.equal(typeof res.body.token, 'string');
    const me = await request(app).get('/api/v1/users/me').set('Authorization', `Bearer ${res.body.token}`);
    assert.equal(me.status, 200);
    assert.equal(me.body.email, user.email);
    assert.equal(me.body.passwordHash, undefined);
  });

  it('when the password is wrong or the email unknown, then both answer the same 401', async () => {
    const { user } = await buildUser();
    const app = await testApp();
    const ip = clientIp();
    const wrongPassword = await request(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email: user.email, password: 'salah-salah' });
    const unknownEmail = await request(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email: `${uniq('nobody-')}@test.bekalkerja.local`, password: 'salah-salah' });
    assert.equal(wrongPassword.status, 401);
    assert.equal(unknownEmail.status, 401);
    const strip = (b: { error: Record<string, unknown> }) => ({ ...b.error, requestId: undefined });
    assert.deepEqual(strip(wrongPassword.body), strip(unknownEmail.body));
    assert.equal(wrongPassword.body.error.code, 'invalid_credentials');
  });

  it('when the request is malformed, then 400 names the field', async () => {
    const res = await request(await testApp())
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', clientIp())
      .send({ email: 42 });
    assert.equal(res.status, 400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    assert.ok(paths.includes('body.email'));
    assert.ok(paths.includes('body.password'));
  });

  it('when one address keeps trying, then it is rate limited with Retry-After', async () => {
    const { user } = await buildUser();
    const app = await testApp();
    const ip = clientIp();
    const statuses: number[] = [];
    for (let i = 0; i < config.LOGIN_MAX_ATTEMPTS + 2; i++) {
      const res = await request(app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email: user.email, password: `salah-${i}` });
      statuses.push(res.status);
      if (res.status === 429) {
        assert.equal(res.body.error.code, 'too_many_attempts');
        assert.ok(Number(res.headers['retry-after']) > 0);
      }
    }
    assert.deepEqual(
      statuses.slice(0, config.LOGIN_MAX_ATTEMPTS),
      Array(config.LOGIN_MAX_ATTEMPTS).fill(401),
    );
    assert.deepEqual(statuses.slice(config.LOGIN_MAX_ATTEMPTS), [429, 429]);
    // Even the right password is refused while limited.
    const right = await request(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email: user.email, password: TEST_PASSWORD });
    assert.equal(right.status, 429);
    // Another address is unaffected.
    const other = await request(app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', clientIp())
      .send({ email: user.email, password: TEST_PASSWORD });
    assert.equal(other.status, 200);
  });

  it('when a token is forged, expired or missing, then protected routes answer 401', async () => {
    const { user } = await buildUser();
    const app = await testApp();
    const forged = signToken({ sub: user.id, role: 'admin', tv: 0 }, 'x'.repeat(48), 3600);
    const expired = signToken({ sub: user.id, role: 'admin', tv: 0 }, config.JWT_SECRET, -10);
    for (const header of [`Bearer ${forged}`, `Bearer ${expired}`, 'Bearer not.a.token', 'Basic abc']) {
      const res = await request(app).get('/api/v1/users/me').set('Authorization', header);
      assert.equal(res.status, 401, header);
      assert.equal(res.body.error.code, 'unauthenticated');
    }
    const none = await request(app).get('/api/v1/users/me');
    assert.equal(none.status, 401);
  });

  it('when a role may not call a route, then 403', async () => {
    const { auth } = await buildUser({ role: 'employer' });
    const res = await request(await testApp())
      .post('/api/v1/admin/diagnostics/pings')
      .set(auth);
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'forbidden');
  });
});
