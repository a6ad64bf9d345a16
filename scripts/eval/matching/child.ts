/**
 * Runs the evaluation in a process of its own and writes the result as JSON to the file named by the
 * first argument. The quality test starts it: a process has a single mongoose connection, and the
 * evaluation needs a database of its own, so it cannot borrow the test process's connection.
 *
 * The namespace is always the configured one plus a `quality` suffix (see qualityNamespace), so this
 * never writes to or drops a database it did not create.
 */
import fs from 'node:fs';
import { config } from '../../../config/index.js';
import { createDeps } from '../../../server/deps.js';
import { evaluateMatching } from './evaluate.js';
import { configFor, dropNamespace, qualityNamespace } from './namespace.js';
import { readEvalSet, readQrels } from './set.js';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: child.ts <result.json>');
  const ns = qualityNamespace(config);
  const deps = await createDeps(configFor(config, ns), 'script');
  try {
    const result = await evaluateMatching(deps, readEvalSet(), readQrels());
    fs.writeFileSync(out, JSON.stringify(result));
  } finally {
    await dropNamespace(deps, ns);
    await deps.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`matching evaluation failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
