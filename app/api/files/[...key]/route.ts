import { userRoute } from '@/lib/api/route';
import { notFound } from '@/lib/api/errors';
import { getStorage } from '@/lib/storage/storage';
import { canReadFile } from '@/lib/storage/authorize-file';
import { storedFileHeaders } from '@/lib/storage/file-response';

export const GET = userRoute<{ key: string[] }>(async ({ params, caller }) => {
  const key = params.key.join('/');
  if (!(await canReadFile(caller.actor, key))) throw notFound('File');
  const file = await (await getStorage()).get(key).catch(() => null);
  if (!file) throw notFound('File');
  return new Response(file.bytes as BodyInit, { headers: storedFileHeaders(file.contentType, { cacheControl: 'private, max-age=3600' }) });
});
