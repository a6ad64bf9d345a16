/** One detail of a failed request: which field, and what is wrong with it. */
export interface ErrorDetail {
  path: string;
  code: string;
  message: string;
  messageEn?: string;
  [extra: string]: unknown;
}

export interface AppErrorOptions {
  code: string;
  status: number;
  /** What a person reads, in Bahasa Indonesia. */
  message: string;
  /** The same in English. */
  messageEn: string;
  details?: ErrorDetail[];
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error type services throw. The error middleware turns it into
 * `{ error: { code, message, messageEn, details?, requestId } }` with `status`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageEn: string;
  readonly details?: ErrorDetail[];
  readonly headers?: Record<string, string>;

  constructor(opts: AppErrorOptions) {
    super(opts.message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = opts.code;
    this.status = opts.status;
    this.messageEn = opts.messageEn;
    this.details = opts.details;
    this.headers = opts.headers;
  }
}

/** Shorthands for the common cases, so services read as the rule they enforce. */
export const errors = {
  validation(details: ErrorDetail[]): AppError {
    const paths = details.map((d) => d.path).join(', ');
    return new AppError({
      code: 'validation_failed',
      status: 400,
      message: `Data tidak valid: ${paths}`,
      messageEn: `Invalid input: ${paths}`,
      details,
    });
  },
  field(path: string, message: string, messageEn: string, extra: Record<string, unknown> = {}): AppError {
    return errors.validation([{ path, code: 'invalid', message, messageEn, ...extra }]);
  },
  notFound(what: string, whatEn = what): AppError {
    return new AppError({
      code: 'not_found',
      status: 404,
      message: `${what} tidak ditemukan`,
      messageEn: `${whatEn} not found`,
    });
  },
  unauthenticated(): AppError {
    return new AppError({
      code: 'unauthenticated',
      status: 401,
      message: 'Silakan masuk terlebih dahulu',
      messageEn: 'Sign-in required',
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  },
  forbidden(
    message = 'Anda tidak berhak melakukan tindakan ini',
    messageEn = 'You may not do this',
  ): AppError {
    return new AppError({ code: 'forbidden', status: 403, message, messageEn });
  },
  conflict(message: string, messageEn: string, details?: ErrorDetail[]): AppError {
    return new AppError({ code: 'conflict', status: 409, message, messageEn, details });
  },
  unavailable(service: string, cause?: unknown): AppError {
    return new AppError({
      code: 'service_unavailable',
      status: 503,
      message: `Layanan ${service} sedang tidak tersedia; coba lagi sebentar lagi`,
      messageEn: `${service} is unavailable right now; try again shortly`,
      headers: { 'Retry-After': '5' },
      cause,
    });
  },
};
