// API reference (Swagger UI served from our own origin; nothing is fetched from a CDN),
// under a slim header that leads back to the dashboard.
import { getLocale, getTranslations } from 'next-intl/server';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page({ lang, title, back, nonce }: { lang: string; title: string; back: string; nonce: string }) {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="/icon.svg" type="image/svg+xml" />
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
  <style>
    body { margin: 0; background: #fff; }
    .docs-header { display: flex; align-items: center; gap: 12px; padding: 10px 20px; border-bottom: 1px solid #e5e7eb;
      font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background: #fff; position: sticky; top: 0; z-index: 10; }
    .docs-header a { color: #4f46e5; text-decoration: none; font-weight: 500; }
    .docs-header a:hover { text-decoration: underline; }
    .docs-header span { color: #6b7280; }
    @media (prefers-color-scheme: dark) {
      body { background: #0b0d12; }
      .docs-header { background: #0b0d12; border-color: #1f2937; }
      .docs-header a { color: #a5b4fc; }
      .docs-header span { color: #9ca3af; }
      .swagger-ui { filter: invert(0.92) hue-rotate(180deg); }
      .swagger-ui .microlight, .swagger-ui img { filter: invert(1) hue-rotate(180deg); }
    }
  </style>
</head>
<body>
  <header class="docs-header">
    <a href="/dashboard" data-testid="docs-back">&larr; ${escapeHtml(back)}</a>
    <span aria-hidden="true">·</span>
    <span>${escapeHtml(title)}</span>
  </header>
  <div id="swagger-ui"></div>
  <script nonce="${nonce}" src="/docs/assets/swagger-ui-bundle.js"></script>
  <script nonce="${nonce}">
    window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });
  </script>
</body>
</html>`;
}

export async function GET(req: Request) {
  const t = await getTranslations('nav.apiDocs');
  // The proxy's per-request CSP nonce (base64 only; anything else is dropped).
  const given = req.headers.get('x-nonce') ?? '';
  const nonce = /^[A-Za-z0-9+/=]{16,64}$/.test(given) ? given : '';
  const html = page({ lang: await getLocale(), title: t('title'), back: t('back'), nonce });
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
