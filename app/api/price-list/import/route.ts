import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { AppError } from '@/lib/api/errors';
import { importPriceList } from '@/lib/crm/price-list/import-price-list';
import { importPriceSchema } from '@/lib/crm/price-list/schemas';

const MAX_BYTES = 2_000_000;

/** JSON {csv, mapping?, mode?}, or multipart with a `file` and optional `mapping` (JSON text) and `mode`. */
async function readBody(req: Request): Promise<unknown> {
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/')) return parseJson(req, importPriceSchema);
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BYTES * 1.1) throw new AppError(413, 'payload_too_large', 'The file must be at most 2 MB');
  const form = await req.formData().catch(() => {
    throw new AppError(400, 'validation_error', 'Unreadable multipart body', { fields: [{ field: 'file', code: 'invalid', message: 'Unreadable upload' }] });
  });
  const file = form.get('file');
  if (!(file instanceof Blob)) throw new AppError(400, 'validation_error', 'Invalid value for: file', { fields: [{ field: 'file', code: 'required', message: 'Attach the CSV file as file' }] });
  if (file.size > MAX_BYTES) throw new AppError(413, 'payload_too_large', 'The file must be at most 2 MB');
  let mapping: unknown;
  const rawMapping = form.get('mapping');
  if (typeof rawMapping === 'string' && rawMapping.trim()) {
    try {
      mapping = JSON.parse(rawMapping);
    } catch {
      throw new AppError(400, 'validation_error', 'Invalid value for: mapping', { fields: [{ field: 'mapping', code: 'invalid_json', message: 'mapping must be JSON' }] });
    }
  }
  const mode = form.get('mode');
  return { csv: await file.text(), ...(mapping ? { mapping } : {}), ...(typeof mode === 'string' && mode ? { mode } : {}) };
}

export const POST = workspaceRoute(async ({ req, caller }) => importPriceList(caller.actor, await readBody(req)), { permission: 'crm.write' });
