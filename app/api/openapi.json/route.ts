import { publicRoute } from '@/lib/api/route';
import { openApiDocument } from '@/lib/openapi/document';

export const GET = publicRoute(async () => openApiDocument());
