// Writes field values the way the agent's update rules ask: a filled field is kept unless
// overwrite is on for it; every value is checked by its type (lib/crm/custom-fields.ts);
// each field answers applied / skipped / rejected with a reason. The applied ones are one
// UPDATE (version bumped), one timeline event each, and one audit row.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import type { WorkspaceActor } from '@/lib/db/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { clientChannels, clients } from '@/lib/db/schema/crm';
import { buildSearchText } from '@/lib/crm/clients/client-store';
import { requireConversationRow } from '@/lib/crm/conversations/load-conversations';
import { writeConversation, type ConversationPatch } from '@/lib/crm/conversations/write-conversation';
import { coerceFieldValue, type FieldDefinition } from '@/lib/crm/custom-fields';
import { CONTEXT_FIELD_CODES } from '@/lib/crm/system-fields';
import { recordChange } from '@/lib/crm/record-event';
import { workspaceRegion } from '@/lib/crm/workspace-region';
import type { CrmEntity, CrmFieldInfo, FieldUpdateResult, UpdateFieldsOptions } from '@/lib/crm/adapter';
import { loadFields } from './list-fields';
import { contactValue, dealValue, requireContact, requireDeal } from './read-record';

const LENGTHS: Record<string, number> = { title: 255, name: 255, city: 255, language: 10 };

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

type Checked = { ok: true; value: unknown } | { ok: false; code: string; message: string };

function checkValue(field: CrmFieldInfo, raw: unknown, region: Parameters<typeof coerceFieldValue>[2]): Checked {
  if (field.type === 'tags') {
    if (raw === null) return { ok: true, value: [] };
    if (!Array.isArray(raw) || raw.some((t) => typeof t !== 'string' || !t.trim() || t.length > 50)) {
      return { ok: false, code: 'expected_tags', message: 'Expected a list of tags (1-50 characters each)' };
    }
    return { ok: true, value: [...new Set((raw as string[]).map((t) => t.trim()))] };
  }
  if (field.type === 'stage' || field.type === 'user' || field.type === 'json') {
    return { ok: false, code: 'read_only', message: `${field.name} cannot be written here` };
  }
  const def: FieldDefinition = { code: field.code, name: field.name, fieldType: field.type, options: field.options, isRequired: field.is_required };
  const r = coerceFieldValue(def, raw, region);
  if (!r.ok) return r;
  if (r.value === null && field.is_required) return { ok: false, code: 'required', message: `${field.name} is required` };
  const max = LENGTHS[field.code];
  if (field.system && max && typeof r.value === 'string' && r.value.length > max) {
    return { ok: false, code: 'too_long', message: `At most ${max} characters` };
  }
  return r;
}

function overwriteOf(opts: UpdateFieldsOptions, code: string): boolean {
  return typeof opts.overwrite === 'boolean' ? opts.overwrite : opts.overwrite[code] === true;
}

