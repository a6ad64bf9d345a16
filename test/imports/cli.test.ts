import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CANDIDATE_COLUMNS } from '../../server/imports/candidates.js';
import { buildPlaces, type Places, uniq } from '../support/factories.js';
import { goodCandidateRow, tempDir, toCells, writeCsv } from './fixtures.js';

function runScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join('scripts', 'import-candidates.ts'), ...args], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('CSV import command line', function () {
  this.timeout(120_000);
  let places: Places;
  let dir: string;
  let cleanup: () => void;

  before(async () => {
    places = await buildPlaces();
    ({ dir, cleanup } = tempDir());
  });
  after(() => cleanup());

  it('when some rows fail, then it exits 2, prints the summary and writes the report; unknown facility exits 1', async () => {
    const prefix = uniq('CLI');
    const file = path.join(dir, 'kandidat.csv');
    const bad = { ...goodCandidateRow(2, prefix, places.bapas.code), releaseType: 'parole' };
    writeCsv(file, CANDIDATE_COLUMNS, [
      toCells(goodCandidateRow(1, prefix, places.bapas.code)),
      toCells(bad),
    ]);
    const res = await runScript([file, '--facility', places.lapas.code]);
    assert.equal(res.code, 2, res.stderr + res.stdout);
    assert.match(res.stdout, /dibuat \(created\):\s+1/);
    assert.match(res.stdout, /gagal \(failed\):\s+1/);
    assert.match(res.stdout, /kandidat\.csv\.errors\.csv/);
    assert.ok(existsSync(`${file}.errors.csv`));

    const again = await runScript([file, '--facility', places.lapas.code]);
    assert.match(again.stdout, /tidak berubah \(unchanged\):\s+1/);

    const unknown = await runScript([file, '--facility', 'KODE-TIDAK-ADA']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /KODE-TIDAK-ADA/);

    const noFacility = await runScript([file]);
    assert.equal(noFacility.code, 1);
    assert.match(noFacility.stderr, /--facility/);
  });
});
