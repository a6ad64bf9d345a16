import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { employerRepository } from '../../server/employers/repository.js';
import { facilityRepository } from '../../server/facilities/repository.js';
import { createWriteHooks } from '../../server/hooks.js';
import { importCandidates } from '../../server/imports/candidates.js';
import { IMPORT_ACTOR } from '../../server/imports/runner.js';
import { importVacancies } from '../../server/imports/vacancies.js';
import { testDeps } from '../support/context.js';
import { buildEmployer, buildFacility } from '../support/factories.js';
import { counts, tempDir } from './fixtures.js';

describe('CSV import documentation examples', () => {
  it('when the example files in docs/examples are imported, then every row is created', async () => {
    const deps = await testDeps();
    const hooks = createWriteHooks(deps);
    const lapas = await buildFacility('lapas');
    // The files name the demo seed's Bapas and employer, which another suite of this run may have made.
    if (!(await facilityRepository.findByCode('BAPAS-WATAMPONE'))) {
      await buildFacility('bapas', { code: 'BAPAS-WATAMPONE' });
    }
    const named = await employerRepository.list({ q: 'CV Sinar Las Watampone' }, 0, 1);
    if (named.total === 0) await buildEmployer({ name: 'CV Sinar Las Watampone' });
    const { dir, cleanup } = tempDir();
    try {
      // Copied first: the error report is written next to the input, never into the repository.
      for (const f of ['candidates.csv', 'vacancies.csv']) {
        copyFileSync(path.join('docs', 'examples', f), path.join(dir, f));
      }
      const c = await importCandidates(
        { hooks: hooks.candidates, clock: deps.clock, actor: IMPORT_ACTOR },
        { file: path.join(dir, 'candidates.csv'), facilityCode: lapas.code },
      );
      assert.deepEqual(
        counts(c),
        { created: 3, updated: 0, unchanged: 0, failed: 0 },
        JSON.stringify(c.issues),
      );
      const v = await importVacancies(
        { hooks: hooks.vacancies, clock: deps.clock, actor: IMPORT_ACTOR },
        { file: path.join(dir, 'vacancies.csv') },
      );
      assert.deepEqual(
        counts(v),
        { created: 2, updated: 0, unchanged: 0, failed: 0 },
        JSON.stringify(v.issues),
      );
    } finally {
      cleanup();
    }
  });
});
