import { randomBytes } from 'node:crypto';
import { config } from '../../config/index.js';
import { createDeps } from '../../server/deps.js';
import { loadEvalSet } from './matching/load.js';
import { configFor, dropNamespace } from './matching/namespace.js';
import { readEvalSet } from './matching/set.js';

const runId = randomBytes(3).toString('hex');
const ns = { database: `bk_evaltime_${runId}`, indexPrefix: `et${runId}_`, queuePrefix: `bket${runId}` };
const deps = await createDeps(configFor(config, ns, { LOG_LEVEL: 'warn' }), 'script');
const t = Date.now();
await loadEvalSet(deps, readEvalSet());
console.log('load', Date.now() - t);
await dropNamespace(deps, ns);
await deps.close();
process.exit(0);
