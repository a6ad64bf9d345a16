import assert from 'node:assert/strict';
import { ConfigError, DEV_SECRETS, loadConfig } from '../../config/index.js';

describe('config', () => {
  it('when nothing is set, then local defaults apply', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 8080);
    assert.equal(c.MEILI_URL, 'http://127.0.0.1:7700');
    assert.equal(c.DEFAULT_TIMEZONE, 'Asia/Makassar');
    assert.equal(c.PUBLIC_BASE_URL, 'http://localhost:8080');
    assert.ok(Object.isFrozen(c));
  });

  it('when several variables are wrong, then every problem is listed at once', () => {
    assert.throws(
      () =>
        loadConfig({
          PORT: 'abc',
          MONGODB_URI: 'http://x',
          DEFAULT_TIMEZONE: 'Mars/Olympus',
          NODE_ENV: 'staging',
        }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        const text = err.problems.join('\n');
        for (const key of ['PORT', 'MONGODB_URI', 'DEFAULT_TIMEZONE', 'NODE_ENV'])
          assert.match(text, new RegExp(key));
        return true;
      },
    );
  });

  it('when production runs with development secrets, then it refuses to start', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://bekalkerja.example.id' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        const text = err.problems.join('\n');
        assert.match(text, /JWT_SECRET/);
        assert.match(text, /MEILI_MASTER_KEY/);
        return true;
      },
    );
  });

  it('when production has real secrets, then it starts and forbids time travel', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      PUBLIC_BASE_URL: 'https://bekalkerja.example.id',
      JWT_SECRET: 'x'.repeat(40),
      MEILI_MASTER_KEY: 'y'.repeat(32),
      ALLOW_TIME_TRAVEL: 'true',
    });
    assert.equal(c.ALLOW_TIME_TRAVEL, false);
    assert.notEqual(c.JWT_SECRET, DEV_SECRETS.JWT_SECRET);
  });
});
