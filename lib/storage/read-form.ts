// Multipart bodies with a size limit that holds while the body streams: a declared
// Content-Length over the limit is refused before reading, and a body without one
// (chunked) is cut off and refused as soon as it passes the limit, never read whole first.
import { AppError } from '@/lib/api/errors';
import { formatBytes } from './check-upload';
import { MULTIPART_OVERHEAD } from './upload-limits';

function tooLarge(maxBytes: number, size?: number): AppError {
  const what = size === undefined ? 'Upload is too large' : `Upload is too large: ${formatBytes(size)}`;
  return new AppError(413, 'payload_too_large', `${what}; the limit is ${formatBytes(maxBytes)}`, { max_bytes: maxBytes });
}

/** The body as a stream that errors once more than `limit` bytes went through it. */
function capped(body: ReadableStream<Uint8Array>, limit: number, onExceeded: () => void): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          onExceeded();
          controller.error(new Error('body over the limit'));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

export async function readMultipart(req: Request, maxBytes: number): Promise<FormData> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data');
  }
  const limit = maxBytes + MULTIPART_OVERHEAD;
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(maxBytes, Number(declared));
  if (!req.body) throw new AppError(400, 'validation_error', 'Malformed multipart body');

  let exceeded = false;
  const counted = new Request(req.url, {
    method: 'POST',
    headers: { 'content-type': type },
    body: capped(req.body, limit, () => (exceeded = true)),
    duplex: 'half',
  } as RequestInit);
  try {
    return await counted.formData();
  } catch {
    // The erroring transform has cancelled the client's stream: nothing more is read.
    if (exceeded) throw tooLarge(maxBytes);
    throw new AppError(400, 'validation_error', 'Malformed multipart body');
  }
}
