// Every minute: relays outbox events that were not delivered when their request finished
// (Inngest was down, a send failed), so none is lost.
import { inngest } from '@/lib/jobs/inngest-client';
import { relayOutbox } from '@/lib/jobs/relay-outbox';

export const relayOutboxCron = inngest.createFunction(
  {
    id: 'relay-outbox',
    name: 'Relay pending outbox events',
    triggers: [{ cron: '* * * * *' }],
    concurrency: [{ limit: 1 }],
  },
  async ({ step }) => step.run('relay', () => relayOutbox()),
);
