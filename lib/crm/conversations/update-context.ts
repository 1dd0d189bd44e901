// PATCH /api/conversations/:id/context: merges keys into the dialog's context (seed 004),
// null removes a key; one context_updated event per changed key; `version` is optional here
// (the agent runtime merges without reading first), and checked when given.
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { presentConversation, requireConversationRow } from './load-conversations';
import { updateContextSchema } from './schemas';
import { contextDiff, recordContextEvents } from './update-conversation';
import { assertVersion, writeConversation } from './write-conversation';

export async function updateContext(actor: WorkspaceActor, id: string, raw: Record<string, unknown>) {
  assertCan(actor, 'conversations.write');
  const { version, ...keys } = updateContextSchema.parse(raw) as Record<string, unknown> & { version?: number };
  return withActor(actor, async (tx) => {
    const before = await requireConversationRow(tx, actor, id);
    assertVersion(before, version);
    const current = before.context ?? {};
    const next: Record<string, unknown> = { ...current };
    for (const [k, v] of Object.entries(keys)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    const diff = contextDiff(current, next);
    if (!diff.length) return presentConversation(before);
    await writeConversation(tx, actor, before, { context: next });
    await recordContextEvents(tx, actor, before, diff);
    await recordAudit(tx, actor, {
      action: 'update_conversation_context',
      entityType: 'conversation',
      entityId: before.id,
      oldValues: Object.fromEntries(diff.map((d) => [d.key, d.old])),
      newValues: Object.fromEntries(diff.map((d) => [d.key, d.new])),
    });
    return presentConversation(await requireConversationRow(tx, actor, before.id));
  });
}
