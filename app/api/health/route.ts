import { publicRoute } from '@/lib/api/route';
import { VERSION } from '@/lib/health/readiness';

export const dynamic = 'force-dynamic';

export const GET = publicRoute(async () => ({ status: 'ok', version: VERSION, time: new Date().toISOString() }));
