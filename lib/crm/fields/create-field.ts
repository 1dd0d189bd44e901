// A custom field: its code may not reuse a system field's code nor another field's of the entity.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/api/errors';
import { invalidField } from '@/lib/agents/schemas';
import { recordAudit } from '@/lib/audit/record-audit';
import { crmFields } from '@/lib/db/schema/crm';
import { isSystemFieldCode } from '@/lib/crm/system-fields';
import { createFieldSchema, SELECT_TYPES } from './schemas';
import { presentField } from './list-fields';

export async function createField(actor: WorkspaceActor, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = createFieldSchema.parse(raw);
  if (isSystemFieldCode(input.entity_type, input.code)) {
    throw invalidField('code', `${input.code} is a system field of every ${input.entity_type}; choose another code`, 'system_field');
  }
  return withActor(actor, async (tx) => {
    const [taken] = await tx
      .select({ id: crmFields.id })
      .from(crmFields)
      .where(and(eq(crmFields.workspaceId, actor.workspaceId), eq(crmFields.entityType, input.entity_type), eq(crmFields.code, input.code)));
    if (taken) {
      throw new AppError(409, 'field_code_taken', `A ${input.entity_type} field with code ${input.code} already exists`, {
        fields: [{ field: 'code', code: 'field_code_taken', message: 'This code is taken' }],
        field_id: taken.id,
      });
    }
    let orderIndex = input.order_index;
    if (orderIndex === undefined) {
      const [{ next }] = await tx
        .select({ next: sql<number>`coalesce(max(${crmFields.orderIndex}) + 1, 0)::int` })
        .from(crmFields)
        .where(and(eq(crmFields.workspaceId, actor.workspaceId), eq(crmFields.entityType, input.entity_type)));
      orderIndex = Number(next);
    }
    const [row] = await tx
      .insert(crmFields)
      .values({
        workspaceId: actor.workspaceId,
        entityType: input.entity_type,
        code: input.code,
        name: input.name,
        fieldType: input.field_type,
        options: SELECT_TYPES.has(input.field_type) ? input.options : [],
        isRequired: input.is_required,
        description: input.description ?? null,
        orderIndex,
      })
      .returning();
    const field = presentField(row);
    await recordAudit(tx, actor, { action: 'create_crm_field', entityType: 'crm_field', entityId: row.id, newValues: field });
    return field;
  });
}
