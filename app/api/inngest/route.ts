// The endpoint Inngest (Dev Server, Cloud or self-hosted) calls to run our functions;
// requests are verified with INNGEST_SIGNING_KEY by the SDK, not by our auth wrappers.
// Without Inngest configured it answers 503 with the error envelope (the SDK would 500).
import type { NextRequest } from 'next/server';
import { serve } from 'inngest/next';
import { publicRoute } from '@/lib/api/route';
import { AppError } from '@/lib/api/errors';
import { inngest } from '@/lib/jobs/inngest-client';
import { getEnv } from '@/lib/env';
import { functions } from '@/inngest/functions';

export const runtime = 'nodejs';

const handlers = serve({ client: inngest, functions });

function servable(method: 'GET' | 'POST' | 'PUT') {
  return publicRoute(async ({ req }) => {
    const env = getEnv();
    if (!env.INNGEST_SIGNING_KEY && !env.INNGEST_DEV) {
      throw new AppError(503, 'jobs_not_configured', 'Inngest is not configured on this server; background jobs run in-process');
    }
    return (handlers[method] as (req: NextRequest, ctx: unknown) => Promise<Response>)(req, undefined);
  });
}

export const GET = servable('GET');
export const POST = servable('POST');
export const PUT = servable('PUT');
