/**
 * Demo data for `npm start` (re-runnable: every record is upserted by a natural key).
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD.
 */
import { config } from '../config/index.js';
import { bootstrapAdmin } from '../server/auth/service.js';
import { createDeps } from '../server/deps.js';

async function main(): Promise<void> {
  const deps = await createDeps(config, 'script');
  try {
    await bootstrapAdmin(config, deps.log);
  } finally {
    await deps.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`seed failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