export async function updateRecordFields(
  tx: Tx,
  actor: WorkspaceActor,
  entity: CrmEntity,
  id: string,
  values: Record<string, unknown>,
  opts: UpdateFieldsOptions,
): Promise<FieldUpdateResult[]> {
  const ws = actor.workspaceId;
  const deal = entity === 'deal' ? await requireDeal(tx, ws, id) : null;
  const contact = entity === 'contact' ? await requireContact(tx, ws, id) : null;
  const fields = new Map((await loadFields(tx, ws, entity)).map((f) => [f.code, f]));
  const region = await workspaceRegion(tx, ws);
  const current = (code: string) => (deal ? dealValue(deal, code) : contactValue(contact!, code));

  const results: FieldUpdateResult[] = [];
  const applied = new Map<string, { old: unknown; value: unknown }>();
  for (const [code, raw] of Object.entries(values)) {
    const field = fields.get(code);
    if (!field) {
      results.push({ code, status: 'rejected', reason: 'unknown_field', message: `No ${entity} field with code ${code}` });
      continue;
    }
    if (!field.writable) {
      results.push({ code, status: 'rejected', reason: 'read_only', message: `${field.name} cannot be written here` });
      continue;
    }
    const checked = checkValue(field, raw, region);
    if (!checked.ok) {
      results.push({ code, status: 'rejected', reason: checked.code, message: checked.message });
      continue;
    }
    const old = current(code) ?? null;
    if (same(old, checked.value)) {
      results.push({ code, status: 'skipped', reason: 'unchanged', old_value: old, value: old });
      continue;
    }
    if (!isEmpty(old) && !overwriteOf(opts, code)) {
      results.push({ code, status: 'skipped', reason: 'filled', old_value: old, value: old });
      continue;
    }
    if (contact && code === 'phone' && checked.value) {
      const [taken] = await tx
        .select({ id: clients.id })
        .from(clients)
        .where(and(eq(clients.workspaceId, ws), eq(clients.phone, checked.value as string), ne(clients.id, id)));
      if (taken) {
        results.push({ code, status: 'rejected', reason: 'phone_taken', message: 'Another client has this phone' });
        continue;
      }
    }
    applied.set(code, { old, value: checked.value });
    results.push({ code, status: 'applied', old_value: old, value: checked.value });
  }
  if (!applied.size) return results;

  const put = (target: Record<string, unknown>, code: string, value: unknown) => {
    if (value === null) delete target[code];
    else target[code] = value;
  };
  if (deal) {
    const set: ConversationPatch = {};
    const context = { ...deal.context };
    const custom = { ...deal.customFields };
    for (const [code, { value }] of applied) {
      if (code === 'title') set.title = value as string | null;
      else if (code === 'description') set.description = value as string | null;
      else if (code === 'price') set.price = value as number | null;
      else if (code === 'tags') set.tags = value as string[];
      else if (CONTEXT_FIELD_CODES.has(code)) put(context, code, value);
      else put(custom, code, value);
    }
    // The conversation's one write path: version-checked against the row read above (409 stale_version).
    const before = await requireConversationRow(tx, actor, id);
    await writeConversation(tx, actor, { ...before, version: deal.version }, { ...set, context, customFields: custom });
    for (const [code, { old, value }] of applied) {
      const type = code === 'price' ? 'price_changed' : code === 'tags' ? 'tags_changed' : CONTEXT_FIELD_CODES.has(code) ? 'context_updated' : 'field_updated';
      await recordChange(tx, actor, { type, conversationId: id, clientId: deal.clientId, field: code, oldValue: old, newValue: value });
    }
  } else {
    const c = contact!;
    const set: Partial<typeof clients.$inferInsert> = {};
    const custom = { ...c.customFields };
    for (const [code, { value }] of applied) {
      if (code === 'name') set.name = value as string;
      else if (code === 'phone') set.phone = value as string | null;
      else if (code === 'email') set.email = value as string | null;
      else if (code === 'city') set.city = value as string | null;
      else if (code === 'language') set.language = value as string | null;
      else put(custom, code, value);
    }
    const next = { name: set.name ?? c.name, phone: set.phone !== undefined ? set.phone : c.phone, email: set.email !== undefined ? set.email : c.email };
    const channels = await tx
      .select({ externalId: clientChannels.externalId, username: clientChannels.username })
      .from(clientChannels)
      .where(and(eq(clientChannels.workspaceId, ws), eq(clientChannels.clientId, id)));
    await tx
      .update(clients)
      .set({ ...set, customFields: custom, searchText: buildSearchText(next, channels), version: sql`${clients.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(clients.id, id), eq(clients.workspaceId, ws)));
    for (const [code, { old, value }] of applied) {
      await recordChange(tx, actor, { type: 'client_updated', clientId: id, field: code, oldValue: old, newValue: value });
    }
  }
  const changes = [...applied];
  await recordAudit(tx, actor, {
    action: entity === 'deal' ? 'update_conversation' : 'update_client',
    entityType: entity === 'deal' ? 'conversation' : 'client',
    entityId: id,
    oldValues: Object.fromEntries(changes.map(([k, v]) => [k, v.old])),
    newValues: Object.fromEntries(changes.map(([k, v]) => [k, v.value])),
  });
  return results;
}
