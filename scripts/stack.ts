/**
 * The local stack: `npm run stack -- up | down | status`.
 * `up` leaves the servers running for later `npm start` / `npm test` runs, which then reuse them.
 */
import { config } from '../config/index.js';
import { StackError } from './stack/errors.js';
import { downStack, stackStatus, upStack } from './stack/stack.js';

const log = (m: string) => process.stdout.write(`[stack] ${m}\n`);

async function main(): Promise<void> {
  const cmd = process.argv[2] ?? 'status';
  if (cmd === 'up') {
    const handle = await upStack(config, { mode: 'persistent', log });
    log(`ready: ${handle.services.map((s) => s.name).join(', ')} — stop with npm run stack -- down`);
  } else if (cmd === 'down') {
    await downStack(config, log);
  } else if (cmd === 'status') {
    for (const line of await stackStatus(config)) process.stdout.write(`${line}\n`);
  } else {
    process.stderr.write('usage: npm run stack -- up | down | status\n');
    process.exitCode = 2;
  }
}

main().catch((err: unknown) => {
  if (err instanceof StackError) {
    process.stderr.write(`\n[stack] ${err.message}\n`);
    process.exit(1);
  }
  throw err;
});
