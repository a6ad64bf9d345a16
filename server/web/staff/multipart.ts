// A small multipart/form-data reader for one upload form (the CSV import), so the project needs no
// parser dependency. The whole body is buffered up to a fixed limit; text fields become strings and
// file fields UploadedFile values in req.body, where the web framework's CSRF check finds `_csrf`.

import type { Request, RequestHandler } from 'express';
import { SESSION_COOKIE } from '../framework.js';

/** A file sent with the form. */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly data: Buffer,
  ) {}
}

export class MultipartError extends Error {
  constructor(readonly reason: 'too_large' | 'malformed') {
    super(reason);
    this.name = 'MultipartError';
  }
}

function boundaryOf(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function headerParam(header: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  if (m) return m[1]!.replace(/\\(.)/g, '$1');
  const bare = new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(header);
  return bare?.[1];
}

/**
 * Splits a buffered multipart body into fields. Repeated names become arrays (like the urlencoded
 * parser); a file input left empty (no file name, no bytes) is dropped.
 */
export function parseMultipart(body: Buffer, contentType: string): Record<string, unknown> {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new MultipartError('malformed');
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  const fields: Record<string, unknown> = {};
  const add = (name: string, value: unknown) => {
    const prev = fields[name];
    if (prev === undefined) fields[name] = value;
    else fields[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  };
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('malformed');
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 45 && body[pos + 1] === 45) break; // "--": the closing delimiter
    if (body[pos] !== 13 || body[pos + 1] !== 10) throw new MultipartError('malformed');
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new MultipartError('malformed');
    const headers = body.subarray(pos, headerEnd).toString('utf8').split('\r\n');
    const start = headerEnd + 4;
    const end = body.indexOf(next, start);
    if (end < 0) throw new MultipartError('malformed');
    const content = body.subarray(start, end);
    const disposition = headers.find((h) => /^content-disposition:/i.test(h)) ?? '';
    const type = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '') ?? '';
    const name = headerParam(disposition, 'name');
    const filename = headerParam(disposition, 'filename');
    if (name && name !== '__proto__') {
      if (filename === undefined) add(name, content.toString('utf8'));
      else if (filename !== '' || content.length > 0)
        add(name, new UploadedFile(filename, type, Buffer.from(content)));
    }
    pos = end + 2;
  }
  return fields;
}

async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new MultipartError('too_large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Express middleware for one route: parses a multipart body into req.body (only for requests that
 * carry a session cookie; others are refused by the route without being read). A body over `maxBytes`
 * (declared or actual) is not read further; the browser is sent to `onTooLarge` (a GET page that
 * explains the limit). Other content types pass through untouched.
 */
export function multipartForm(maxBytes: number, onTooLarge: string): RequestHandler {
  return async (req, res, next) => {
    const type = req.get('content-type') ?? '';
    if (!/^multipart\/form-data/i.test(type)) return next();
    // Without a session cookie the request is refused anyway (sign-in, CSRF): do not read megabytes first.
    if (!new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`).test(req.headers.cookie ?? '')) return next();
    const declared = Number(req.get('content-length') ?? '0');
    try {
      if (declared > maxBytes) throw new MultipartError('too_large');
      req.body = parseMultipart(await readBody(req, maxBytes), type);
      next();
    } catch (err) {
      if (!(err instanceof MultipartError)) return next(err);
      if (err.reason === 'too_large') {
        // Stop reading and close the connection once the redirect is sent.
        res.set('Connection', 'close');
        res.redirect(303, onTooLarge);
        req.resume();
        return;
      }
      req.body = { _multipart: 'malformed' };
      next();
    }
  };
}
