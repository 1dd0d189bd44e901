// What a visitor may see of their conversation: the customer's own messages and the replies
// that went out (agent or operator, sent/delivered/read). Never drafts, rejected or failed
// agent text, system lines, internal data or the turn trace: only id, role, text, time, status.
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { conversations, messages } from '@/lib/db/schema/crm';

export interface PublicMessage {
  id: string;
  role: 'user' | 'agent' | 'operator';
  text: string;
  created_at: string;
  status: string;
}

const OUT_VISIBLE = ['sent', 'delivered', 'read'] as const;
const IN_VISIBLE = ['received', 'queued', 'sent', 'delivered', 'read'] as const;

type Row = Pick<typeof messages.$inferSelect, 'id' | 'role' | 'content' | 'createdAt' | 'status'>;

export function isPublicMessage(m: Pick<Row, 'role' | 'status'>): boolean {
  if (m.role === 'user') return (IN_VISIBLE as readonly string[]).includes(m.status);
  if (m.role === 'agent' || m.role === 'operator') return (OUT_VISIBLE as readonly string[]).includes(m.status);
  return false;
}

export function presentPublicMessage(m: Row): PublicMessage {
  return { id: m.id, role: m.role as PublicMessage['role'], text: m.content, created_at: m.createdAt.toISOString(), status: m.status };
}

const cols = { id: messages.id, role: messages.role, content: messages.content, createdAt: messages.createdAt, status: messages.status };

const visible = or(
  and(eq(messages.role, 'user'), inArray(messages.status, [...IN_VISIBLE])),
  and(inArray(messages.role, ['agent', 'operator']), inArray(messages.status, [...OUT_VISIBLE])),
);

/** The visitor's latest widget conversation in the workspace (by the hashed token), or null. */
export async function findVisitorConversation(tx: Tx, workspaceId: string, visitorId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.channelType, 'web_chat'), eq(conversations.channelId, visitorId)))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.createdAt))
    .limit(1);
  return row?.id ?? null;
}

/** The last `limit` visible messages of a conversation, oldest first. */
export async function listPublicMessages(tx: Tx, workspaceId: string, conversationId: string, limit = 100): Promise<PublicMessage[]> {
  const rows = await tx
    .select(cols)
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), visible))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
  return rows.reverse().map(presentPublicMessage);
}

/** One message if it belongs to the conversation and the visitor may see it. */
export async function getPublicMessage(tx: Tx, workspaceId: string, conversationId: string, messageId: string): Promise<PublicMessage | null> {
  const [row] = await tx
    .select(cols)
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId), eq(messages.id, messageId), visible));
  return row ? presentPublicMessage(row) : null;
}

/** The visitor's message stored for a client_message_id (idempotent sends), visible or not. */
export async function findOwnMessage(tx: Tx, workspaceId: string, conversationId: string, clientMessageId: string): Promise<PublicMessage | null> {
  const [row] = await tx
    .select(cols)
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversationId),
        eq(messages.role, 'user'),
        eq(messages.externalMessageId, clientMessageId),
      ),
    )
    .orderBy(asc(messages.createdAt))
    .limit(1);
  return row ? presentPublicMessage(row) : null;
}
