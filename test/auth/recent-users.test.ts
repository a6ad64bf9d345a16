import assert from 'node:assert/strict';
import request from 'supertest';
import { hashPassword } from '../../server/auth/passwords.js';
import { userRepository } from '../../server/users/repository.js';
import { settleAfterSuite } from '../access/queue-cleanup.js';
import { testApp } from '../support/context.js';
import { buildCandidate, buildPlaces, buildUser, TEST_PASSWORD } from '../support/factories.js';

describe('auth: users reused between requests', () => {
  settleAfterSuite();

  it('when a password is set right after the token was used, then the old token stops at once', async () => {
    const app = await testApp();
    const u = await buildUser({ role: 'employer' });
    assert.equal((await request(app).get('/api/v1/users/me').set(u.auth)).status, 200);
    await userRepository.setPassword(u.user.id, await hashPassword(`${TEST_PASSWORD}-baru`, 4));
    assert.equal((await request(app).get('/api/v1/users/me').set(u.auth)).status, 401);
  });

  it('when a person is erased right after using their token, then it stops at once', async () => {
    const app = await testApp();
    const c = await buildCandidate(await buildPlaces());
    const person = await buildUser({ role: 'candidate', candidateId: c.id });
    const admin = await buildUser({ role: 'admin' });
    assert.equal((await request(app).get('/api/v1/users/me').set(person.auth)).status, 200);
    assert.equal((await request(app).delete(`/api/v1/candidates/${c.id}`).set(admin.auth)).status, 204);
    assert.equal((await request(app).get('/api/v1/users/me').set(person.auth)).status, 401);
  });
});
