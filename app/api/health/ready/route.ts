import { publicRoute } from '@/lib/api/route';
import { readiness } from '@/lib/health/readiness';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(async () => {
  const r = await readiness();
  return Response.json(r, { status: r.ready ? 200 : 503 });
});
