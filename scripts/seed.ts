/**
 * `npm run seed` (and the first step of `npm start`): creates the first admin from ADMIN_EMAIL /
 * ADMIN_PASSWORD, then the South Sulawesi demo data set, and prints what it wrote and one login per
 * role. Re-runnable: records are found by natural key and only missing ones are created. Refuses to
 * run with NODE_ENV=production unless `--force` is given. Exits non-zero on failure.
 */
import { config, DEV_SECRETS } from '../config/index.js';
import { createDeps } from '../server/deps.js';
import { formatLogins, formatSummary } from './seed/report.js';
import { assertSeedAllowed, runSeed, SeedRefusedError } from './seed/run.js';

/** The admin `npm start` creates when ADMIN_EMAIL is not set (development only). */
const DEV_ADMIN_EMAIL = 'admin@bekalkerja.local';

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const production = config.NODE_ENV === 'production';
  assertSeedAllowed(config.NODE_ENV, force);
  const email = config.ADMIN_EMAIL ?? (production ? undefined : DEV_ADMIN_EMAIL);
  const password = config.ADMIN_PASSWORD ?? (production ? undefined : DEV_SECRETS.ADMIN_PASSWORD);
  const deps = await createDeps(config, 'script');
  try {
    const report = await runSeed(deps, { admin: email && password ? { email, password } : undefined, force });
    process.stdout.write(`\n${formatSummary(report)}\n`);
    process.stdout.write(
      formatLogins(
        report.logins,
        (row) => row.role !== 'admin' || row.password === DEV_SECRETS.ADMIN_PASSWORD,
      ),
    );
    process.stdout.write('\n');
  } finally {
    await deps.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof SeedRefusedError) process.stderr.write(`seed: ${err.message}\n`);
    else process.stderr.write(`seed failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
