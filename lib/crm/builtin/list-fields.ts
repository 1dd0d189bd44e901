// The fields of deals or contacts: the system ones (lib/crm/system-fields.ts) and the
// workspace's custom fields, in that order.
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { crmFields } from '@/lib/db/schema/crm';
import { systemFieldsOf } from '@/lib/crm/system-fields';
import type { CrmEntity, CrmFieldInfo } from '@/lib/crm/adapter';

export async function loadFields(tx: Tx, workspaceId: string, entity: CrmEntity): Promise<CrmFieldInfo[]> {
  const custom = await tx
    .select()
    .from(crmFields)
    .where(and(eq(crmFields.workspaceId, workspaceId), eq(crmFields.entityType, entity)))
    .orderBy(asc(crmFields.orderIndex), asc(crmFields.createdAt));
  return [
    ...systemFieldsOf(entity).map((f) => ({
      code: f.code,
      name: f.name.ru,
      type: f.type,
      options: f.code === 'client_type' ? ['new', 'regular', 'inactive'] : [],
      is_required: f.code === 'name',
      system: true,
      writable: f.writable,
    })),
    ...custom.map((f) => ({
      code: f.code,
      name: f.name,
      type: f.fieldType,
      options: f.options,
      is_required: f.isRequired,
      system: false,
      writable: true,
    })),
  ];
}
