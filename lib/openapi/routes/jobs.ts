// Background-work routes.
import { defineRoute } from '../registry';
import { deadJobsQuerySchema, deadJobsResponseSchema } from '@/lib/jobs/list-dead-jobs';

defineRoute({
  method: 'get',
  path: '/api/jobs/dead',
  tag: 'Jobs',
  summary: 'Due work and events that failed every attempt (dead letters) in this workspace',
  permission: 'audit.read',
  query: deadJobsQuerySchema,
  response: deadJobsResponseSchema,
});
