// Multipart bodies: refuse oversize ones by Content-Length before reading them.
import { AppError } from '@/lib/api/errors';
import { formatBytes } from './check-upload';

export async function readMultipart(req: Request, maxBytes: number): Promise<FormData> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data');
  }
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > maxBytes + 64 * 1024) {
    throw new AppError(413, 'payload_too_large', `Upload is too large: ${formatBytes(length)}; the limit is ${formatBytes(maxBytes)}`, {
      max_bytes: maxBytes,
    });
  }
  try {
    return await req.formData();
  } catch {
    throw new AppError(400, 'validation_error', 'Malformed multipart body');
  }
}
