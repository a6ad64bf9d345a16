import assert from 'node:assert/strict';
import path from 'node:path';
import type { Deps } from '../../server/deps.js';
import type { EmployerView } from '../../server/employers/schemas.js';
import { createWriteHooks } from '../../server/hooks.js';
import { IMPORT_ACTOR } from '../../server/imports/runner.js';
import { importVacancies, VACANCY_COLUMNS } from '../../server/imports/vacancies.js';
import { vacancyRepository } from '../../server/vacancies/repository.js';
import { testDeps } from '../support/context.js';
import { buildEmployer, uniq } from '../support/factories.js';
import { counts, pairs, readReport, tempDir, vacancyCells, vacancyRow, writeCsv } from './fixtures.js';

describe('vacancy CSV import', function () {
  this.timeout(120_000);
  let deps: Deps;
  let employer: EmployerView;
  let dir: string;
  let cleanup: () => void;

  const run = (file: string) =>
    importVacancies(
      { hooks: createWriteHooks(deps).vacancies, clock: deps.clock, actor: IMPORT_ACTOR },
      { file },
    );

  before(async () => {
    deps = await testDeps();
    employer = await buildEmployer();
    ({ dir, cleanup } = tempDir());
  });
  after(() => cleanup());

  it('when 50 rows with 3 bad ones are imported twice and then one changes, then 47 are created, then unchanged, then 1 updated', async () => {
    const ref = uniq('LOW');
    const e = { name: employer.name, id: employer.id };
    const rows = Array.from({ length: 50 }, (_, i) => vacancyRow(i, e, ref));
    rows[10]!.employerName = 'PT Tidak Ada Sama Sekali';
    rows[10]!.employerId = '';
    rows[20]!.skills = 'las listrik:mungkin';
    Object.assign(rows[30]!, { wageMin: '4000000', wageMax: '3000000', wagePeriod: 'bulan' });
    const file = path.join(dir, 'lowongan.csv');
    const starts = writeCsv(file, VACANCY_COLUMNS, rows.map(vacancyCells));
    const expected = [`${starts[10]}|employerName`, `${starts[20]}|skills`, `${starts[30]}|wageMax`].sort();

    const first = await run(file);
    assert.deepEqual(counts(first), { created: 47, updated: 0, unchanged: 0, failed: 3 });
    assert.deepEqual(pairs(first.issues), expected);
    assert.deepEqual(pairs(readReport(first.reportFile)), expected);

    const v1 = await vacancyRepository.findByExternalRef(employer.id, `${ref}-1`);
    assert.ok(v1);
    assert.deepEqual(v1.wage, { min: 2_500_000, max: 3_500_000, period: 'month' });
    assert.deepEqual(v1.skills, [
      { code: 'welding.smaw', required: true, minLevel: 'basic' },
      { code: 'welding.safety', required: false, minLevel: undefined },
    ]);
    assert.equal(v1.location.lat, -4.54);
    assert.equal(v1.nightShift, false);
    const v3 = await vacancyRepository.findByExternalRef(employer.id, `${ref}-3`);
    assert.equal(v3?.employerId, employer.id, 'rows may name the employer by id');
    assert.equal((await vacancyRepository.findByExternalRef(employer.id, `${ref}-7`))?.status, 'closed');
    assert.deepEqual(
      (await vacancyRepository.findByExternalRef(employer.id, `${ref}-0`))?.certificationsRequired,
      ['welding.smaw'],
    );

    const again = await run(file);
    assert.deepEqual(counts(again), { created: 0, updated: 0, unchanged: 47, failed: 3 });
    assert.deepEqual(again.issues, first.issues);
    assert.equal((await vacancyRepository.findByExternalRef(employer.id, `${ref}-1`))?.version, v1.version);

    rows[5]!.openings = '9';
    writeCsv(file, VACANCY_COLUMNS, rows.map(vacancyCells));
    const third = await run(file);
    assert.deepEqual(counts(third), { created: 0, updated: 1, unchanged: 46, failed: 3 });
    const v5 = await vacancyRepository.findByExternalRef(employer.id, `${ref}-5`);
    assert.equal(v5?.openings, 9);
    assert.equal(v5?.version, 2);
  });

  it('when an employer name is shared or an externalRef repeats, then those rows are reported', async () => {
    const name = `CV Kembar ${uniq()}`;
    await buildEmployer({ name });
    await buildEmployer({ name });
    const ref = uniq('DUP');
    const e = { name: employer.name, id: employer.id };
    const rows = [
      vacancyRow(1, e, ref),
      { ...vacancyRow(2, e, ref), employerName: name },
      vacancyRow(1, e, ref),
    ];
    const file = path.join(dir, 'ganda.csv');
    writeCsv(file, VACANCY_COLUMNS, rows.map(vacancyCells));
    const s = await run(file);
    assert.deepEqual(counts(s), { created: 1, updated: 0, unchanged: 0, failed: 2 });
    assert.deepEqual(pairs(s.issues), ['3|employerName', '4|externalRef']);
    assert.match(s.issues[1]!.message, /baris 2/);
  });
});
