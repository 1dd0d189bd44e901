// The price list as CSV (UTF-8 with BOM so spreadsheets read Cyrillic; formula-looking cells
// are neutralised); the columns are the ones the import reads.
import Papa from 'papaparse';
import type { WorkspaceActor } from '@/lib/db/actor';
import { listPriceItems, type PriceFilter } from './list-price-items';
import { PRICE_COLUMNS } from './schemas';
import { safeCell } from './csv-cells';

export const EXPORT_COLUMNS = [...PRICE_COLUMNS, 'currency'] as const;

export async function exportPriceList(actor: WorkspaceActor, filter: PriceFilter = {}): Promise<string> {
  const items = await listPriceItems(actor, filter);
  const data = items.map((it) => EXPORT_COLUMNS.map((c) => safeCell(it[c])));
  return `\uFEFF${Papa.unparse({ fields: [...EXPORT_COLUMNS], data }, { newline: '\r\n' })}\r\n`;
}
