// JSON {csv, mapping?, mode?} or multipart (file, mapping as JSON text, mode).
import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { AppError } from '@/lib/api/errors';
import { importClients, IMPORT_MAX_BYTES } from '@/lib/crm/clients/import-clients';
import { importInputSchema, invalidField } from '@/lib/crm/clients/schemas';

export const POST = workspaceRoute(
  async ({ req, caller }) => {
    const type = req.headers.get('content-type')?.toLowerCase() ?? '';
    if (!type.startsWith('multipart/')) return importClients(caller.actor, await parseJson(req, importInputSchema));
    const declared = Number(req.headers.get('content-length'));
    if (declared > IMPORT_MAX_BYTES + 64 * 1024) throw new AppError(413, 'payload_too_large', 'The file is larger than 5 MB', { max_bytes: IMPORT_MAX_BYTES });
    const form = await req.formData().catch(() => {
      throw invalidField('file', 'The body is not a readable multipart form', 'invalid_form');
    });
    const file = form.get('file');
    if (!(file instanceof Blob)) throw invalidField('file', 'Attach the CSV as `file`', 'required');
    if (file.size > IMPORT_MAX_BYTES) throw new AppError(413, 'payload_too_large', 'The file is larger than 5 MB', { max_bytes: IMPORT_MAX_BYTES });
    let mapping: unknown;
    const rawMapping = form.get('mapping');
    if (typeof rawMapping === 'string' && rawMapping.trim()) {
      try {
        mapping = JSON.parse(rawMapping);
      } catch {
        throw invalidField('mapping', 'mapping must be a JSON object of column to target', 'invalid_json');
      }
    }
    const mode = form.get('mode');
    return importClients(caller.actor, { csv: await file.text(), mapping, mode: typeof mode === 'string' && mode ? mode : undefined });
  },
  { permission: 'crm.write', rateLimit: 'crud' },
);
