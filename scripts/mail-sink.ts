/**
 * Local SMTP sink for development and tests: accepts all mail on the SMTP port and shows it over HTTP.
 *
 *   GET    /api/messages[?to=addr&limit=n]  newest first: [{ id, from, to, subject, text, html, date, headers }]
 *   DELETE /api/messages                   clears the store
 *   GET    /api/health                      { service: 'bekal-mail-sink', smtpPort, count }
 *   GET    /                                a plain HTML list for people reading demo alerts
 *
 * Test hooks by recipient address: a local part containing `+reject550` is refused with a permanent
 * 550 at RCPT TO; `+tempfailN` gets a temporary 451 for its first N attempts, then is accepted.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const { values } = parseArgs({
  options: {
    'smtp-port': { type: 'string', default: '1025' },
    'http-port': { type: 'string', default: '8025' },
    max: { type: 'string', default: '20000' },
  },
});
const smtpPort = Number(values['smtp-port']);
const httpPort = Number(values['http-port']);
const maxMessages = Number(values.max);

interface StoredMessage {
  id: string;
  from: string;
  to: string[];
  envelopeTo: string[];
  subject: string;
  text: string;
  html: string;
  date: string;
  headers: Record<string, string>;
}

const messages: StoredMessage[] = [];
const tempFailures = new Map<string, number>();

function addresses(obj: AddressObject | AddressObject[] | undefined): string[] {
  if (!obj) return [];
  const list = Array.isArray(obj) ? obj : [obj];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '').filter(Boolean));
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onRcptTo(address, _session, callback) {
    const rcpt = address.address.toLowerCase();
    const local = rcpt.split('@')[0] ?? '';
    if (local.includes('+reject550')) {
      const err = Object.assign(new Error('5.1.1 Mailbox unavailable (test rejection)'), {
        responseCode: 550,
      });
      callback(err);
      return;
    }
    const temp = /\+tempfail(\d+)/.exec(local);
    if (temp) {
      const seen = tempFailures.get(rcpt) ?? 0;
      if (seen < Number(temp[1])) {
        tempFailures.set(rcpt, seen + 1);
        const err = Object.assign(new Error('4.2.1 Try again later (test deferral)'), { responseCode: 451 });
        callback(err);
        return;
      }
    }
    callback();
  },
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((parsed) => {
        const headers: Record<string, string> = {};
        for (const line of parsed.headerLines)
          headers[line.key] = line.line.slice(line.key.length + 1).trim();
        messages.unshift({
          id: randomUUID(),
          from:
            addresses(parsed.from)[0] ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
          to: addresses(parsed.to),
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          date: (parsed.date ?? new Date()).toISOString(),
          headers,
        });
        if (messages.length > maxMessages) messages.length = maxMessages;
        callback();
      })
      .catch((err: Error) => callback(err));
  },
});

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const payload = type === 'application/json' ? JSON.stringify(body) : String(body);
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(payload);
}

const web = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${httpPort}`);
  if (url.pathname === '/api/health') {
    send(res, 200, { service: 'bekal-mail-sink', smtpPort, count: messages.length });
  } else if (url.pathname === '/api/messages' && req.method === 'GET') {
    const to = url.searchParams.get('to')?.toLowerCase();
    const limit = Number(url.searchParams.get('limit') ?? maxMessages);
    const list = to
      ? messages.filter((m) => [...m.to, ...m.envelopeTo].some((a) => a.toLowerCase() === to))
      : messages;
    send(res, 200, list.slice(0, limit));
  } else if (url.pathname === '/api/messages' && req.method === 'DELETE') {
    messages.length = 0;
    tempFailures.clear();
    send(res, 200, { cleared: true });
  } else if (url.pathname === '/' && req.method === 'GET') {
    const rows = messages
      .slice(0, 200)
      .map(
        (m) =>
          `<article><h2>${escapeHtml(m.subject)}</h2><p>${escapeHtml(m.date)} — ${escapeHtml(m.from)} → ${escapeHtml(
            m.to.join(', '),
          )}</p><pre>${escapeHtml(m.text)}</pre></article>`,
      )
      .join('<hr>');
    send(
      res,
      200,
      `<!doctype html><html lang="id"><meta charset="utf-8"><title>Kotak surat lokal (${messages.length})</title><body><h1>Kotak surat lokal — ${messages.length} pesan</h1>${rows || '<p>Belum ada pesan.</p>'}</body></html>`,
      'text/html',
    );
  } else {
    send(res, 404, { error: 'not found' });
  }
});

smtp.on('error', (err) => process.stderr.write(`smtp error: ${err.message}\n`));
smtp.listen(smtpPort, '127.0.0.1', () => {
  web.listen(httpPort, '127.0.0.1', () => {
    process.stdout.write(`mail sink: smtp://127.0.0.1:${smtpPort}, http://127.0.0.1:${httpPort}\n`);
  });
});

function shutdown(): void {
  web.close();
  smtp.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
