// API reference (Swagger UI served from our own origin; nothing is fetched from a CDN).
const page = (nonce: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>AI Sales Agents — API reference</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
  <style>
    body { margin: 0; background: #fff; }
    @media (prefers-color-scheme: dark) {
      body { background: #0b0d12; }
      .swagger-ui { filter: invert(0.92) hue-rotate(180deg); }
      .swagger-ui .microlight, .swagger-ui img { filter: invert(1) hue-rotate(180deg); }
    }
  </style>
</head>
<body>
  <div id="swagger-ui"></div>
  <script nonce="${nonce}" src="/docs/assets/swagger-ui-bundle.js"></script>
  <script nonce="${nonce}">
    window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });
  </script>
</body>
</html>`;

export function GET(req: Request) {
  // The proxy's per-request CSP nonce (base64 only; anything else is dropped).
  const nonce = /^[A-Za-z0-9+/=]{16,64}$/.test(req.headers.get('x-nonce') ?? '') ? req.headers.get('x-nonce')! : '';
  return new Response(page(nonce), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
