// Create, change and delete price-list items (crm.write; deleting an item is crm.write too).
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { invalidField } from '@/lib/agents/schemas';
import { recordAudit } from '@/lib/audit/record-audit';
import { priceListItems } from '@/lib/db/schema/crm';
import { createPriceItemSchema, updatePriceItemSchema } from './schemas';
import { presentPriceItem, requirePriceItem } from './list-price-items';

export async function createPriceItem(actor: WorkspaceActor, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = createPriceItemSchema.parse(raw);
  return withActor(actor, async (tx) => {
    let orderIndex = input.order_index;
    if (orderIndex === undefined) {
      const [{ next }] = await tx
        .select({ next: sql<number>`coalesce(max(${priceListItems.orderIndex}) + 1, 0)::int` })
        .from(priceListItems)
        .where(eq(priceListItems.workspaceId, actor.workspaceId));
      orderIndex = Number(next);
    }
    const [row] = await tx
      .insert(priceListItems)
      .values({
        workspaceId: actor.workspaceId,
        verticalCode: input.vertical_code,
        category: input.category,
        devicePattern: input.device_pattern,
        serviceName: input.service_name,
        priceFrom: input.price_from,
        priceTo: input.price_to,
        currency: input.currency,
        durationMinutes: input.duration_minutes,
        isActive: input.is_active,
        orderIndex,
      })
      .returning();
    const item = presentPriceItem(row);
    await recordAudit(tx, actor, { action: 'create_price_item', entityType: 'price_list_item', entityId: row.id, newValues: item });
    return item;
  });
}

export async function updatePriceItem(actor: WorkspaceActor, id: string, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = updatePriceItemSchema.parse(raw);
  return withActor(actor, async (tx) => {
    const before = presentPriceItem(await requirePriceItem(tx, actor.workspaceId, id));
    const from = input.price_from ?? before.price_from;
    const to = input.price_to !== undefined ? input.price_to : before.price_to;
    if (to !== null && to < from) throw invalidField('price_to', 'price_to must be at least price_from', 'price_range');
    const map: Record<string, string> = {
      vertical_code: 'verticalCode',
      category: 'category',
      device_pattern: 'devicePattern',
      service_name: 'serviceName',
      price_from: 'priceFrom',
      price_to: 'priceTo',
      currency: 'currency',
      duration_minutes: 'durationMinutes',
      is_active: 'isActive',
      order_index: 'orderIndex',
    };
    const changed = Object.entries(input).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before]));
    if (!changed.length) return before;
    const [row] = await tx
      .update(priceListItems)
      .set({ ...Object.fromEntries(changed.map(([k, v]) => [map[k], v])), updatedAt: sql`now()` })
      .where(and(eq(priceListItems.workspaceId, actor.workspaceId), eq(priceListItems.id, id)))
      .returning();
    const item = presentPriceItem(row);
    await recordAudit(tx, actor, {
      action: 'update_price_item',
      entityType: 'price_list_item',
      entityId: id,
      oldValues: Object.fromEntries(changed.map(([k]) => [k, before[k as keyof typeof before]])),
      newValues: Object.fromEntries(changed.map(([k]) => [k, item[k as keyof typeof item]])),
    });
    return item;
  });
}

export async function deletePriceItem(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'crm.write');
  await withActor(actor, async (tx) => {
    const before = await requirePriceItem(tx, actor.workspaceId, id);
    await tx.delete(priceListItems).where(and(eq(priceListItems.workspaceId, actor.workspaceId), eq(priceListItems.id, id)));
    await recordAudit(tx, actor, { action: 'delete_price_item', entityType: 'price_list_item', entityId: id, oldValues: presentPriceItem(before) });
  });
}
