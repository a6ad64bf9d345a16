import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { EXAMPLE_CSV } from '../../server/web/staff/import.js';
import { parseMultipart, UploadedFile } from '../../server/web/staff/multipart.js';
import { uniq } from '../support/factories.js';
import { assertAccessiblePage, location, staffWorld } from './staff-support.js';
import { csrfOf } from './support.js';

const HEADER = 'registrationNumber,fullName,birthDate,gender,province,regency,releaseDate,releaseType,skills';

describe('web: staff CSV import', () => {
  it('when staff upload a file with a bad row, then the good row is created and the bad one is reported by line and column', async () => {
    const { staff } = await staffWorld();
    const good = uniq('W01.');
    const bad = uniq('W01.');
    const csv = [
      HEADER,
      `${good},Andi Impor,1992-04-17,L,Sulawesi Selatan,Bone,2027-03-01,pb,las listrik:intermediate`,
      `${bad},Badu Impor,17/05/1990,L,Sulawesi Selatan,Bone,2027-03-01,pb,`,
    ].join('\r\n');
    const form = await staff.get('/app/import');
    assert.equal(form.status, 200);
    assertAccessiblePage(form.text, 'import form');
    assert.match(form.text, /enctype="multipart\/form-data"/);
    assert.match(form.text, /href="\/app\/import\/example.csv"/);
    const res = await staff
      .post('/app/import')
      .field('_csrf', csrfOf(form.text))
      .attach('file', Buffer.from(`\uFEFF${csv}`, 'utf8'), {
        filename: 'kandidat.csv',
        contentType: 'text/csv',
      });
    const to = location(res);
    assert.match(to, /^\/app\/import\/[0-9a-f]{8}$/);
    const result = await staff.get(to);
    assert.equal(result.status, 200);
    assertAccessiblePage(result.text, 'import result');
    assert.match(result.text, /<dt>Dibuat<\/dt><dd>1<\/dd>/);
    assert.match(result.text, /<dt>Gagal<\/dt><dd>1<\/dd>/);
    assert.match(result.text, /<th scope="row">3<\/th><td><code>birthDate<\/code><\/td><td>[^<]*YYYY-MM-DD/);
    const created = (await staff.get(`/app/cohort?q=${encodeURIComponent(good)}`)).text;
    assert.match(created, /1 hasil/);
    assert.match(created, /Andi Impor/);
    assert.match((await staff.get(`/app/cohort?q=${encodeURIComponent(bad)}`)).text, /0 hasil/);

    const report = await staff.get(`${to}/errors.csv`);
    assert.equal(report.status, 200);
    assert.match(String(report.headers['content-type']), /text\/csv/);
    assert.match(report.text, /^\uFEFFrow,field,message,messageEn\r\n3,birthDate,/);

    // English result page; another facility's staff cannot open this run.
    assert.match((await staff.get(`${to}?lng=en`)).text, /<dt>Created<\/dt>/);
    const other = await staffWorld();
    assert.equal((await other.staff.get(to)).status, 404);
  });

  it('when the CSV text is pasted instead of a file, then it is imported the same way', async () => {
    const { staff } = await staffWorld();
    const reg = uniq('W01.');
    const form = await staff.get('/app/import');
    const res = await staff
      .post('/app/import')
      .field('_csrf', csrfOf(form.text))
      .field(
        'text',
        `${HEADER}\n${reg},Citra Tempel,1995-01-02,P,Sulawesi Selatan,Bone,2027-05-01,asimilasi,`,
      );
    const result = await staff.get(location(res));
    assert.match(result.text, /<dt>Dibuat<\/dt><dd>1<\/dd>/);
    assert.match(result.text, /Impor selesai/);
    const nothing = await staff.post('/app/import').field('_csrf', csrfOf(form.text)).field('text', '');
    assert.equal(nothing.status, 400);
    assert.match(nothing.text, /Pilih berkas CSV atau tempel isinya/);
    const unknownColumn = await staff
      .post('/app/import')
      .field('_csrf', csrfOf(form.text))
      .field('text', 'registrationNumber,namaLengkap\nX1,Y');
    const fatal = await staff.get(location(unknownColumn));
    assert.match(fatal.text, /Tidak ada yang diimpor/);
    assert.match(fatal.text, /kolom tidak dikenal: &#34;namaLengkap&#34;/);
    const noCsrf = await staff.post('/app/import').attach('file', Buffer.from(HEADER), 'x.csv');
    assert.equal(noCsrf.status, 403);
  });

  it('when a multipart body is parsed, then fields, repeated names and files come out intact', () => {
    const b = 'XyZ123';
    const body = Buffer.concat([
      Buffer.from(`preamble\r\n--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\ntok\r\n`),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="s"\r\n\r\na\r\n--${b}\r\nContent-Disposition: form-data; name="s"\r\n\r\nb\r\n`,
      ),
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="k.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from('a,b\r\n"x\r\n--y",2\r\n'),
      Buffer.from(
        `\r\n--${b}\r\nContent-Disposition: form-data; name="empty"; filename=""\r\n\r\n\r\n--${b}--\r\n`,
      ),
    ]);
    const fields = parseMultipart(body, `multipart/form-data; boundary=${b}`);
    assert.equal(fields._csrf, 'tok');
    assert.deepEqual(fields.s, ['a', 'b']);
    assert.ok(fields.file instanceof UploadedFile);
    assert.equal(fields.file.filename, 'k.csv');
    assert.equal(fields.file.data.toString('utf8'), 'a,b\r\n"x\r\n--y",2\r\n');
    assert.equal(fields.empty, undefined);
  });

  it('when the example file is served, then it matches docs/examples/candidates.csv', async () => {
    const docs = await readFile(new URL('../../docs/examples/candidates.csv', import.meta.url), 'utf8');
    assert.equal(EXAMPLE_CSV, docs);
    const { staff } = await staffWorld();
    const res = await staff.get('/app/import/example.csv');
    assert.equal(res.status, 200);
    assert.equal(res.text, docs);
  });
});
