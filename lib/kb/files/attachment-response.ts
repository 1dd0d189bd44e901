// A download response that makes browsers save the file under its original name
// (RFC 6266 with the RFC 5987 UTF-8 form for non-ASCII names) and never render it.
import { FILE_CSP } from '@/lib/storage/file-response';
import type { ArticleFileDownload } from './read-article-file';

export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function attachmentResponse(file: ArticleFileDownload): Response {
  return new Response(file.bytes as BodyInit, {
    headers: {
      'Content-Type': file.fileType,
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': contentDisposition(file.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': FILE_CSP,
      'Cache-Control': 'private, no-store',
    },
  });
}
