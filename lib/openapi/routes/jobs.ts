// Background-work routes.
import { defineRoute } from '../registry';
import { deadJobsQuerySchema, deadJobsResponseSchema } from '@/lib/jobs/list-dead-jobs';
import { backgroundWorkSchema } from '@/lib/jobs/scheduled/get-background-work';

defineRoute({
  method: 'get',
  path: '/api/jobs/dead',
  tag: 'Jobs',
  summary: 'Due work and events that failed every attempt (dead letters) in this workspace',
  permission: 'audit.read',
  query: deadJobsQuerySchema,
  response: deadJobsResponseSchema,
});

defineRoute({
  method: 'get',
  path: '/api/admin/background-work',
  tag: 'Jobs',
  summary:
    'The Background work panel: the scheduled jobs (weekly clean-up, embeddings refresh) with last and next run, result and errors; which engine runs background work (never a key); this workspace’s outbox and due-work backlog',
  permission: 'audit.read',
  response: backgroundWorkSchema,
});
