// The client card: the row, its channels, dialogs (with their stage), facts, relations in both
// directions, custom fields, tasks, notes and metrics. The timeline is GET /api/events?client_id=.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { withActor, queryRows, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { clientFacts, notes, tasks } from '@/lib/db/schema/crm';
import { presentNote, presentTask, userNames, userRef } from '@/lib/crm/present';
import { channelsOfClients, requireClient, type ClientRow } from './client-store';

const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString());

interface DialogRow {
  id: string;
  title: string | null;
  channel_type: string;
  status: string;
  pipeline_id: string | null;
  stage_id: string | null;
  stage_code: string | null;
  stage_name: string | null;
  stage_color: string | null;
  stage_kind: string | null;
  price: string | number | null;
  currency: string | null;
  tags: string[];
  responsible_user_id: string | null;
  agent_id: string | null;
  agent_name: string | null;
  context: Record<string, unknown>;
  unread_count: number;
  messages_count: number;
  last_message_at: Date | string;
  created_at: Date | string;
  version: number;
  lm_direction: string | null;
  lm_content: string | null;
  lm_created_at: Date | string | null;
}

async function loadDialogs(tx: Tx, workspaceId: string, clientId: string) {
  return queryRows<DialogRow>(
    tx,
    sql`select cv.id, cv.title, cv.channel_type, cv.status, cv.pipeline_id, cv.stage_id,
          s.code as stage_code, s.name as stage_name, s.color as stage_color, s.kind as stage_kind,
          cv.price, cv.currency, cv.tags, cv.responsible_user_id, cv.agent_id, a.name as agent_name, cv.context,
          cv.unread_count, cv.messages_count, cv.last_message_at, cv.created_at, cv.version,
          lm.direction as lm_direction, lm.content as lm_content, lm.created_at as lm_created_at
        from public.conversations cv
        left join public.pipeline_stages s on s.id = cv.stage_id
        left join public.agents a on a.id = cv.agent_id
        left join lateral (select m.direction, m.content, m.created_at from public.messages m
          where m.conversation_id = cv.id order by m.created_at desc limit 1) lm on true
        where cv.workspace_id = ${workspaceId} and cv.client_id = ${clientId} and cv.channel_type <> 'test'
        order by cv.last_message_at desc, cv.id desc`,
  );
}

export async function loadClientCard(tx: Tx, workspaceId: string, row: ClientRow) {
  const id = row.id;
  const [channels, dialogs, facts, relations, taskRows, noteRows] = [
    await channelsOfClients(tx, [id]),
    await loadDialogs(tx, workspaceId, id),
    await tx.select().from(clientFacts).where(and(eq(clientFacts.workspaceId, workspaceId), eq(clientFacts.clientId, id))).orderBy(desc(clientFacts.createdAt)),
    await queryRows<{ id: string; client_id: string; name: string; relation_type: string; direction: 'outgoing' | 'incoming' }>(
      tx,
      sql`select r.id, o.id as client_id, o.name, r.relation_type,
            case when r.client_id = ${id} then 'outgoing' else 'incoming' end as direction
          from public.client_relations r
          join public.clients o on o.id = case when r.client_id = ${id} then r.related_client_id else r.client_id end
          where r.workspace_id = ${workspaceId} and (r.client_id = ${id} or r.related_client_id = ${id})
          order by r.created_at`,
    ),
    await tx.select().from(tasks).where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.clientId, id))).orderBy(tasks.done, sql`${tasks.dueAt} asc nulls last`, desc(tasks.createdAt)),
    await tx.select().from(notes).where(and(eq(notes.workspaceId, workspaceId), eq(notes.clientId, id))).orderBy(desc(notes.createdAt)),
  ];
  const names = await userNames(tx, [
    row.responsibleUserId,
    ...dialogs.map((d) => d.responsible_user_id),
    ...taskRows.map((t) => t.responsibleUserId),
    ...noteRows.map((n) => n.authorUserId),
  ]);
  const won = (d: DialogRow) => d.stage_kind === 'won';
  const active = dialogs.filter((d) => d.status !== 'closed' && (d.stage_kind ?? 'open') === 'open').length;
  const contactTimes = dialogs.flatMap((d) => [new Date(d.created_at).getTime(), new Date(d.last_message_at).getTime()]);
  const first = [row.firstContactAt?.getTime(), ...contactTimes].filter((x): x is number => x != null);
  const last = [row.lastContactAt?.getTime(), ...dialogs.map((d) => new Date(d.last_message_at).getTime())].filter((x): x is number => x != null);
  const clientRef = { id, name: row.name, phone: row.phone, avatar_url: row.avatarUrl };
  return {
    id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    status: row.status,
    type: row.clientType,
    responsible: userRef(names, row.responsibleUserId),
    responsible_user_id: row.responsibleUserId,
    avatar_url: row.avatarUrl,
    city: row.city,
    language: row.language,
    custom_fields: row.customFields,
    metadata: row.metadata,
    channels: channels.map((c) => ({ id: c.id, channel_type: c.channelType, external_id: c.externalId, username: c.username })),
    active_dialogs_count: active,
    total_dialogs_count: dialogs.length,
    last_contact_at: last.length ? new Date(Math.max(...last)).toISOString() : null,
    created_at: iso(row.createdAt)!,
    updated_at: iso(row.updatedAt)!,
    version: row.version,
    facts: facts.map((f) => ({ id: f.id, text: f.text, source: f.source, created_at: iso(f.createdAt)! })),
    relations,
    dialogs: dialogs.map((d) => ({
      id: d.id,
      title: d.title,
      client: clientRef,
      channel: d.channel_type,
      status: d.status,
      pipeline_id: d.pipeline_id,
      stage: d.stage_id ? { id: d.stage_id, code: d.stage_code, name: d.stage_name, color: d.stage_color, kind: d.stage_kind } : null,
      price: d.price == null ? null : Number(d.price),
      currency: d.currency,
      tags: d.tags ?? [],
      responsible: userRef(names, d.responsible_user_id),
      agent: d.agent_id ? { id: d.agent_id, name: d.agent_name ?? '' } : null,
      context: d.context,
      unread_count: d.unread_count,
      messages_count: d.messages_count,
      last_message: d.lm_created_at ? { direction: d.lm_direction, content: d.lm_content, created_at: iso(d.lm_created_at) } : null,
      last_message_at: iso(d.last_message_at),
      created_at: iso(d.created_at),
      version: d.version,
    })),
    metrics: {
      total_dialogs: dialogs.length,
      completed_dialogs: dialogs.filter((d) => d.status === 'closed' || won(d)).length,
      total_spent: Math.round(dialogs.filter(won).reduce((s, d) => s + Number(d.price ?? 0), 0) * 100) / 100,
      first_contact_at: first.length ? new Date(Math.min(...first)).toISOString() : null,
      last_contact_at: last.length ? new Date(Math.max(...last)).toISOString() : null,
    },
    tasks: taskRows.map((t) => presentTask(t, names, { id, name: row.name })),
    notes: noteRows.map((n) => presentNote(n, names)),
  };
}
export type ClientCard = Awaited<ReturnType<typeof loadClientCard>>;

export async function getClient(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => loadClientCard(tx, actor.workspaceId, await requireClient(tx, actor.workspaceId, id)));
}

/** The card of a client known to exist (after a write in the same transaction). */
export async function reloadCard(tx: Tx, workspaceId: string, id: string) {
  return loadClientCard(tx, workspaceId, await requireClient(tx, workspaceId, id));
}

