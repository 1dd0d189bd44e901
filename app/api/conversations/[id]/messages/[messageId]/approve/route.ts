import { workspaceRoute } from '@/lib/api/route';
import { parseOptionalJson } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { approveDraft } from '@/lib/runtime/drafts/approve-draft';
import { approveDraftSchema } from '@/lib/runtime/drafts/schemas';

type P = { id: string; messageId: string };

// No body approves as written; { "content": "…" } edits, then approves.
export const POST = workspaceRoute<P>(
  async ({ req, params, caller }) => ({
    message: await approveDraft(
      caller.actor,
      uuidParam(params.id, 'Conversation'),
      uuidParam(params.messageId, 'Message'),
      await parseOptionalJson(req, approveDraftSchema),
    ),
  }),
  { permission: 'conversations.write' },
);
