// Screens of Lapas staff (Giatja) and BLK trainers: the cohort, skill profiles, training and
// certificate records, batch training results and the CSV import.

import { createWriteHooks } from '../../hooks.js';
import type { ScreenModule } from '../index.js';
import { registerBatchScreens } from './batch.js';
import { registerCohortScreens } from './cohort.js';
import { resultStore } from './common.js';
import { registerImportScreens } from './import.js';
import { registerRecordScreens } from './records.js';

/** Registers every staff and trainer screen; writes carry the shared hooks so search sync fires. */
export const staffScreens: ScreenModule = (web, deps) => {
  const hooks = createWriteHooks(deps).candidates;
  const store = resultStore(deps);
  registerImportScreens(web, deps, hooks, store);
  registerCohortScreens(web, hooks);
  registerRecordScreens(web, hooks);
  registerBatchScreens(web, hooks, store, deps.log);
};
