// What tasks and notes hang on: a client, a deal (conversation) or both, all of the actor's
// workspace. A deal alone also names its client, so the client card shows the deal's tasks
// and notes. Unknown or foreign ids are a 400 naming the field (never a hint about other tenants).
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { badRequest } from '@/lib/api/errors';
import { memberships } from '@/lib/db/schema/core';
import { clients, conversations } from '@/lib/db/schema/crm';

export function invalidRef(field: string, message: string, code = 'not_found') {
  return badRequest(`Invalid value for: ${field}`, { fields: [{ field, code, message }] });
}

export interface ActivityTarget {
  clientId: string;
  conversationId: string | null;
  clientName: string;
}

export async function resolveActivityTarget(
  tx: Tx,
  workspaceId: string,
  input: { client_id?: string | null; conversation_id?: string | null },
): Promise<ActivityTarget> {
  let conv: { id: string; clientId: string } | undefined;
  if (input.conversation_id) {
    [conv] = await tx
      .select({ id: conversations.id, clientId: conversations.clientId })
      .from(conversations)
      .where(and(eq(conversations.id, input.conversation_id), eq(conversations.workspaceId, workspaceId)));
    if (!conv) throw invalidRef('conversation_id', 'No such deal in this workspace');
  }
  const clientId = input.client_id ?? conv?.clientId;
  if (!clientId) throw invalidRef('client_id', 'Give client_id or conversation_id', 'required');
  if (conv && input.client_id && conv.clientId !== input.client_id) {
    throw invalidRef('conversation_id', 'This deal belongs to another client', 'client_mismatch');
  }
  const [client] = await tx
    .select({ id: clients.id, name: clients.name })
    .from(clients)
    .where(and(eq(clients.id, clientId), eq(clients.workspaceId, workspaceId)));
  if (!client) throw invalidRef('client_id', 'No such client in this workspace');
  return { clientId: client.id, conversationId: conv?.id ?? null, clientName: client.name };
}

/** The responsible person of a task must be a member of the workspace. */
export async function assertMember(tx: Tx, workspaceId: string, userId: string, field = 'responsible_user_id') {
  const [m] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!m) throw invalidRef(field, 'Not a member of this workspace', 'not_a_member');
}
