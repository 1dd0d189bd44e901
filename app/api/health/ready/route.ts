import { publicRoute } from '@/lib/api/route';
import { readiness } from '@/lib/health/readiness';
import { mayReadReadinessDetails } from '@/lib/health/readiness-access';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(async ({ req, meta }) => {
  const r = await readiness();
  const body = (await mayReadReadinessDetails(req, meta)) ? r : { status: r.status };
  return Response.json(body, { status: r.ready ? 200 : 503 });
});
