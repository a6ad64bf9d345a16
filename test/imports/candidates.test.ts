import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listAudit } from '../../server/audit/service.js';
import { SYSTEM_ACTOR } from '../../server/auth/actor.js';
import { candidateRepository } from '../../server/candidates/repository.js';
import { setConsent, updateCandidate } from '../../server/candidates/service.js';
import type { Deps } from '../../server/deps.js';
import { createWriteHooks } from '../../server/hooks.js';
import { CANDIDATE_COLUMNS, importCandidates } from '../../server/imports/candidates.js';
import { IMPORT_ACTOR, ImportSetupError } from '../../server/imports/runner.js';
import { testDeps } from '../support/context.js';
import { buildPlaces, dayFromNow, type Places, uniq } from '../support/factories.js';
import {
  BAD_KINDS,
  badCandidateRow,
  counts,
  goodCandidateRow,
  pairs,
  readReport,
  tempDir,
  toCells,
  writeCsv,
} from './fixtures.js';

const bench = (label: string, ms: number, rows: number) => {
  if (process.env.IMPORT_BENCH) {
    process.stderr.write(
      `[bench] ${label}: ${(ms / 1000).toFixed(1)} s, ${Math.round(rows / (ms / 1000))} rows/s\n`,
    );
  }
};

describe('candidate CSV import', function () {
  this.timeout(600_000);
  let deps: Deps;
  let places: Places;
  let dir: string;
  let cleanup: () => void;

  const run = (file: string, facilityCode = places.lapas.code) =>
    importCandidates(
      { hooks: createWriteHooks(deps).candidates, clock: deps.clock, actor: IMPORT_ACTOR },
      { file, facilityCode },
    );

  before(async () => {
    deps = await testDeps();
    places = await buildPlaces();
    ({ dir, cleanup } = tempDir());
  });
  after(() => cleanup());

  describe('a 10,000-row file with 100 bad rows', () => {
    const prefix = uniq('W');
    let own: Places;
    const rows: string[][] = [];
    const expected: string[] = [];
    let file: string;
    let starts: number[];
    const fieldsByIndex = new Map<number, string[]>();

    before(async () => {
      own = await buildPlaces();
      let kind = 0;
      for (let i = 0; i < 10_000; i++) {
        if (i % 100 === 50) {
          const bad = badCandidateRow(
            kind++,
            i,
            prefix,
            { bapas: own.bapas.code, lapas: own.lapas.code },
            goodCandidateRow(i - 1, prefix, own.bapas.code).registrationNumber,
          );
          rows.push(bad.cells);
          fieldsByIndex.set(i, bad.fields);
        } else {
          rows.push(toCells(goodCandidateRow(i, prefix, own.bapas.code)));
        }
      }
      assert.equal(fieldsByIndex.size, 100);
      assert.ok(kind >= BAD_KINDS, 'every kind of bad row appears');
      file = path.join(dir, 'kandidat-10k.csv');
      starts = writeCsv(file, CANDIDATE_COLUMNS, rows);
      for (const [i, fields] of fieldsByIndex) for (const f of fields) expected.push(`${starts[i]}|${f}`);
      expected.sort();
    });

    it('when imported, then 9,900 profiles are created and the report names exactly the bad lines and columns', async () => {
      const t0 = Date.now();
      const s = await run(file, own.lapas.code);
      bench('10k create', Date.now() - t0, 10_000);
      assert.deepEqual(counts(s), { created: 9_900, updated: 0, unchanged: 0, failed: 100 });
      assert.equal(s.rows, 10_000);
      assert.equal(s.fatal, undefined);
      assert.deepEqual(pairs(s.issues), expected);
      assert.ok(existsSync(s.reportFile));
      assert.equal(s.reportFile, `${file}.errors.csv`);
      const report = readReport(s.reportFile);
      assert.deepEqual(pairs(report), expected);
      assert.deepEqual(report, s.issues);
      for (const i of report) assert.ok(i.message && i.messageEn, JSON.stringify(i));

      const dup = report.find((i) => i.row === starts[5 * 100 + 50] && i.field === 'registrationNumber');
      assert.match(dup?.message ?? '', new RegExp(`baris ${starts[5 * 100 + 49]}\\b`));
      const skill = report.find((i) => i.row === starts[2 * 100 + 50]);
      assert.match(skill?.message ?? '', /butir 1 \("las lisrik:basic"\)/);
      assert.match(skill?.messageEn ?? '', /welding\.smaw/);

      const { total } = await candidateRepository.list({ facilityId: own.lapas.id }, 0, 1);
      assert.equal(total, 9_900);
      const sample = await candidateRepository.findByRegistration(own.lapas.id, `${prefix}-0/2025`);
      assert.ok(sample);
      assert.equal(sample.bapasId, own.bapas.id);
      assert.deepEqual(sample.skills, [
        { code: 'welding.smaw', level: 'intermediate', evidence: 'training' },
        { code: 'welding.safety', level: 'basic', evidence: undefined },
      ]);
      assert.deepEqual(sample.domicile.location, { lat: -4.53, lng: 120.32 });
      assert.equal(sample.contact.email, 'wbp0@test.bekalkerja.local');
      assert.deepEqual(sample.consent.shareWithEmployers, true);
      assert.equal(sample.history[0]?.by, SYSTEM_ACTOR.userId);
      const audit = await listAudit({ candidateId: sample.id }, 1, 10);
      assert.equal(audit.items[0]?.actor.name, 'Impor CSV');
      const multiLine = await candidateRepository.findByRegistration(own.lapas.id, `${prefix}-7/2025`);
      assert.equal(multiLine?.notes, 'Catatan, "penting"\nbaris kedua 7');
    });

    it('when the same file is imported again, then nothing is written and the same errors are reported', async () => {
      const before = await candidateRepository.findByRegistration(own.lapas.id, `${prefix}-3/2025`);
      const t0 = Date.now();
      const s = await run(file, own.lapas.code);
      bench('10k re-import', Date.now() - t0, 10_000);
      assert.deepEqual(counts(s), { created: 0, updated: 0, unchanged: 9_900, failed: 100 });
      assert.deepEqual(pairs(s.issues), expected);
      const after = await candidateRepository.findByRegistration(own.lapas.id, `${prefix}-3/2025`);
      assert.equal(after?.version, before?.version);
      assert.equal(after?.history.length, before?.history.length);
      assert.equal((await listAudit({ candidateId: after?.id }, 1, 10)).total, 1);
    });

    it("when one row's release date changes, then exactly that profile is updated and its history shows the change", async () => {
      const i = 12;
      const changed = goodCandidateRow(i, prefix, own.bapas.code);
      const oldDate = changed.releaseDate;
      changed.releaseDate = dayFromNow(3);
      rows[i] = toCells(changed);
      writeCsv(file, CANDIDATE_COLUMNS, rows);
      const s = await run(file, own.lapas.code);
      assert.deepEqual(counts(s), { created: 0, updated: 1, unchanged: 9_899, failed: 100 });
      assert.deepEqual(pairs(s.issues), expected);
      const c = await candidateRepository.findByRegistration(own.lapas.id, changed.registrationNumber);
      const h = c?.history.at(-1);
      assert.deepEqual(
        { field: h?.field, from: h?.from, to: h?.to, role: h?.role, by: h?.by },
        {
          field: 'release.expectedDate',
          from: oldDate,
          to: changed.releaseDate,
          role: 'admin',
          by: SYSTEM_ACTOR.userId,
        },
      );
      assert.equal(c?.history.length, 2);
    });
  });

  it('when the facility code is unknown or not a custody facility, then the import refuses before reading', async () => {
    const file = path.join(dir, 'kosong.csv');
    writeCsv(file, ['registrationNumber'], [['X-1']]);
    await assert.rejects(run(file, 'TIDAK-ADA-KODE'), (e: Error) => {
      assert.ok(e instanceof ImportSetupError);
      assert.match(e.message, /TIDAK-ADA-KODE/);
      return true;
    });
    await assert.rejects(run(file, places.bapas.code), ImportSetupError);
    assert.equal(existsSync(`${file}.errors.csv`), false);
  });

  it('when the header has an unknown column or lacks registrationNumber, then nothing is written and line 1 is reported', async () => {
    const regNo = uniq('HDR-');
    const file = path.join(dir, 'header.csv');
    writeCsv(file, ['registrationNumber', 'fullName', 'tanggalLahir'], [[regNo, 'Andi', '1990-01-01']]);
    const s = await run(file);
    assert.ok(s.fatal);
    assert.deepEqual(pairs(s.issues), ['1|']);
    assert.match(s.issues[0]!.message, /tanggalLahir/);
    assert.equal(await candidateRepository.findByRegistration(places.lapas.id, regNo), null);

    writeCsv(file, ['fullName'], [['Andi']]);
    const s2 = await run(file);
    assert.ok(s2.fatal);
    assert.match(s2.issues[0]!.messageEn, /registrationNumber/);
  });

  it('when the file uses semicolons, CRLF, a BOM, header spellings and blank rows, then lines are still the physical ones', async () => {
    const prefix = uniq('S');
    const file = path.join(dir, 'excel.csv');
    const good = (i: number) => toCells(goodCandidateRow(i, prefix, places.bapas.code));
    const badDate = toCells({ ...goodCandidateRow(3, prefix, places.bapas.code), birthDate: '17/05/1990' });
    const multi = toCells({ ...goodCandidateRow(4, prefix, places.bapas.code), notes: 'satu\ndua\ntiga' });
    const blank = CANDIDATE_COLUMNS.map(() => '');
    const header = CANDIDATE_COLUMNS.map((c, i) => (i === 0 ? 'Registration Number' : c));
    const starts = writeCsv(file, header, [good(1), multi, blank, good(2), badDate], {
      delimiter: ';',
      eol: '\r\n',
      bom: true,
    });
    const s = await run(file);
    assert.deepEqual(counts(s), { created: 3, updated: 0, unchanged: 0, failed: 1 });
    assert.deepEqual(pairs(s.issues), [`${starts[4]}|birthDate`]);
    assert.equal(starts[4], 8);
    const report = readFileSync(s.reportFile, 'utf8');
    assert.ok(report.startsWith('\uFEFFrow;field;message;messageEn\r\n'), report);
  });

  it('when a training raised a skill after the first import, then re-importing the old file does not lower it', async () => {
    const prefix = uniq('T');
    const file = path.join(dir, 'skills.csv');
    const row = { ...goodCandidateRow(1, prefix, places.bapas.code), skills: 'welding.smaw:basic' };
    writeCsv(file, CANDIDATE_COLUMNS, [toCells(row)]);
    assert.equal((await run(file)).created, 1);
    const c = await candidateRepository.findByRegistration(places.lapas.id, row.registrationNumber);
    await updateCandidate(
      SYSTEM_ACTOR,
      c!.id,
      { skills: [{ code: 'welding.smaw', level: 'advanced', evidence: 'training' }] },
      { now: new Date() },
    );
    const again = await run(file);
    assert.deepEqual(counts(again), { created: 0, updated: 0, unchanged: 1, failed: 0 });

    writeCsv(file, CANDIDATE_COLUMNS, [
      toCells({ ...row, skills: 'welding.smaw:basic; welding.safety:basic' }),
    ]);
    assert.equal((await run(file)).updated, 1);
    const after = await candidateRepository.findByRegistration(places.lapas.id, row.registrationNumber);
    assert.deepEqual(after?.skills, [
      { code: 'welding.smaw', level: 'advanced', evidence: 'training' },
      { code: 'welding.safety', level: 'basic', evidence: undefined },
    ]);
  });

  it('when the person withdrew consent themselves, then a file saying otherwise is reported and not applied', async () => {
    const prefix = uniq('C');
    const file = path.join(dir, 'consent.csv');
    const row = { ...goodCandidateRow(3, prefix, places.bapas.code), shareWithEmployers: 'ya' };
    writeCsv(file, CANDIDATE_COLUMNS, [toCells(row)]);
    assert.equal((await run(file)).created, 1);
    const c = await candidateRepository.findByRegistration(places.lapas.id, row.registrationNumber);
    const person = {
      userId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      role: 'candidate',
      email: 'wbp@x.local',
      name: 'WBP',
    } as const;
    await setConsent(
      { ...person, candidateId: c!.id },
      c!.id,
      { shareWithEmployers: false, contactByEmail: c!.consent.contactByEmail },
      { now: new Date() },
    );
    const s = await run(file);
    assert.deepEqual(counts(s), { created: 0, updated: 0, unchanged: 0, failed: 1 });
    assert.deepEqual(pairs(s.issues), ['2|shareWithEmployers']);
    const after = await candidateRepository.findByRegistration(places.lapas.id, row.registrationNumber);
    assert.equal(after?.consent.shareWithEmployers, false);

    // Staff may still change it when the file and the person agree, through setConsent.
    writeCsv(file, CANDIDATE_COLUMNS, [
      toCells({ ...row, shareWithEmployers: 'tidak', contactByEmail: 'ya' }),
    ]);
    const s2 = await run(file);
    assert.deepEqual(counts(s2), { created: 0, updated: 1, unchanged: 0, failed: 0 });
    const h = (
      await candidateRepository.findByRegistration(places.lapas.id, row.registrationNumber)
    )?.history.at(-1);
    assert.equal(h?.field, 'consent.contactByEmail');
    assert.equal(h?.role, 'admin');
  });

  it('when a row for an existing profile leaves cells empty, then those fields are kept', async () => {
    const prefix = uniq('E');
    const file = path.join(dir, 'partial.csv');
    const row = goodCandidateRow(0, prefix, places.bapas.code);
    writeCsv(file, CANDIDATE_COLUMNS, [toCells(row)]);
    assert.equal((await run(file)).created, 1);
    const newDate = dayFromNow(5);
    writeCsv(file, ['registrationNumber', 'releaseDate', 'email'], [[row.registrationNumber, newDate, '']]);
    const s = await run(file);
    assert.deepEqual(counts(s), { created: 0, updated: 1, unchanged: 0, failed: 0 });
    const c = await candidateRepository.findByRegistration(places.lapas.id, row.registrationNumber);
    assert.equal(c?.release.expectedDate.toISOString().slice(0, 10), newDate);
    assert.equal(c?.contact.email, 'wbp0@test.bekalkerja.local');
    assert.equal(c?.fullName, row.fullName);
  });
});
