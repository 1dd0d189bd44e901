// Any /api path no route claims: the JSON error envelope (404 not_found), never the HTML
// not-found page, for every method. More specific routes always win over this catch-all.
import { publicRoute, type BaseContext } from '@/lib/api/route';
import { AppError } from '@/lib/api/errors';

async function unknownEndpoint({ req }: BaseContext): Promise<never> {
  throw new AppError(404, 'not_found', `No API endpoint ${req.method} ${new URL(req.url).pathname}`);
}

export const GET = publicRoute(unknownEndpoint);
export const HEAD = publicRoute(unknownEndpoint);
export const POST = publicRoute(unknownEndpoint);
export const PUT = publicRoute(unknownEndpoint);
export const PATCH = publicRoute(unknownEndpoint);
export const DELETE = publicRoute(unknownEndpoint);
export const OPTIONS = publicRoute(unknownEndpoint);
