// How a stored file leaves our origin: never rendered as a page of ours. Images
// (not SVG, which can carry script) and PDF may show inline; everything else is a
// download. Always nosniff and a sandbox CSP, so even a mislabelled HTML file is inert.
export const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf']);

export const FILE_CSP = "sandbox; default-src 'none'";

export function storedFileHeaders(contentType: string, opts: { cacheControl: string }): Record<string, string> {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const inline = INLINE_TYPES.has(type);
  return {
    'Content-Type': inline ? type : contentType || 'application/octet-stream',
    'Content-Disposition': inline ? 'inline' : 'attachment',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': FILE_CSP,
    'Cache-Control': opts.cacheControl,
  };
}
