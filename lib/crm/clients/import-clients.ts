// CSV import of clients (papaparse): without a mapping, the columns, a sample and a suggested
// mapping from the header names (ru/en); `preview` checks every row and finds duplicates (a
// phone, email or channel id already stored, or repeated inside the file), `commit` stores it
// all in one transaction or nothing: any broken row → 400 import_failed naming the rows.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import type { CountryCode } from 'libphonenumber-js';
import { withActor, actorUserId, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { AppError } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { clientChannels, clients, crmEvents, notes, type ClientChannelType } from '@/lib/db/schema/crm';
import { normalizePhone } from '@/lib/crm/normalize-phone';
import { workspaceRegion } from '@/lib/crm/workspace-region';
import { coerceFieldValue, loadFieldDefinitions, type FieldDefinition } from '@/lib/crm/custom-fields';
import { buildSearchText } from './client-store';
import { importInputSchema, invalidField } from './schemas';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;
const CHANNEL_TARGETS: ClientChannelType[] = ['telegram', 'whatsapp', 'vk', 'avito', 'web_chat', 'instagram'];

// Header names (lower-cased, without punctuation) → target.
const HEADER_TARGETS: Record<string, string> = Object.fromEntries(
  Object.entries({
    name: ['name', 'full name', 'fullname', 'client', 'contact', 'имя', 'фио', 'клиент', 'контакт', 'имя клиента', 'аты'],
    phone: ['phone', 'phone number', 'mobile', 'tel', 'telephone', 'телефон', 'тел', 'мобильный', 'номер телефона', 'номер'],
    email: ['email', 'e mail', 'mail', 'почта', 'эл почта', 'электронная почта'],
    city: ['city', 'town', 'город', 'қала'],
    status: ['status', 'статус'],
    type: ['type', 'client type', 'тип', 'тип клиента'],
    telegram: ['telegram', 'tg', 'телеграм', 'телеграмм', 'telegram id'],
    whatsapp: ['whatsapp', 'wa', 'ватсап', 'вотсап', 'whatsapp id'],
    vk: ['vk', 'вк', 'вконтакте', 'vkontakte'],
    avito: ['avito', 'авито'],
    web_chat: ['web chat', 'webchat', 'веб чат', 'чат на сайте'],
    instagram: ['instagram', 'инстаграм', 'insta'],
    note: ['note', 'notes', 'comment', 'comments', 'заметка', 'заметки', 'комментарий', 'примечание'],
  }).flatMap(([target, names]) => names.map((n) => [n, target])),
);
const headerKey = (h: string) => h.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function suggestMapping(columns: string[], fields: FieldDefinition[]): Record<string, string> {
  const used = new Set<string>();
  const out: Record<string, string> = {};
  for (const col of columns) {
    const key = headerKey(col);
    const field = fields.find((f) => headerKey(f.code) === key || headerKey(f.name) === key);
    let target = HEADER_TARGETS[key] ?? (field ? `custom:${field.code}` : 'skip');
    if (target !== 'skip' && used.has(target)) target = 'skip';
    used.add(target);
    out[col] = target;
  }
  return out;
}

/** A cell the export protected against formula injection (`'=…`) reads back as it was. */
const unprotect = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

function parseCsv(csv: string) {
  if (Buffer.byteLength(csv, 'utf8') > IMPORT_MAX_BYTES) {
    throw new AppError(413, 'payload_too_large', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`, { max_bytes: IMPORT_MAX_BYTES });
  }
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (!header || !header.some((h) => h.trim())) throw invalidField('csv', 'The file has no header row', 'empty_file');
  if (rows.length > IMPORT_MAX_ROWS) {
    throw new AppError(400, 'too_many_rows', `The file has ${rows.length} rows; at most ${IMPORT_MAX_ROWS} can be imported at once`, { rows: rows.length, max_rows: IMPORT_MAX_ROWS });
  }
  const columns = header.map((h, i) => h.trim() || `column_${i + 1}`);
  return { columns, rows: rows.map((r) => r.map((c) => unprotect((c ?? '').trim()))) };
}

interface Failure {
  row: number;
  field: string;
  code: string;
  message: string;
}
interface Duplicate {
  row: number;
  client_id: string | null;
  name: string;
  matched_by: string;
  same_as_row?: number;
}
interface RowData {
  row: number;
  name?: string;
  phone?: string;
  email?: string;
  city?: string;
  status?: 'active' | 'inactive';
  type?: 'new' | 'regular' | 'inactive';
  channels: { channel_type: ClientChannelType; external_id: string }[];
  note?: string;
  custom: Record<string, unknown>;
}
/** One client the file creates or updates: new (no id) or an existing one; rows merged into it. */
interface Group {
  clientId: string | null;
  existingName?: string;
  rows: RowData[];
}

const STATUS: Record<string, 'active' | 'inactive'> = { active: 'active', inactive: 'inactive', 'активный': 'active', 'неактивный': 'inactive', 'белсенді': 'active' };
const TYPE: Record<string, 'new' | 'regular' | 'inactive'> = { new: 'new', regular: 'regular', inactive: 'inactive', 'новый': 'new', 'постоянный': 'regular', 'неактивный': 'inactive' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readRow(cells: string[], rowNo: number, mapping: [number, string][], defs: Map<string, FieldDefinition>, region: CountryCode, failed: Failure[]): RowData | null {
  const d: RowData = { row: rowNo, channels: [], custom: {} };
  let any = false;
  const fail = (field: string, code: string, message: string) => failed.push({ row: rowNo, field, code, message });
  for (const [i, target] of mapping) {
    const v = cells[i] ?? '';
    if (!v) continue;
    any = true;
    if (target === 'name') d.name = v.slice(0, 255);
    else if (target === 'phone') {
      const p = normalizePhone(v, region);
      if (p) d.phone = p;
      else fail('phone', 'invalid_phone', `${v} is not a phone number`);
    } else if (target === 'email') {
      if (EMAIL.test(v) && v.length <= 320) d.email = v.toLowerCase();
      else fail('email', 'invalid_email', `${v} is not an email address`);
    } else if (target === 'city') d.city = v.slice(0, 255);
    else if (target === 'status') {
      const s = STATUS[v.toLowerCase()];
      if (s) d.status = s;
      else fail('status', 'unknown_status', `${v}: expected active or inactive`);
    } else if (target === 'type') {
      const t = TYPE[v.toLowerCase()];
      if (t) d.type = t;
      else fail('type', 'unknown_type', `${v}: expected new, regular or inactive`);
    } else if ((CHANNEL_TARGETS as string[]).includes(target)) {
      if (v.length > 255) fail(target, 'too_long', 'At most 255 characters');
      else d.channels.push({ channel_type: target as ClientChannelType, external_id: v });
    } else if (target === 'note') d.note = v.slice(0, 10_000);
    else if (target.startsWith('custom:')) {
      const def = defs.get(target.slice(7))!;
      const value = def.fieldType === 'multiselect' ? v.split(/[;,]/).map((x) => x.trim()).filter(Boolean) : v;
      const r = coerceFieldValue(def, value, region);
      if (r.ok) d.custom[def.code] = r.value;
      else fail(`custom_fields.${def.code}`, r.code, `${def.name}: ${r.message}`);
    }
  }
  if (!any) return null;
  if (!d.name && !d.phone && !d.email && !d.channels.length && !failed.some((f) => f.row === rowNo)) {
    fail('name', 'missing_identity', 'A row needs a name, a phone, an email or a channel id');
  }
  return d;
}

async function findExisting(tx: Tx, ws: string, data: RowData[]) {
  const phones = [...new Set(data.flatMap((d) => (d.phone ? [d.phone] : [])))];
  const emails = [...new Set(data.flatMap((d) => (d.email ? [d.email] : [])))];
  const chans = data.flatMap((d) => d.channels);
  const byKey = new Map<string, { id: string; name: string }>();
  const chunk = <T,>(list: T[]) => Array.from({ length: Math.ceil(list.length / 1000) }, (_, i) => list.slice(i * 1000, i * 1000 + 1000));
  for (const part of chunk(phones)) {
    for (const r of await tx.select({ id: clients.id, name: clients.name, phone: clients.phone }).from(clients).where(and(eq(clients.workspaceId, ws), inArray(clients.phone, part)))) {
      byKey.set(`phone:${r.phone}`, r);
    }
  }
  for (const part of chunk(emails)) {
    const rows = await tx.select({ id: clients.id, name: clients.name, email: clients.email }).from(clients).where(and(eq(clients.workspaceId, ws), inArray(clients.email, part))).orderBy(clients.createdAt);
    for (const r of rows) if (!byKey.has(`email:${r.email}`)) byKey.set(`email:${r.email}`, r);
  }
  for (const part of chunk(chans)) {
    const rows = await tx
      .select({ id: clients.id, name: clients.name, type: clientChannels.channelType, ext: clientChannels.externalId })
      .from(clientChannels)
      .innerJoin(clients, eq(clients.id, clientChannels.clientId))
      .where(and(eq(clientChannels.workspaceId, ws), or(...part.map((c) => and(eq(clientChannels.channelType, c.channel_type), eq(clientChannels.externalId, c.external_id))))));
    for (const r of rows) byKey.set(`${r.type}:${r.ext}`, { id: r.id, name: r.name });
  }
  return byKey;
}

const keysOf = (d: RowData) => [
  ...(d.phone ? [['phone', `phone:${d.phone}`]] : []),
  ...(d.email ? [['email', `email:${d.email}`]] : []),
  ...d.channels.map((c) => [c.channel_type, `${c.channel_type}:${c.external_id}`]),
] as [string, string][];

async function analyse(tx: Tx, actor: WorkspaceActor, csv: string, mapping: Record<string, string>) {
  const ws = actor.workspaceId;
  const { columns, rows } = parseCsv(csv);
  const region = await workspaceRegion(tx, ws);
  const defs = new Map((await loadFieldDefinitions(tx, ws, 'contact')).map((d) => [d.code, d]));
  const pairs: [number, string][] = [];
  const seenTargets = new Set<string>();
  for (const [col, target] of Object.entries(mapping)) {
    const i = columns.indexOf(col);
    if (i < 0) throw invalidField(`mapping.${col}`, `The file has no column ${col}`, 'unknown_column');
    if (target === 'skip') continue;
    if (target.startsWith('custom:') && !defs.has(target.slice(7))) throw invalidField(`mapping.${col}`, `No custom field with code ${target.slice(7)}`, 'unknown_field');
    if (seenTargets.has(target)) throw invalidField(`mapping.${col}`, `${target} is mapped twice`, 'duplicate');
    seenTargets.add(target);
    pairs.push([i, target]);
  }
  if (!pairs.length) throw invalidField('mapping', 'Map at least one column', 'empty_mapping');

  const failed: Failure[] = [];
  const data: RowData[] = [];
  rows.forEach((cells, i) => {
    const d = readRow(cells, i + 2, pairs, defs, region, failed); // row numbers as a spreadsheet shows them (header = 1)
    if (d) data.push(d);
  });
  const existing = await findExisting(tx, ws, data);
  const groups: Group[] = [];
  const inFile = new Map<string, Group>();
  const duplicates: Duplicate[] = [];
  const failedRows = new Set(failed.map((f) => f.row));
  for (const d of data) {
    if (failedRows.has(d.row)) continue;
    const keys = keysOf(d);
    const stored = keys.map(([by, k]) => ({ by, hit: existing.get(k) })).filter((x) => x.hit);
    const ids = new Set(stored.map((x) => x.hit!.id));
    if (ids.size > 1) {
      failed.push({ row: d.row, field: stored[1].by, code: 'conflicting_duplicates', message: 'The row matches two different stored clients' });
      continue;
    }
    const earlier = keys.map(([by, k]) => ({ by, g: inFile.get(k) })).filter((x) => x.g);
    let group: Group | undefined;
    if (stored.length) {
      const hit = stored[0].hit!;
      group = groups.find((g) => g.clientId === hit.id);
      if (!group) groups.push((group = { clientId: hit.id, existingName: hit.name, rows: [] }));
      duplicates.push({ row: d.row, client_id: hit.id, name: hit.name, matched_by: stored[0].by });
    } else if (earlier.length) {
      if (new Set(earlier.map((x) => x.g)).size > 1) {
        failed.push({ row: d.row, field: earlier[1].by, code: 'conflicting_duplicates', message: 'The row matches two different earlier rows' });
        continue;
      }
      group = earlier[0].g!;
      const first = group.rows[0];
      duplicates.push({ row: d.row, client_id: group.clientId, name: group.existingName ?? first.name ?? '', matched_by: earlier[0].by, same_as_row: first.row });
    } else {
      groups.push((group = { clientId: null, rows: [] }));
    }
    if (group.clientId && earlier.some((x) => x.g !== group)) {
      failed.push({ row: d.row, field: earlier[0].by, code: 'conflicting_duplicates', message: 'The row matches a stored client and another row of the file' });
      duplicates.pop();
      continue;
    }
    group.rows.push(d);
    for (const [, k] of keys) inFile.set(k, group);
  }
  failed.sort((a, b) => a.row - b.row);
  const merge = duplicates.length;
  const create = groups.filter((g) => !g.clientId).length;
  return { summary: { rows: data.length, create, merge, failed, duplicates }, groups, region };
}

/** First non-empty value of the group's rows. */
function firstOf<K extends keyof RowData>(g: Group, key: K): RowData[K] | undefined {
  for (const r of g.rows) if (r[key] !== undefined && r[key] !== '') return r[key];
  return undefined;
}

async function commit(tx: Tx, actor: WorkspaceActor, groups: Group[]) {
  const ws = actor.workspaceId;
  const createdBy = actorUserId(actor);
  const events: (typeof crmEvents.$inferInsert)[] = [];
  const ev = (type: string, clientId: string, payload: Record<string, unknown>) =>
    events.push({ workspaceId: ws, eventType: type, clientId, source: 'import', actorUserId: createdBy, payload });
  const channelRows: (typeof clientChannels.$inferInsert)[] = [];
  const noteRows: (typeof notes.$inferInsert)[] = [];

  // New clients, in chunks.
  const fresh = groups.filter((g) => !g.clientId);
  const freshSet = new Set(fresh);
  for (let i = 0; i < fresh.length; i += 500) {
    const part = fresh.slice(i, i + 500);
    const values = part.map((g) => {
      const custom: Record<string, unknown> = {};
      for (const r of g.rows) for (const [k, v] of Object.entries(r.custom)) if (!(k in custom)) custom[k] = v;
      const chans = g.rows.flatMap((r) => r.channels);
      const name = firstOf(g, 'name') ?? '';
      const phone = firstOf(g, 'phone') ?? null;
      const email = firstOf(g, 'email') ?? null;
      return {
        workspaceId: ws,
        name,
        phone,
        email,
        city: firstOf(g, 'city') ?? null,
        status: firstOf(g, 'status') ?? 'active',
        clientType: firstOf(g, 'type') ?? 'new',
        customFields: custom,
        searchText: buildSearchText({ name, phone, email }, chans.map((c) => ({ externalId: c.external_id }))),
        createdBy,
      };
    });
    const inserted = await tx.insert(clients).values(values).returning({ id: clients.id, name: clients.name });
    inserted.forEach((row, j) => {
      part[j].clientId = row.id;
      ev('client_created', row.id, { name: row.name });
    });
  }
  for (const g of groups) {
    const id = g.clientId!;
    const isNew = freshSet.has(g);
    let have = new Set<string>();
    if (!isNew) {
      // Fill the stored client's empty fields and add its new channels.
      const [c] = await tx.select().from(clients).where(and(eq(clients.id, id), eq(clients.workspaceId, ws)));
      const chans = await tx.select().from(clientChannels).where(eq(clientChannels.clientId, id));
      have = new Set(chans.map((x) => `${x.channelType}:${x.externalId}`));
      const fill: Record<string, unknown> = {};
      const changed: [string, unknown, unknown][] = [];
      const take = (col: 'name' | 'phone' | 'email' | 'city', v: string | undefined) => {
        if (v && !c[col]) {
          fill[col] = v;
          changed.push([col, c[col], v]);
        }
      };
      take('name', firstOf(g, 'name'));
      take('phone', firstOf(g, 'phone'));
      take('email', firstOf(g, 'email'));
      take('city', firstOf(g, 'city'));
      const custom = { ...c.customFields };
      for (const r of g.rows) {
        for (const [k, v] of Object.entries(r.custom)) {
          if (custom[k] === undefined || custom[k] === null) {
            custom[k] = v;
            changed.push([`custom_fields.${k}`, null, v]);
          }
        }
      }
      if (changed.length) {
        await tx.update(clients).set({ ...fill, customFields: custom, version: sql`${clients.version} + 1`, updatedAt: sql`now()` }).where(and(eq(clients.id, id), eq(clients.workspaceId, ws)));
      }
      for (const [field, o, n] of changed) ev('client_updated', id, { field, old_value: o ?? null, new_value: n });
    }
    for (const r of g.rows) {
      for (const ch of r.channels) {
        const k = `${ch.channel_type}:${ch.external_id}`;
        if (have.has(k)) continue;
        have.add(k);
        channelRows.push({ workspaceId: ws, clientId: id, channelType: ch.channel_type, externalId: ch.external_id });
        if (!isNew) ev('client_updated', id, { field: `channels.${ch.channel_type}`, old_value: null, new_value: ch.external_id });
      }
      if (r.note) noteRows.push({ workspaceId: ws, clientId: id, text: r.note, source: 'import', authorUserId: createdBy });
    }
  }
  for (let i = 0; i < channelRows.length; i += 1000) await tx.insert(clientChannels).values(channelRows.slice(i, i + 1000));
  for (let i = 0; i < noteRows.length; i += 1000) await tx.insert(notes).values(noteRows.slice(i, i + 1000));
  for (let i = 0; i < events.length; i += 1000) await tx.insert(crmEvents).values(events.slice(i, i + 1000));
  // Merged clients got new channels or fields: their search text follows.
  const touched = groups.filter((g) => !freshSet.has(g)).map((g) => g.clientId!);
  for (let i = 0; i < touched.length; i += 1000) {
    const ids = touched.slice(i, i + 1000);
    await tx.execute(sql`update public.clients c set search_text = lower(left(concat_ws(' ', c.name, regexp_replace(coalesce(c.phone, ''), '\\D', '', 'g'), c.email,
        (select string_agg(concat_ws(' ', ch.external_id, ch.username), ' ') from public.client_channels ch where ch.client_id = c.id)), 10000))
      where c.workspace_id = ${ws} and c.id in (${sql.join(ids.map((x) => sql`${x}::uuid`), sql`, `)})`);
  }
}

export async function importClients(actor: WorkspaceActor, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = importInputSchema.parse(raw);
  return withActor(actor, async (tx) => {
    if (!input.mapping) {
      const { columns, rows } = parseCsv(input.csv);
      const defs = await loadFieldDefinitions(tx, actor.workspaceId, 'contact');
      return { columns, sample_rows: rows.slice(0, 5), rows: rows.length, suggested_mapping: suggestMapping(columns, defs) };
    }
    const { summary, groups } = await analyse(tx, actor, input.csv, input.mapping);
    if (input.mode === 'preview') return summary;
    if (summary.failed.length) {
      throw new AppError(400, 'import_failed', `${new Set(summary.failed.map((f) => f.row)).size} row(s) cannot be imported; nothing was stored`, {
        failed: summary.failed,
        fields: summary.failed.slice(0, 50).map((f) => ({ field: `row ${f.row}: ${f.field}`, code: f.code, message: f.message })),
      });
    }
    await commit(tx, actor, groups);
    await recordAudit(tx, actor, {
      action: 'import_clients',
      entityType: 'client',
      newValues: { rows: summary.rows, create: summary.create, merge: summary.merge, mapping: input.mapping },
    });
    return summary;
  });
}
