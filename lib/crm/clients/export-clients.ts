// CSV export of the clients the list filters select: UTF-8 with a BOM (Excel opens it right),
// header names the import recognises, cells that a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) prefixed with ' (the import strips it again).
import Papa from 'papaparse';
import { sql } from 'drizzle-orm';
import { withActor, queryRows, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { workspaceRegion } from '@/lib/crm/workspace-region';
import { loadFieldDefinitions } from '@/lib/crm/custom-fields';
import { clientFilterSql } from './list-clients';
import { exportClientsQuery } from './schemas';

const CHANNELS = ['telegram', 'whatsapp', 'vk', 'avito', 'web_chat', 'instagram'] as const;
const HEADERS: Record<string, string> = {
  name: 'Name', phone: 'Phone', email: 'Email', city: 'City', status: 'Status', type: 'Type',
  telegram: 'Telegram', whatsapp: 'WhatsApp', vk: 'VK', avito: 'Avito', web_chat: 'Web chat', instagram: 'Instagram',
};

/** A cell a spreadsheet would read as a formula gets a leading apostrophe. */
export function safeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export async function exportClients(actor: WorkspaceActor, raw: unknown): Promise<string> {
  assertCan(actor, 'crm.read');
  const q = exportClientsQuery.parse(raw);
  return withActor(actor, async (tx) => {
    const region = await workspaceRegion(tx, actor.workspaceId);
    const defs = await loadFieldDefinitions(tx, actor.workspaceId, 'contact');
    const rows = await queryRows<{
      name: string; phone: string | null; email: string | null; city: string | null; status: string; client_type: string;
      custom_fields: Record<string, unknown>; created_at: Date | string; channels: { t: string; e: string }[] | null;
    }>(
      tx,
      sql`select c.name, c.phone, c.email, c.city, c.status, c.client_type, c.custom_fields, c.created_at,
            (select json_agg(json_build_object('t', ch.channel_type, 'e', ch.external_id) order by ch.created_at)
               from public.client_channels ch where ch.client_id = c.id) as channels
          from public.clients c
          where ${clientFilterSql(actor, q, region)}
          order by c.created_at desc, c.id desc`,
    );
    const header = [...Object.values(HEADERS), ...defs.map((d) => d.name), 'Created at'];
    const data = rows.map((r) => {
      const chan = (t: string) => (r.channels ?? []).filter((c) => c.t === t).map((c) => c.e).join(' ');
      return [
        r.name, r.phone, r.email, r.city, r.status, r.client_type,
        ...CHANNELS.map(chan),
        ...defs.map((d) => r.custom_fields?.[d.code]),
        new Date(r.created_at).toISOString(),
      ].map(safeCell);
    });
    return `\uFEFF${Papa.unparse({ fields: header.map(safeCell), data }, { newline: '\r\n' })}\r\n`;
  });
}
