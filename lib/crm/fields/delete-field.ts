// Deleting a custom field (crm.admin) also removes its key from every contact's or deal's
// custom_fields: one UPDATE, and those records' versions move on.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { crmFields } from '@/lib/db/schema/crm';
import { presentField, requireField } from './list-fields';
import { rowsOf } from '@/lib/crm/pipelines/move-deals';

export async function deleteField(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'crm.admin');
  await withActor(actor, async (tx) => {
    const field = await requireField(tx, actor.workspaceId, id);
    const table = field.entityType === 'contact' ? sql`public.clients` : sql`public.conversations`;
    const cleared = await tx.execute(sql`
      update ${table} set custom_fields = custom_fields - ${field.code}::text, version = version + 1, updated_at = now()
       where workspace_id = ${actor.workspaceId} and custom_fields ? ${field.code}::text
       returning id`);
    await tx.delete(crmFields).where(and(eq(crmFields.workspaceId, actor.workspaceId), eq(crmFields.id, id)));
    await recordAudit(tx, actor, {
      action: 'delete_crm_field',
      entityType: 'crm_field',
      entityId: id,
      oldValues: presentField(field),
      newValues: { cleared_records: rowsOf(cleared).length },
    });
  });
}
