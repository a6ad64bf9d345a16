import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { csvCell, csvHeaders, toCsv } from '../../server/reports/csv.js';

describe('reports: csv', () => {
  it('when a cell is plain text or a number, then it is written as is', () => {
    assert.equal(csvCell('Las Listrik SMAW'), 'Las Listrik SMAW');
    assert.equal(csvCell(0.333), '0.333');
    assert.equal(csvCell(-4), '-4');
    assert.equal(csvCell(0), '0');
  });

  it('when a cell is null, undefined or not a finite number, then it is empty', () => {
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(Number.NaN), '');
  });

  it('when text holds a separator, quote or line break, then it is quoted with quotes doubled', () => {
    assert.equal(csvCell('Fabrikasi Pagar, Teralis'), '"Fabrikasi Pagar, Teralis"');
    assert.equal(csvCell('BLK "Maju"'), '"BLK ""Maju"""');
    assert.equal(csvCell('baris\nbaru'), '"baris\nbaru"');
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell(' spasi'), '" spasi"');
  });

  it('when text starts like a spreadsheet formula, then an apostrophe keeps it text', () => {
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('+62 812'), "'+62 812");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  });

  it('when a table is written, then csv-parse reads back the same cells, short rows padded', () => {
    const text = toCsv(
      ['key', 'label', 'n'],
      [
        ['a', 'Menjahit, "Dasar"\r\nlanjutan', 3],
        ['b', null],
      ],
    );
    assert.ok(text.endsWith('\r\n'));
    assert.deepEqual(parse(text), [
      ['key', 'label', 'n'],
      ['a', 'Menjahit, "Dasar"\r\nlanjutan', '3'],
      ['b', '', ''],
    ]);
  });

  it('when a file name has unsafe characters, then the header keeps only safe ones', () => {
    assert.deepEqual(csvHeaders('laporan "Bone"/2025.csv'), {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="laporan-Bone-2025.csv"',
    });
  });
});
