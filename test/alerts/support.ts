import { config } from '../../config/index.js';

export interface SinkMessage {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  date: string;
  headers: Record<string, string>;
}

const sinkUrl = `http://127.0.0.1:${config.MAIL_SINK_HTTP_PORT}/api/messages`;

/** Messages the local SMTP sink received for one address (newest first). */
export async function messagesTo(address: string): Promise<SinkMessage[]> {
  const res = await fetch(`${sinkUrl}?to=${encodeURIComponent(address)}`);
  return (await res.json()) as SinkMessage[];
}

/** The ledger keys a message carries (one message may deliver several keys, e.g. a digest). */
export function keysOf(m: SinkMessage): string[] {
  const raw = m.headers['x-bekal-keys'] ?? '';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
