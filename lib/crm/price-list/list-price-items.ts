// The price list: search (category, service, device pattern), vertical filter, and the items
// whose device pattern matches a device name. findPrices is what the runtime quotes from.
import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { priceListItems } from '@/lib/db/schema/crm';
import { compareSpecificity, matchDevicePattern } from './match-device-pattern';

export type PriceRow = typeof priceListItems.$inferSelect;

export function presentPriceItem(r: PriceRow) {
  return {
    id: r.id,
    vertical_code: r.verticalCode,
    category: r.category,
    device_pattern: r.devicePattern,
    service_name: r.serviceName,
    price_from: Number(r.priceFrom),
    price_to: r.priceTo === null ? null : Number(r.priceTo),
    currency: r.currency,
    duration_minutes: r.durationMinutes,
    is_active: r.isActive,
    order_index: r.orderIndex,
  };
}
export type PriceItem = ReturnType<typeof presentPriceItem>;

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface PriceFilter {
  vertical?: string;
  search?: string;
  device?: string;
  category?: string;
  active?: 'true' | 'false';
}

export async function queryPriceItems(tx: Tx, workspaceId: string, f: PriceFilter): Promise<PriceRow[]> {
  const where: (SQL | undefined)[] = [eq(priceListItems.workspaceId, workspaceId)];
  if (f.vertical) where.push(eq(priceListItems.verticalCode, f.vertical));
  if (f.active) where.push(eq(priceListItems.isActive, f.active === 'true'));
  if (f.category) where.push(ilike(priceListItems.category, likeEscape(f.category)));
  if (f.search) {
    const q = likeEscape(f.search);
    where.push(or(ilike(priceListItems.category, q), ilike(priceListItems.serviceName, q), ilike(priceListItems.devicePattern, q)));
  }
  const rows = await tx
    .select()
    .from(priceListItems)
    .where(and(...where))
    .orderBy(asc(priceListItems.category), asc(priceListItems.orderIndex), asc(priceListItems.createdAt));
  if (!f.device) return rows;
  const device = f.device;
  return rows.filter((r) => matchDevicePattern(r.devicePattern, device));
}

export async function listPriceItems(actor: WorkspaceActor, filter: PriceFilter = {}) {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => (await queryPriceItems(tx, actor.workspaceId, filter)).map(presentPriceItem));
}

export async function requirePriceItem(tx: Tx, workspaceId: string, id: string): Promise<PriceRow> {
  const [row] = await tx.select().from(priceListItems).where(and(eq(priceListItems.workspaceId, workspaceId), eq(priceListItems.id, id)));
  if (!row) throw notFound('Price-list item');
  return row;
}

export async function getPriceItem(actor: WorkspaceActor, id: string) {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => presentPriceItem(await requirePriceItem(tx, actor.workspaceId, id)));
}

/**
 * Active items whose pattern matches the device, the most specific pattern first
 * (`iPhone 14 Pro Max` before `iPhone 14 Pro*` before `iPhone*` before `*`).
 */
export async function findPrices(actor: WorkspaceActor, device: string, opts: { category?: string; vertical?: string } = {}) {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => {
    const rows = await queryPriceItems(tx, actor.workspaceId, { device, category: opts.category, vertical: opts.vertical, active: 'true' });
    return rows
      .map((r, i) => ({ r, i }))
      .sort((a, b) => compareSpecificity(a.r.devicePattern, b.r.devicePattern) || a.i - b.i)
      .map(({ r }) => presentPriceItem(r));
  });
}
