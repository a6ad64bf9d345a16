import type { ApiBuilder } from './api.js';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain, script-free page listing every operation, grouped by tag, with a link to the OpenAPI file. */
export function renderDocsPage(api: ApiBuilder, base: string): string {
  const routes = api.describe();
  const tags = [...new Set(routes.flatMap((r) => r.tags))].sort();
  const sections = tags
    .map((tag) => {
      const rows = routes
        .filter((r) => r.tags.includes(tag))
        .map(
          (r) =>
            `<tr><td><code>${r.method.toUpperCase()}</code></td><td><code>${escapeHtml(base + r.path)}</code></td><td>${escapeHtml(
              r.summary,
            )}</td><td>${escapeHtml(r.auth === 'public' ? 'publik / public' : r.auth.join(', '))}</td></tr>`,
        )
        .join('');
      return `<section><h2 id="${escapeHtml(tag)}">${escapeHtml(tag)}</h2><table><thead><tr><th>Metode</th><th>Alamat</th><th>Keterangan</th><th>Peran</th></tr></thead><tbody>${rows}</tbody></table></section>`;
    })
    .join('');
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bekal Kerja API</title></head><body><main><h1>Bekal Kerja API v1</h1><p>Dokumen OpenAPI 3.1 lengkap (skema permintaan dan jawaban): <a href="${base}/openapi.json">${base}/openapi.json</a>. Semua galat berbentuk <code>{ error: { code, message, messageEn, details?, requestId } }</code>. Masuk lewat <code>POST ${base}/auth/login</code>, lalu kirim <code>Authorization: Bearer &lt;token&gt;</code>.</p><p lang="en">The full OpenAPI 3.1 document (request and response schemas) is at the link above. Every error has the shape shown; sign in, then send the bearer token.</p>${sections}</main></body></html>`;
}
