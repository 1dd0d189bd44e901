// A deal's or a contact's values of the allowed fields only: columns for system fields,
// conversations.context for the context-backed ones (intent, device ...), custom_fields for
// the workspace's own. Unknown codes in the allowed list are ignored.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { notFound } from '@/lib/api/errors';
import { clients, conversations, pipelineStages } from '@/lib/db/schema/crm';
import { CONTEXT_FIELD_CODES } from '@/lib/crm/system-fields';
import type { CrmEntity, CrmFieldValue, CrmRecordRead } from '@/lib/crm/adapter';
import { loadFields } from './list-fields';

export type DealRow = typeof conversations.$inferSelect;
export type ContactRow = typeof clients.$inferSelect;

export async function requireDeal(tx: Tx, workspaceId: string, id: string): Promise<DealRow> {
  const [row] = await tx.select().from(conversations).where(and(eq(conversations.id, id), eq(conversations.workspaceId, workspaceId)));
  if (!row) throw notFound('Deal');
  return row;
}

export async function requireContact(tx: Tx, workspaceId: string, id: string): Promise<ContactRow> {
  const [row] = await tx.select().from(clients).where(and(eq(clients.id, id), eq(clients.workspaceId, workspaceId)));
  if (!row) throw notFound('Contact');
  return row;
}

/** The current value of one field of a loaded record (undefined: not a field of it). */
export function dealValue(row: DealRow, code: string): unknown {
  switch (code) {
    case 'title':
      return row.title;
    case 'description':
      return row.description;
    case 'stage_id':
      return row.stageId;
    case 'price':
      return row.price;
    case 'tags':
      return row.tags;
    case 'responsible_user_id':
      return row.responsibleUserId;
    default:
      return CONTEXT_FIELD_CODES.has(code) ? row.context[code] ?? null : row.customFields[code] ?? null;
  }
}

export function contactValue(row: ContactRow, code: string): unknown {
  switch (code) {
    case 'name':
      return row.name;
    case 'phone':
      return row.phone;
    case 'email':
      return row.email;
    case 'city':
      return row.city;
    case 'language':
      return row.language;
    case 'client_type':
      return row.clientType;
    case 'responsible_user_id':
      return row.responsibleUserId;
    default:
      return row.customFields[code] ?? null;
  }
}

export async function readRecord(tx: Tx, workspaceId: string, entity: CrmEntity, id: string, allowed: readonly string[]): Promise<CrmRecordRead> {
  const want = new Set(allowed);
  const fields = (await loadFields(tx, workspaceId, entity)).filter((f) => want.has(f.code));
  const out: CrmFieldValue[] = [];
  if (entity === 'deal') {
    const row = await requireDeal(tx, workspaceId, id);
    let stage: { id: string; code: string; name: string } | null = null;
    if (row.stageId && want.has('stage_id')) {
      [stage = null] = await tx
        .select({ id: pipelineStages.id, code: pipelineStages.code, name: pipelineStages.name })
        .from(pipelineStages)
        .where(and(eq(pipelineStages.id, row.stageId), eq(pipelineStages.workspaceId, workspaceId)));
    }
    for (const f of fields) out.push({ code: f.code, name: f.name, value: f.code === 'stage_id' ? stage : dealValue(row, f.code) ?? null });
  } else {
    const row = await requireContact(tx, workspaceId, id);
    for (const f of fields) out.push({ code: f.code, name: f.name, value: contactValue(row, f.code) ?? null });
  }
  return { id, fields: out };
}
