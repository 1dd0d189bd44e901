import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { updateUnansweredQuestion } from '@/lib/kb/unanswered/update-unanswered-question';
import { deleteUnansweredQuestion } from '@/lib/kb/unanswered/delete-unanswered-question';
import { updateUnansweredSchema } from '@/lib/kb/unanswered/schemas';

type P = { id: string };

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    question: await updateUnansweredQuestion(caller.actor, uuidParam(params.id, 'Question'), await parseJson(req, updateUnansweredSchema)),
  }),
  { permission: 'kb.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteUnansweredQuestion(caller.actor, uuidParam(params.id, 'Question'));
    return null;
  },
  { permission: 'kb.write' },
);
