import nodemailer from 'nodemailer';
import type { Config } from '../../config/index.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic Message-ID, so a message can be recognised if it is ever seen twice downstream. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface SendResult {
  messageId: string;
  response: string;
}

/** Why a send failed: `permanent` (5xx, bad address) must not be retried; `temporary` may be. */
export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
  verify(): Promise<boolean>;
  close(): void;
}

/**
 * The one module that uses nodemailer: a pooled SMTP transport. Errors are classified so callers can
 * retry temporary failures (4xx, connection problems) and give up on permanent ones (5xx).
 */
export function createMailer(config: Pick<Config, 'SMTP_URL' | 'SMTP_POOL_SIZE' | 'MAIL_FROM'>): Mailer {
  const url = new URL(config.SMTP_URL);
  const transport = nodemailer.createTransport({
    pool: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    maxConnections: config.SMTP_POOL_SIZE,
    maxMessages: 500,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Local sinks speak plain SMTP; real servers upgrade with STARTTLS when offered.
    ignoreTLS: url.hostname === '127.0.0.1' || url.hostname === 'localhost',
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: config.MAIL_FROM,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: mail.headers,
        });
        return { messageId: String(info.messageId ?? mail.messageId), response: String(info.response ?? '') };
      } catch (err) {
        const e = err as { responseCode?: number; code?: string; message: string };
        const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
        throw new MailError(e.message, code !== undefined && code >= 500 && code < 600, code);
      }
    },
    async verify() {
      try {
        return await transport.verify();
      } catch {
        return false;
      }
    },
    close() {
      transport.close();
    },
  };
}
