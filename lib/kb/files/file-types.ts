// What a knowledge-base file may be, where it is stored, and how many come at once.
import crypto from 'node:crypto';

export const KB_FILE_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'text/plain': 'TXT',
  'text/markdown': 'MD',
  'text/html': 'HTML',
  'text/csv': 'CSV',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
};

/** Text formats have no magic bytes; their extension decides when the bytes are UTF-8 text. */
export const KB_TEXT_TYPES: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  csv: 'text/csv',
};


export function kbFileKey(workspaceId: string, articleId: number, ext: string): string {
  const safeExt = /^[a-z0-9]{1,10}$/i.test(ext) ? ext.toLowerCase() : 'bin';
  return `workspaces/${workspaceId}/kb/${articleId}/${crypto.randomUUID()}.${safeExt}`;
}
