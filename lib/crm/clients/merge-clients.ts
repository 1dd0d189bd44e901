// Merges one client into another (admins). The survivor keeps its values; its empty ones are
// filled from the merged client. Channels, dialogs, facts, notes, tasks, relations and timeline
// events move to the survivor; the merged client is deleted. One audit entry, one timeline event.
// Order matters for the unique indexes: everything moves first, the merged row (and with it its
// phone) is deleted, and only then does the survivor take over the phone.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/audit/record-audit';
import { clients } from '@/lib/db/schema/crm';
import { recordEvent } from '@/lib/crm/record-event';
import { refreshSearchText, requireClient, type ClientRow } from './client-store';
import { reloadCard } from './get-client';
import { invalidField, mergeInputSchema } from './schemas';

const empty = (v: unknown) => v === null || v === undefined || v === '';
const snapshot = (c: ClientRow) => ({
  id: c.id, name: c.name, phone: c.phone, email: c.email, city: c.city, language: c.language, status: c.status, type: c.clientType,
  responsible_user_id: c.responsibleUserId, custom_fields: c.customFields,
});

export async function mergeClients(actor: WorkspaceActor, survivorId: string, raw: unknown) {
  assertCan(actor, 'crm.admin');
  const { merge_client_id: mergedId } = mergeInputSchema.parse(raw);
  if (mergedId === survivorId) throw invalidField('merge_client_id', 'A client cannot be merged into itself', 'same_client');
  return withActor(actor, async (tx) => {
    const ws = actor.workspaceId;
    const survivor = await requireClient(tx, ws, survivorId, true);
    const merged = await requireClient(tx, ws, mergedId, true);
    const s = survivorId;
    const m = mergedId;

    // Children that simply change hands (unique keys of channels do not involve the client).
    await tx.execute(sql`update public.client_channels set client_id = ${s} where workspace_id = ${ws} and client_id = ${m}`);
    await tx.execute(sql`update public.conversations set client_id = ${s} where workspace_id = ${ws} and client_id = ${m}`);
    await tx.execute(sql`update public.client_facts set client_id = ${s} where workspace_id = ${ws} and client_id = ${m}`);
    await tx.execute(sql`update public.notes set client_id = ${s} where workspace_id = ${ws} and client_id = ${m}`);
    await tx.execute(sql`update public.tasks set client_id = ${s} where workspace_id = ${ws} and client_id = ${m}`);
    await tx.execute(sql`update public.crm_events set client_id = ${s} where workspace_id = ${ws} and client_id = ${m}`);

    // Relations: drop the ones between the two and the ones the survivor already has, move the rest.
    await tx.execute(sql`delete from public.client_relations where workspace_id = ${ws}
      and ((client_id = ${m} and related_client_id = ${s}) or (client_id = ${s} and related_client_id = ${m}))`);
    await tx.execute(sql`delete from public.client_relations r where r.workspace_id = ${ws} and r.client_id = ${m}
      and exists (select 1 from public.client_relations o where o.client_id = ${s} and o.related_client_id = r.related_client_id and o.relation_type = r.relation_type)`);
    await tx.execute(sql`delete from public.client_relations r where r.workspace_id = ${ws} and r.related_client_id = ${m}
      and exists (select 1 from public.client_relations o where o.related_client_id = ${s} and o.client_id = r.client_id and o.relation_type = r.relation_type)`);
    await tx.execute(sql`update public.client_relations set client_id = ${s} where workspace_id = ${ws} and client_id = ${m}`);
    await tx.execute(sql`update public.client_relations set related_client_id = ${s} where workspace_id = ${ws} and related_client_id = ${m}`);

    // The merged row goes (nothing hangs on it any more), then the survivor fills its gaps.
    await tx.delete(clients).where(and(eq(clients.id, m), eq(clients.workspaceId, ws)));
    const fill: Partial<typeof clients.$inferInsert> = {};
    const filled: string[] = [];
    const take = <K extends keyof ClientRow>(key: K, field: string) => {
      if (empty(survivor[key]) && !empty(merged[key])) {
        (fill as Record<string, unknown>)[key] = merged[key];
        filled.push(field);
      }
    };
    take('name', 'name');
    take('phone', 'phone');
    take('email', 'email');
    take('avatarUrl', 'avatar_url');
    take('city', 'city');
    take('language', 'language');
    take('responsibleUserId', 'responsible_user_id');
    const customFields = { ...merged.customFields, ...survivor.customFields };
    for (const k of Object.keys(merged.customFields)) if (!(k in survivor.customFields)) filled.push(`custom_fields.${k}`);
    const times = (a: Date | null, b: Date | null, pick: (x: number, y: number) => number) =>
      a && b ? new Date(pick(a.getTime(), b.getTime())) : a ?? b;
    await tx
      .update(clients)
      .set({
        ...fill,
        customFields,
        metadata: { ...merged.metadata, ...survivor.metadata },
        firstContactAt: times(survivor.firstContactAt, merged.firstContactAt, Math.min),
        lastContactAt: times(survivor.lastContactAt, merged.lastContactAt, Math.max),
        version: sql`${clients.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(clients.id, s), eq(clients.workspaceId, ws)));
    await refreshSearchText(tx, ws, s);

    await recordEvent(tx, actor, { type: 'client_merged', clientId: s, payload: { merged_client_id: m, merged_name: merged.name, filled } });
    await recordAudit(tx, actor, {
      action: 'merge_client',
      entityType: 'client',
      entityId: s,
      oldValues: { survivor: snapshot(survivor), merged: snapshot(merged) },
      newValues: { client_id: s, merged_client_id: m, filled },
    });
    return reloadCard(tx, ws, s);
  });
}
