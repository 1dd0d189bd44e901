import { workspaceRoute } from '@/lib/api/route';
import { parseJson } from '@/lib/api/request';
import { listSynonyms } from '@/lib/kb/synonyms/list-synonyms';
import { createSynonym } from '@/lib/kb/synonyms/create-synonym';
import { createSynonymSchema } from '@/lib/kb/synonyms/schemas';

export const GET = workspaceRoute(async ({ caller }) => listSynonyms(caller.actor), { permission: 'kb.read' });

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ synonym: await createSynonym(caller.actor, await parseJson(req, createSynonymSchema)) }),
  { permission: 'kb.write', status: 201 },
);
