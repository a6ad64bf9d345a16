import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../infra/logger.js';
import { AppError, type ErrorDetail, errors } from './errors.js';
import { zodDetails } from './validate.js';

/** Unknown routes: the same error shape as everything else. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(
    new AppError({
      code: 'route_not_found',
      status: 404,
      message: `Alamat ${req.method} ${req.path} tidak ada`,
      messageEn: `No route ${req.method} ${req.path}`,
    }),
  );
};

interface MongoServerErrorLike {
  code?: number;
  keyPattern?: Record<string, unknown>;
  keyValue?: Record<string, unknown>;
  name?: string;
}

/** Maps any thrown value to an AppError; unknown errors become a bare 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return errors.validation(zodDetails(err));
  // Mongoose errors are recognised by name so the HTTP layer does not depend on the ODM.
  const named = err as { name?: string; errors?: Record<string, { kind?: string; message: string }> };
  if (named?.name === 'ValidationError' && named.errors) {
    const details: ErrorDetail[] = Object.entries(named.errors).map(([path, e]) => ({
      path,
      code: 'invalid',
      message: `nilai tidak valid (${e.kind})`,
      messageEn: e.message,
    }));
    return errors.validation(details);
  }
  const cast = err as { name?: string; path?: string; kind?: string };
  if (cast?.name === 'CastError') {
    return errors.field(cast.path ?? 'id', 'format tidak valid', `invalid ${cast.kind ?? 'value'}`);
  }
  const mongoErr = err as MongoServerErrorLike;
  if (mongoErr?.code === 11000) {
    const fields = Object.keys(mongoErr.keyPattern ?? mongoErr.keyValue ?? {});
    return errors.conflict(
      `Data yang sama sudah ada (${fields.join(', ')})`,
      `A record with the same ${fields.join(', ')} already exists`,
      fields.map((f) => ({
        path: f,
        code: 'duplicate',
        message: 'sudah dipakai',
        messageEn: 'already in use',
      })),
    );
  }
  if (
    mongoErr?.name === 'MongoServerSelectionError' ||
    mongoErr?.name === 'MongoNetworkError' ||
    mongoErr?.name === 'MongoNotConnectedError' ||
    mongoErr?.name === 'MongoTopologyClosedError'
  ) {
    return errors.unavailable('database', err);
  }
  const bodyErr = err as { type?: string; status?: number };
  if (bodyErr?.type === 'entity.parse.failed') {
    return new AppError({
      code: 'invalid_json',
      status: 400,
      message: 'Isi permintaan bukan JSON yang valid',
      messageEn: 'The request body is not valid JSON',
      details: [
        { path: 'body', code: 'invalid_json', message: 'JSON tidak valid', messageEn: 'invalid JSON' },
      ],
    });
  }
  if (bodyErr?.type === 'entity.too.large') {
    return new AppError({
      code: 'payload_too_large',
      status: 413,
      message: 'Isi permintaan terlalu besar',
      messageEn: 'The request body is too large',
    });
  }
  if (bodyErr?.type === 'encoding.unsupported' || bodyErr?.type === 'charset.unsupported') {
    return new AppError({
      code: 'unsupported_encoding',
      status: 415,
      message: 'Encoding tidak didukung',
      messageEn: 'Unsupported encoding',
    });
  }
  return new AppError({
    code: 'internal_error',
    status: 500,
    message: 'Terjadi kesalahan pada server',
    messageEn: 'Something went wrong on the server',
    cause: err,
  });
}

/** The one error handler: every error leaves with the same body shape and never with internals. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appErr = toAppError(err);
    const requestId = String(req.id ?? '');
    if (appErr.status >= 500) {
      log.error({ err: appErr.cause ?? err, requestId, path: req.path }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (appErr.headers) res.set(appErr.headers);
    res.status(appErr.status).json({
      error: {
        code: appErr.code,
        message: appErr.message,
        messageEn: appErr.messageEn,
        ...(appErr.details ? { details: appErr.details } : {}),
        requestId,
      },
    });
  };
}
