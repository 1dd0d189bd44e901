// Name, options, required flag, description and order of a custom field change; its code, entity
// and type do not (values already stored were checked against them). Removing a select option
// that is in use is allowed: stored values stay and are shown as they are.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { invalidField } from '@/lib/agents/schemas';
import { recordAudit } from '@/lib/audit/record-audit';
import { crmFields } from '@/lib/db/schema/crm';
import { updateFieldSchema, SELECT_TYPES } from './schemas';
import { presentField, requireField } from './list-fields';

export async function updateField(actor: WorkspaceActor, id: string, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = updateFieldSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const before = await requireField(tx, actor.workspaceId, id);
    if (input.field_type !== undefined && input.field_type !== before.fieldType) {
      throw invalidField('field_type', 'The type of a field cannot change once it is created; create a new field instead', 'immutable');
    }
    if (input.code !== undefined && input.code !== before.code) throw invalidField('code', 'The code of a field cannot change', 'immutable');
    if (input.entity_type !== undefined && input.entity_type !== before.entityType) {
      throw invalidField('entity_type', 'The entity of a field cannot change', 'immutable');
    }
    if (input.options !== undefined && SELECT_TYPES.has(before.fieldType) && !input.options.length) {
      throw invalidField('options', 'A select field needs at least one option', 'options_required');
    }
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.options !== undefined && SELECT_TYPES.has(before.fieldType) ? { options: input.options } : {}),
      ...(input.is_required !== undefined ? { isRequired: input.is_required } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.order_index !== undefined ? { orderIndex: input.order_index } : {}),
    };
    if (!Object.keys(patch).length) return presentField(before);
    const [row] = await tx
      .update(crmFields)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(crmFields.workspaceId, actor.workspaceId), eq(crmFields.id, id)))
      .returning();
    const oldField = presentField(before);
    const field = presentField(row);
    const keys = Object.keys(field) as (keyof typeof field)[];
    const changed = keys.filter((k) => JSON.stringify(oldField[k]) !== JSON.stringify(field[k]));
    if (changed.length) {
      await recordAudit(tx, actor, {
        action: 'update_crm_field',
        entityType: 'crm_field',
        entityId: id,
        oldValues: Object.fromEntries(changed.map((k) => [k, oldField[k]])),
        newValues: Object.fromEntries(changed.map((k) => [k, field[k]])),
      });
    }
    return field;
  });
}
