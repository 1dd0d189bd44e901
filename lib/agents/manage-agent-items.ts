// Per-agent lists from seed 001 (company knowledge, sales scripts, objection
// responses): the same CRUD over three tables, configured once per kind.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { withActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { companyKnowledge, objectionResponses, salesScripts } from '@/lib/db/schema/agents';
import { recordAudit } from '@/lib/audit/record-audit';
import { notFound } from '@/lib/api/errors';
import type { WorkspaceActor } from '@/lib/db/actor';
import { diffSnapshots } from './diff-snapshots';
import { requireAgent } from './load-agent';
import { presentKnowledge, presentObjection, presentScript } from './present-agent';
import {
  createKnowledgeSchema,
  createObjectionSchema,
  createScriptSchema,
  updateKnowledgeSchema,
  updateObjectionSchema,
  updateScriptSchema,
} from './schemas';

type ItemTable = PgTable & {
  id: PgColumn;
  workspaceId: PgColumn;
  agentId: PgColumn;
  orderIndex: PgColumn;
  createdAt: PgColumn;
};

interface ItemKind<T extends ItemTable, C extends z.ZodType, U extends z.ZodType> {
  table: T;
  /** audit_log.entity_type and the name in "… not found". */
  entity: string;
  label: string;
  createSchema: C;
  updateSchema: U;
  columns(input: Partial<z.infer<C>>): Record<string, unknown>;
  present(row: T['$inferSelect']): object;
}

function itemStore<T extends ItemTable, C extends z.ZodType, U extends z.ZodType>(kind: ItemKind<T, C, U>) {
  const { table } = kind;
  const ofAgent = (ws: string, agentId: string) => and(eq(table.workspaceId, ws), eq(table.agentId, agentId));
  const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

  async function load(tx: Tx, ws: string, agentId: string) {
    const rows = await tx
      .select()
      .from(table as PgTable)
      .where(ofAgent(ws, agentId))
      .orderBy(asc(table.orderIndex), asc(table.createdAt));
    return (rows as T['$inferSelect'][]).map(kind.present);
  }

  async function requireItem(tx: Tx, actor: WorkspaceActor, agentId: string, id: string) {
    await requireAgent(tx, actor, agentId);
    const [row] = await tx
      .select()
      .from(table as PgTable)
      .where(and(ofAgent(actor.workspaceId, agentId), eq(table.id, id)));
    if (!row) throw notFound(kind.label);
    return row as T['$inferSelect'];
  }

  return {
    load,
    list: (actor: WorkspaceActor, agentId: string) =>
      withActor(actor, async (tx) => {
        await requireAgent(tx, actor, agentId);
        return load(tx, actor.workspaceId, agentId);
      }),

    get: (actor: WorkspaceActor, agentId: string, id: string) =>
      withActor(actor, async (tx) => kind.present(await requireItem(tx, actor, agentId, id))),

    async create(actor: WorkspaceActor, agentId: string, raw: unknown) {
      const input = kind.createSchema.parse(raw) as z.infer<C>;
      return withActor(actor, async (tx) => {
        await requireAgent(tx, actor, agentId);
        // New entries go last unless the caller placed them.
        const [{ next }] = await tx
          .select({ next: sql<number>`coalesce(max(${table.orderIndex}) + 1, 0)::int` })
          .from(table as PgTable)
          .where(ofAgent(actor.workspaceId, agentId));
        const values = { orderIndex: next, ...defined(kind.columns(input)), workspaceId: actor.workspaceId, agentId };
        const [row] = await tx.insert(table).values(values as T['$inferInsert']).returning();
        const item = kind.present(row as T['$inferSelect']);
        await recordAudit(tx, actor, {
          action: `create_${kind.entity}`,
          entityType: kind.entity,
          entityId: (row as { id: string }).id,
          newValues: { agent_id: agentId, ...(input as object) },
        });
        return item;
      });
    },

    async update(actor: WorkspaceActor, agentId: string, id: string, raw: unknown) {
      const input = kind.updateSchema.parse(raw) as Partial<z.infer<C>>;
      const patch = defined(kind.columns(input));
      return withActor(actor, async (tx) => {
        const before = await requireItem(tx, actor, agentId, id);
        const diff = diffSnapshots(kind.present(before), input as object);
        if (!diff.changed) return kind.present(before);
        const rows = await tx
          .update(table)
          // patch holds column keys of this table only (from kind.columns).
          .set({ ...patch, updatedAt: sql`now()` } as T['$inferInsert'])
          .where(and(ofAgent(actor.workspaceId, agentId), eq(table.id, id)))
          .returning();
        const [row] = rows as unknown as T['$inferSelect'][];
        await recordAudit(tx, actor, {
          action: `update_${kind.entity}`,
          entityType: kind.entity,
          entityId: id,
          oldValues: diff.oldValues,
          newValues: diff.newValues,
        });
        return kind.present(row);
      });
    },

    async remove(actor: WorkspaceActor, agentId: string, id: string) {
      await withActor(actor, async (tx) => {
        const before = await requireItem(tx, actor, agentId, id);
        await tx.delete(table).where(and(ofAgent(actor.workspaceId, agentId), eq(table.id, id)));
        await recordAudit(tx, actor, {
          action: `delete_${kind.entity}`,
          entityType: kind.entity,
          entityId: id,
          oldValues: kind.present(before),
        });
      });
    },
  };
}

export const companyKnowledgeItems = itemStore({
  table: companyKnowledge,
  entity: 'company_knowledge',
  label: 'Knowledge entry',
  createSchema: createKnowledgeSchema,
  updateSchema: updateKnowledgeSchema,
  columns: (i) => ({ title: i.title, content: i.content, orderIndex: i.order_index }),
  present: presentKnowledge,
});

export const salesScriptItems = itemStore({
  table: salesScripts,
  entity: 'sales_script',
  label: 'Sales script',
  createSchema: createScriptSchema,
  updateSchema: updateScriptSchema,
  columns: (i) => ({ name: i.name, stage: i.stage, script: i.script, orderIndex: i.order_index }),
  present: presentScript,
});

export const objectionItems = itemStore({
  table: objectionResponses,
  entity: 'objection_response',
  label: 'Objection response',
  createSchema: createObjectionSchema,
  updateSchema: updateObjectionSchema,
  columns: (i) => ({ objection: i.objection, response: i.response, orderIndex: i.order_index }),
  present: presentObjection,
});
