// Any /api path no route claims: the JSON error envelope (404 not_found), never the HTML
// not-found page, for every method. More specific routes always win over this catch-all.
import { publicRoute } from '@/lib/api/route';
import { AppError } from '@/lib/api/errors';

const unknownEndpoint = publicRoute(async ({ req }) => {
  throw new AppError(404, 'not_found', `No API endpoint ${req.method} ${new URL(req.url).pathname}`);
});

export const GET = unknownEndpoint;
export const HEAD = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const DELETE = unknownEndpoint;
export const OPTIONS = unknownEndpoint;
