// Reading import files and writing their error reports. CSV only (RFC 4180 quoting), UTF-8 with or
// without a byte-order mark, comma or semicolon separated (Indonesian Excel saves with semicolons).

import { createReadStream } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { pipeline, Transform } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

/** One data record with the physical line (1-based, header = line 1) where it starts. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** The file cannot be read as CSV (missing, unreadable, broken quoting). Nothing should be written. */
export class CsvFileError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CsvFileError';
  }
}

export type Delimiter = ',' | ';';

/** Picks the separator from the header line: the more frequent of `,` and `;` outside quotes. */
export async function sniffDelimiter(path: string): Promise<Delimiter> {
  const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new CsvFileError(
      `Berkas tidak dapat dibuka: ${path} (${err.code ?? err.message})`,
      `Cannot open the file: ${path} (${err.code ?? err.message})`,
    );
  });
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    let commas = 0;
    let semicolons = 0;
    let quoted = false;
    for (const ch of text) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === '\n' || ch === '\r')) break;
      else if (!quoted && ch === ',') commas++;
      else if (!quoted && ch === ';') semicolons++;
    }
    return semicolons > commas ? ';' : ',';
  } finally {
    await handle.close();
  }
}

/**
 * Maps byte offsets to physical line numbers while the file streams through. csv-parse reports the
 * byte offset where each record ends reliably, but its own line counter miscounts CRLF files, so the
 * lines are counted here from the bytes themselves.
 */
class LineTracker {
  private newlines: number[] = [];
  private dropped = 0;
  private ptr = 0;
  private chunks: { start: number; buf: Buffer }[] = [];
  private size = 0;

  push(buf: Buffer): void {
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) this.newlines.push(this.size + i);
    this.chunks.push({ start: this.size, buf });
    this.size += buf.length;
  }

  /** Line of byte `pos`; calls must not go backwards. */
  lineAt(pos: number): number {
    while (this.ptr < this.newlines.length && this.newlines[this.ptr]! < pos) this.ptr++;
    return this.dropped + this.ptr + 1;
  }

  /** Line of the first byte in [from, to) that is not a line break (records skip blank lines). */
  startLine(from: number, to: number): number {
    let pos = from;
    while (pos < to) {
      const b = this.byteAt(pos);
      if (b !== 10 && b !== 13) break;
      pos++;
    }
    return this.lineAt(pos);
  }

  /** Forgets bytes before `pos` (records are read in order). */
  release(pos: number): void {
    while (this.chunks.length > 1 && this.chunks[0]!.start + this.chunks[0]!.buf.length <= pos) {
      this.chunks.shift();
    }
    if (this.ptr > 50_000) {
      this.newlines.splice(0, this.ptr);
      this.dropped += this.ptr;
      this.ptr = 0;
    }
  }

  private byteAt(pos: number): number | undefined {
    for (const c of this.chunks) {
      if (pos >= c.start && pos < c.start + c.buf.length) return c.buf[pos - c.start];
    }
    return undefined;
  }
}

const PARSE_PROBLEMS: Partial<Record<string, [string, string]>> = {
  CSV_QUOTE_NOT_CLOSED: ['tanda kutip tidak ditutup', 'a quote is never closed'],
  CSV_INVALID_CLOSING_QUOTE: [
    'ada karakter tepat setelah tanda kutip penutup',
    'characters right after a closing quote',
  ],
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: [
    'ada karakter tepat setelah tanda kutip penutup',
    'characters right after a closing quote',
  ],
  CSV_MAX_RECORD_SIZE: ['satu baris terlalu panjang', 'a record is too long'],
};

/**
 * Streams the records of a CSV file with the line each starts on. The first record is the header.
 * Rows whose cells are all blank (Excel leaves them at the end of sheets) are skipped. Broken
 * quoting throws CsvFileError naming the line of the record it happened in.
 */
export async function* readCsv(path: string, delimiter: Delimiter): AsyncGenerator<CsvRecord> {
  const tracker = new LineTracker();
  const source = createReadStream(path);
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      tracker.push(chunk);
      done(null, chunk);
    },
  });
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: 1_000_000,
  });
  pipeline(source, tap, parser, () => undefined);
  let prevEnd = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      const end = item.info.bytes;
      const line = tracker.startLine(prevEnd, end);
      prevEnd = end;
      tracker.release(end);
      if (item.record.every((c) => c.trim() === '')) continue;
      yield { line, cells: item.record };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = tracker.startLine(prevEnd, Number(err.bytes ?? prevEnd));
      const [id, en] = PARSE_PROBLEMS[err.code] ?? ['format CSV tidak dapat dibaca', 'unreadable CSV'];
      throw new CsvFileError(
        `CSV rusak di baris ${line}: ${id}`,
        `Broken CSV at line ${line}: ${en} (${err.message})`,
        line,
      );
    }
    const e = err as NodeJS.ErrnoException;
    throw new CsvFileError(
      `Berkas tidak dapat dibaca: ${path} (${e.code ?? e.message})`,
      `Cannot read the file: ${path} (${e.code ?? e.message})`,
    );
  } finally {
    source.destroy();
  }
}

/** A header cell reduced to letters and digits, so `Registration Number` matches `registrationNumber`. */
export function headerKey(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Quotes a cell for CSV output. Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`)
 * get a leading apostrophe, since reports echo values taken from the imported file.
 */
export function csvCell(value: string | number, delimiter: Delimiter = ','): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes a small CSV file (UTF-8 with BOM so Excel shows non-ASCII text, CRLF line ends). */
export async function writeCsvFile(
  path: string,
  header: string[],
  rows: (string | number)[][],
  delimiter: Delimiter = ',',
): Promise<void> {
  const lines = [header, ...rows].map((r) => r.map((c) => csvCell(c, delimiter)).join(delimiter));
  await writeFile(path, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
