// Custom fields of the workspace (optionally of one entity) and the system fields beside them.
import { and, asc, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { crmFields } from '@/lib/db/schema/crm';
import { CONTACT_SYSTEM_FIELDS, DEAL_SYSTEM_FIELDS } from '@/lib/crm/system-fields';

export type FieldRow = typeof crmFields.$inferSelect;

export function presentField(f: FieldRow) {
  return {
    id: f.id,
    entity_type: f.entityType,
    code: f.code,
    name: f.name,
    field_type: f.fieldType,
    options: f.options,
    is_required: f.isRequired,
    description: f.description,
    order_index: f.orderIndex,
  };
}

export async function requireField(tx: Tx, workspaceId: string, id: string): Promise<FieldRow> {
  const [row] = await tx.select().from(crmFields).where(and(eq(crmFields.workspaceId, workspaceId), eq(crmFields.id, id)));
  if (!row) throw notFound('Field');
  return row;
}

export async function listFields(actor: WorkspaceActor, entity?: 'deal' | 'contact') {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => {
    const rows = await tx
      .select()
      .from(crmFields)
      .where(and(eq(crmFields.workspaceId, actor.workspaceId), entity ? eq(crmFields.entityType, entity) : undefined))
      .orderBy(asc(crmFields.entityType), asc(crmFields.orderIndex), asc(crmFields.createdAt));
    return {
      fields: rows.map(presentField),
      system_fields: {
        deal: entity === 'contact' ? [] : DEAL_SYSTEM_FIELDS.map((f) => ({ ...f })),
        contact: entity === 'deal' ? [] : CONTACT_SYSTEM_FIELDS.map((f) => ({ ...f })),
      },
    };
  });
}

export async function getField(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => presentField(await requireField(tx, actor.workspaceId, id)));
}
