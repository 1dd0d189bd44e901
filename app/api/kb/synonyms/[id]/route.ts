import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { updateSynonym } from '@/lib/kb/synonyms/update-synonym';
import { deleteSynonym } from '@/lib/kb/synonyms/delete-synonym';
import { updateSynonymSchema } from '@/lib/kb/synonyms/schemas';

type P = { id: string };

export const PATCH = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    synonym: await updateSynonym(caller.actor, uuidParam(params.id, 'Synonym'), await parseJson(req, updateSynonymSchema)),
  }),
  { permission: 'kb.write' },
);

export const DELETE = workspaceRoute<P>(
  async ({ params, caller }) => {
    await deleteSynonym(caller.actor, uuidParam(params.id, 'Synonym'));
    return null;
  },
  { permission: 'kb.write' },
);
