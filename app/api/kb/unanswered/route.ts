import { workspaceRoute } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/request';
import { listUnansweredQuestions } from '@/lib/kb/unanswered/list-unanswered-questions';
import { listUnansweredQuery } from '@/lib/kb/unanswered/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => listUnansweredQuestions(caller.actor, parseQuery(req, listUnansweredQuery)), {
  permission: 'kb.read',
});
