// Checks an uploaded file's size and real type (magic bytes, not the client's claim).
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '@/lib/api/errors';
import { cleanFileName } from './file-name';

export interface CheckedFile {
  bytes: Uint8Array;
  mime: string;
  ext: string;
  name: string;
  size: number;
}

export async function readUpload(
  form: FormData,
  field: string,
  opts: { maxBytes: number; allowed: Record<string, string>; textTypes?: Record<string, string> },
): Promise<CheckedFile> {
  const file = form.get(field);
  if (!file || typeof file === 'string') {
    throw new AppError(400, 'validation_error', `Attach a file in the "${field}" field`, {
      fields: [{ field, message: 'file is required' }],
    });
  }
  if (file.size > opts.maxBytes) {
    throw new AppError(413, 'payload_too_large', `File is too large: ${formatBytes(file.size)}; the limit is ${formatBytes(opts.maxBytes)}`, {
      field,
      size: file.size,
      max_bytes: opts.maxBytes,
    });
  }
  if (file.size === 0) {
    throw new AppError(400, 'validation_error', 'The file is empty', { fields: [{ field, message: 'file is empty' }] });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  let mime = detected?.mime as string | undefined;
  let ext = detected?.ext as string | undefined;
  if (!mime && opts.textTypes) {
    // Text formats have no magic bytes: trust the extension only if the bytes are valid UTF-8 text.
    const byExt = opts.textTypes[(file.name.split('.').pop() ?? '').toLowerCase()];
    if (byExt && isUtf8Text(bytes)) {
      mime = byExt;
      ext = file.name.split('.').pop()!.toLowerCase();
    }
  }
  if (!mime || !opts.allowed[mime]) {
    const allowed = [...new Set(Object.values(opts.allowed))].join(', ');
    throw new AppError(415, 'unsupported_media_type', `This file type is not accepted (${mime ?? 'unknown'}); allowed: ${allowed}`, {
      field,
      detected: mime ?? null,
    });
  }
  return { bytes, mime, ext: ext ?? 'bin', name: cleanFileName(file.name, ext ?? 'bin'), size: file.size };
}

function isUtf8Text(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024), { stream: true });
    return !text.includes('\u0000');
  } catch {
    return false;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
