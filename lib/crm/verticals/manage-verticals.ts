// A workspace's own verticals (intents and a stage template). Built-in codes are reserved.
import { and, eq, sql } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import { assertCan } from '@/lib/auth/permissions';
import { AppError, notFound } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/record-audit';
import { verticals } from '@/lib/db/schema/crm';
import { assignCodes } from '@/lib/crm/pipelines/stage-codes';
import { createVerticalSchema, updateVerticalSchema } from '@/lib/crm/pipelines/schemas';
import { builtInVertical } from './built-in';
import { loadOwnVertical, presentVertical } from './list-verticals';

function builtInRefused(code: string) {
  return new AppError(409, 'vertical_is_built_in', `${code} is a built-in template; it cannot be changed or deleted (create your own from it)`);
}

export async function createVertical(actor: WorkspaceActor, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = createVerticalSchema.parse(raw);
  return withActor(actor, async (tx) => {
    if (builtInVertical(input.code) || (await loadOwnVertical(tx, actor.workspaceId, input.code))) {
      throw new AppError(409, 'vertical_code_taken', `A vertical with code ${input.code} already exists`, {
        fields: [{ field: 'code', code: 'vertical_code_taken', message: 'This code is taken' }],
      });
    }
    const [row] = await tx
      .insert(verticals)
      .values({ workspaceId: actor.workspaceId, code: input.code, name: input.name, intents: input.intents, stages: assignCodes(input.stages) })
      .returning();
    const vertical = presentVertical(row);
    await recordAudit(tx, actor, { action: 'create_vertical', entityType: 'vertical', entityId: row.id, newValues: vertical });
    return vertical;
  });
}

export async function updateVertical(actor: WorkspaceActor, code: string, raw: unknown) {
  assertCan(actor, 'crm.write');
  const input = updateVerticalSchema.parse(raw);
  return withActor(actor, async (tx) => {
    if (builtInVertical(code)) throw builtInRefused(code);
    const before = await loadOwnVertical(tx, actor.workspaceId, code);
    if (!before) throw notFound('Vertical');
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.intents !== undefined ? { intents: input.intents } : {}),
      ...(input.stages !== undefined ? { stages: assignCodes(input.stages) } : {}),
    };
    if (!Object.keys(patch).length) return presentVertical(before);
    const [row] = await tx
      .update(verticals)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(verticals.workspaceId, actor.workspaceId), eq(verticals.id, before.id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update_vertical',
      entityType: 'vertical',
      entityId: row.id,
      oldValues: presentVertical(before),
      newValues: presentVertical(row),
    });
    return presentVertical(row);
  });
}

/** Pipelines made from it keep their stages (they were copied) and its code as a label. */
export async function deleteVertical(actor: WorkspaceActor, code: string) {
  assertCan(actor, 'crm.admin');
  await withActor(actor, async (tx) => {
    if (builtInVertical(code)) throw builtInRefused(code);
    const before = await loadOwnVertical(tx, actor.workspaceId, code);
    if (!before) throw notFound('Vertical');
    await tx.delete(verticals).where(and(eq(verticals.workspaceId, actor.workspaceId), eq(verticals.id, before.id)));
    await recordAudit(tx, actor, { action: 'delete_vertical', entityType: 'vertical', entityId: before.id, oldValues: presentVertical(before) });
  });
}
