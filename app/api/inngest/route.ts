// The endpoint Inngest (Dev Server, Cloud or self-hosted) calls to run our functions;
// requests are verified with INNGEST_SIGNING_KEY by the SDK, not by our auth wrappers.
import { serve } from 'inngest/next';
import { inngest } from '@/lib/jobs/inngest-client';
import { functions } from '@/inngest/functions';

export const runtime = 'nodejs';

export const { GET, POST, PUT } = serve({ client: inngest, functions });
