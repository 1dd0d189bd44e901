// CSV import of the price list: without a mapping and mode, the columns and a suggested mapping;
// `preview` says what would be created or updated and which rows fail; `commit` stores all of
// it or nothing (any failing row → 400 import_failed). A row whose category, device pattern and
// service name match an existing item updates that item (so exported files import cleanly).
import Papa from 'papaparse';
import { and, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { AppError, fieldIssues } from '@/lib/api/errors';
import { invalidField } from '@/lib/agents/schemas';
import { recordAudit } from '@/lib/audit/record-audit';
import { priceListItems } from '@/lib/db/schema/crm';
import { createPriceItemSchema, importPriceSchema, PRICE_COLUMNS, type CreatePriceItemInput } from './schemas';
import { foldDeviceText } from './match-device-pattern';
import { unsafeCell } from './csv-cells';

export const MAX_IMPORT_ROWS = 5000;
type Target = (typeof PRICE_COLUMNS)[number] | 'currency' | 'skip';

const ALIASES: Record<Exclude<Target, 'skip'>, string[]> = {
  category: ['category', 'категория', 'санат'],
  device_pattern: ['device_pattern', 'device', 'model', 'устройство', 'модель', 'құрылғы'],
  service_name: ['service_name', 'service', 'услуга', 'название услуги', 'қызмет'],
  price_from: ['price_from', 'price', 'цена', 'цена от', 'баға'],
  price_to: ['price_to', 'цена до'],
  duration_minutes: ['duration_minutes', 'duration', 'длительность', 'минуты', 'время'],
  vertical_code: ['vertical_code', 'vertical', 'вертикаль'],
  currency: ['currency', 'валюта'],
};

export function suggestMapping(columns: string[]): Record<string, Target> {
  const used = new Set<string>();
  return Object.fromEntries(
    columns.map((c) => {
      const key = c.trim().toLowerCase();
      const hit = (Object.keys(ALIASES) as Exclude<Target, 'skip'>[]).find((t) => !used.has(t) && ALIASES[t].includes(key));
      if (hit) used.add(hit);
      return [c, hit ?? 'skip'];
    }),
  );
}

function parseCsv(csv: string): { columns: string[]; rows: string[][] } {
  const text = csv.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (!header || !header.some((h) => h.trim())) throw invalidField('csv', 'The file has no header row', 'empty');
  if (rows.length > MAX_IMPORT_ROWS) throw invalidField('csv', `At most ${MAX_IMPORT_ROWS} rows per import`, 'too_many_rows');
  return { columns: header.map((h) => h.trim()), rows };
}

const NUMERIC = new Set(['price_from', 'price_to', 'duration_minutes']);

function toNumber(s: string): number | string {
  const t = s.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : s;
}

export interface ImportFailure {
  row: number;
  field: string;
  code: string;
  message: string;
}

const keyOf = (category: string, pattern: string, service: string) =>
  `${category.trim().toLowerCase()}\u0000${foldDeviceText(pattern)}\u0000${service.trim().toLowerCase()}`;

export async function importPriceList(actor: WorkspaceActor, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = importPriceSchema.parse(raw);
  const { columns, rows } = parseCsv(input.csv);
  const suggested = suggestMapping(columns);
  if (!input.mapping && !input.mode) {
    return { columns, sample_rows: rows.slice(0, 5), suggested_mapping: suggested };
  }
  const mapping = input.mapping ?? suggested;
  for (const col of Object.keys(mapping)) {
    if (!columns.includes(col)) throw invalidField(`mapping.${col}`, `The file has no column ${col}`, 'unknown_column');
  }
  const targets = Object.values(mapping);
  for (const need of ['category', 'service_name', 'price_from'] as const) {
    if (!targets.includes(need)) throw invalidField('mapping', `Map a column to ${need}`, 'required');
  }
  const dup = targets.find((t, i) => t !== 'skip' && targets.indexOf(t) !== i);
  if (dup) throw invalidField('mapping', `Two columns map to ${dup}`, 'duplicate');

  const failed: ImportFailure[] = [];
  const items: { row: number; item: CreatePriceItemInput }[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2; // the line in the file: the header is line 1
    const obj: Record<string, unknown> = {};
    columns.forEach((col, c) => {
      const target = mapping[col];
      if (!target || target === 'skip') return;
      const cell = unsafeCell((cells[c] ?? '').trim());
      if (cell === '') return;
      obj[target] = NUMERIC.has(target) ? toNumber(cell) : cell;
    });
    const parsed = createPriceItemSchema.safeParse(obj);
    if (!parsed.success) {
      for (const f of fieldIssues(parsed.error)) failed.push({ row, field: f.field, code: f.code ?? 'invalid', message: f.message });
      return;
    }
    items.push({ row, item: parsed.data });
  });

  const mode = input.mode ?? 'preview';
  return withActor(actor, async (tx) => {
    const existing = await tx.select().from(priceListItems).where(eq(priceListItems.workspaceId, actor.workspaceId));
    const byKey = new Map(existing.map((r) => [keyOf(r.category, r.devicePattern, r.serviceName), r.id]));
    const seen = new Map<string, number>();
    let create = 0;
    let update = 0;
    const plan: { id?: string; item: CreatePriceItemInput }[] = [];
    for (const { row, item } of items) {
      const key = keyOf(item.category, item.device_pattern, item.service_name);
      if (seen.has(key)) {
        failed.push({ row, field: 'service_name', code: 'duplicate_row', message: `Same category, device and service as row ${seen.get(key)}` });
        continue;
      }
      seen.set(key, row);
      const id = byKey.get(key);
      if (id) update++;
      else create++;
      plan.push({ id, item });
    }
    failed.sort((a, b) => a.row - b.row);
    const summary = { rows: rows.length, create, update, failed };
    if (mode === 'preview') return summary;
    if (failed.length) {
      throw new AppError(400, 'import_failed', `${new Set(failed.map((f) => f.row)).size} row(s) cannot be imported; nothing was stored`, summary);
    }
    let next = existing.reduce((m, r) => Math.max(m, r.orderIndex + 1), 0);
    for (const { id, item } of plan) {
      const values = {
        verticalCode: item.vertical_code,
        category: item.category,
        devicePattern: item.device_pattern,
        serviceName: item.service_name,
        priceFrom: item.price_from,
        priceTo: item.price_to,
        currency: item.currency,
        durationMinutes: item.duration_minutes,
      };
      if (id) {
        await tx.update(priceListItems).set({ ...values, updatedAt: new Date() }).where(and(eq(priceListItems.workspaceId, actor.workspaceId), eq(priceListItems.id, id)));
      } else {
        await tx.insert(priceListItems).values({ ...values, workspaceId: actor.workspaceId, isActive: item.is_active, orderIndex: next++ });
      }
    }
    await recordAudit(tx, actor, { action: 'import_price_list', entityType: 'price_list_item', newValues: { rows: rows.length, create, update, mapping } });
    return summary;
  });
}
