import { workspaceRoute } from '@/lib/api/route';
import { parseOptionalJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { rejectDraft } from '@/lib/runtime/drafts/reject-draft';
import { rejectDraftSchema } from '@/lib/runtime/drafts/schemas';

type P = { id: string; messageId: string };

export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    message: await rejectDraft(
      caller.actor,
      uuidParam(params.id, 'Conversation'),
      uuidParam(params.messageId, 'Message'),
      await parseOptionalJson(req, rejectDraftSchema),
    ),
  }),
  { permission: 'conversations.write' },
);
