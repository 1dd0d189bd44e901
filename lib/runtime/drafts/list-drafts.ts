// Drafts awaiting a member's decision, newest first, with their conversation, client and agent.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { agents } from '@/lib/db/schema/agents';
import { clients, conversations, messages } from '@/lib/db/schema/crm';
import { userNames } from '@/lib/crm/present';
import { presentMessage, type Message } from '@/lib/crm/messages/present-message';
import type { ListDraftsQuery } from './schemas';

export interface DraftItem {
  message: Message;
  conversation: {
    id: string;
    title: string | null;
    channel: string;
    client: { id: string; name: string | null };
    agent: { id: string; name: string } | null;
  };
}

export async function listDrafts(actor: WorkspaceActor, q: ListDraftsQuery): Promise<{ data: DraftItem[]; next_cursor: string | null }> {
  assertCan(actor, 'conversations.read');
  return withActor(actor, async (tx) => {
    const where: SQL[] = [eq(messages.workspaceId, actor.workspaceId), eq(messages.status, 'draft')];
    if (q.agent_id) where.push(eq(conversations.agentId, q.agent_id));
    const offset = q.cursor ? Number(q.cursor) : 0;
    const rows = await tx
      .select({ message: messages, conv: conversations, clientName: clients.name, agentName: agents.name })
      .from(messages)
      .innerJoin(conversations, and(eq(conversations.id, messages.conversationId), eq(conversations.workspaceId, messages.workspaceId)))
      .innerJoin(clients, and(eq(clients.id, conversations.clientId), eq(clients.workspaceId, conversations.workspaceId)))
      .leftJoin(agents, and(eq(agents.id, conversations.agentId), eq(agents.workspaceId, conversations.workspaceId)))
      .where(and(...where))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(q.limit + 1)
      .offset(offset);
    const page = rows.slice(0, q.limit);
    const names = await userNames(tx, page.map((r) => r.message.senderUserId));
    return {
      data: page.map((r) => ({
        message: presentMessage(r.message, names),
        conversation: {
          id: r.conv.id,
          title: r.conv.title,
          channel: r.conv.channelType,
          client: { id: r.conv.clientId, name: r.clientName },
          agent: r.conv.agentId && r.agentName !== null ? { id: r.conv.agentId, name: r.agentName } : null,
        },
      })),
      next_cursor: rows.length > q.limit ? String(offset + q.limit) : null,
    };
  });
}
