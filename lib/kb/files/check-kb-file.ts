// Checks one uploaded knowledge-base file (size, then real type by magic bytes)
// with the shared upload check, naming the file in any refusal.
import { AppError } from '@/lib/api/errors';
import { formatBytes, readUpload, type CheckedFile } from '@/lib/storage/check-upload';
import { cleanFileName } from '@/lib/storage/file-name';
import { KB_FILE_TYPES, KB_TEXT_TYPES } from './file-types';

const ALLOWED = [...new Set(Object.values(KB_FILE_TYPES))];

export async function checkKbFile(file: File, maxBytes: number): Promise<CheckedFile> {
  // readUpload reads one file per field: hand it each file of a multi-file upload on its own.
  const single = new FormData();
  single.append('files', file);
  try {
    const checked = await readUpload(single, 'files', { maxBytes, allowed: KB_FILE_TYPES, textTypes: KB_TEXT_TYPES });
    return checked;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fileName = cleanFileName(file.name, 'bin');
    if (err.status === 413) {
      throw new AppError(413, 'payload_too_large', `"${fileName}" is too large: ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}`, {
        field: 'files',
        file_name: fileName,
        size: file.size,
        max_bytes: maxBytes,
      });
    }
    if (err.status === 415) {
      const detected = (err.details as { detected?: string | null } | undefined)?.detected ?? null;
      throw new AppError(415, 'unsupported_media_type', `"${fileName}" is not an accepted file type; allowed: ${ALLOWED.join(', ')}`, {
        field: 'files',
        file_name: fileName,
        detected,
        allowed: ALLOWED,
      });
    }
    throw new AppError(err.status, err.code, `"${fileName}": ${err.message}`, {
      fields: [{ field: 'files', message: `${fileName}: ${err.message}` }],
      file_name: fileName,
    });
  }
}
