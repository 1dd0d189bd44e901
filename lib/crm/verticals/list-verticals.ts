// Verticals: the built-in templates (built_in: true) followed by the workspace's own.
import { and, asc, eq } from 'drizzle-orm';
import { withActor, type WorkspaceActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { assertCan } from '@/lib/auth/permissions';
import { notFound } from '@/lib/api/errors';
import { verticals } from '@/lib/db/schema/crm';
import { BUILT_IN_VERTICALS, builtInVertical, type BuiltInVertical } from './built-in';

export type VerticalRow = typeof verticals.$inferSelect;

export function presentBuiltIn(v: BuiltInVertical) {
  return { id: null as string | null, code: v.code, name: v.name, intents: [...v.intents], stages: v.stages.map((s) => ({ ...s })), built_in: true };
}

export function presentVertical(v: VerticalRow) {
  return { id: v.id as string | null, code: v.code, name: v.name, intents: v.intents, stages: v.stages, built_in: false };
}
export type Vertical = ReturnType<typeof presentVertical>;

export async function loadOwnVertical(tx: Tx, workspaceId: string, code: string): Promise<VerticalRow | undefined> {
  const [row] = await tx.select().from(verticals).where(and(eq(verticals.workspaceId, workspaceId), eq(verticals.code, code)));
  return row;
}

/** A built-in template or the workspace's own vertical with this code, or undefined. */
export async function findVertical(tx: Tx, workspaceId: string, code: string): Promise<Vertical | undefined> {
  const builtIn = builtInVertical(code);
  if (builtIn) return presentBuiltIn(builtIn);
  const own = await loadOwnVertical(tx, workspaceId, code);
  return own && presentVertical(own);
}

export async function listVerticals(actor: WorkspaceActor): Promise<Vertical[]> {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => {
    const own = await tx.select().from(verticals).where(eq(verticals.workspaceId, actor.workspaceId)).orderBy(asc(verticals.name));
    return [...BUILT_IN_VERTICALS.map(presentBuiltIn), ...own.map(presentVertical)];
  });
}

export async function getVertical(actor: WorkspaceActor, code: string): Promise<Vertical> {
  assertCan(actor, 'crm.read');
  return withActor(actor, async (tx) => {
    const v = await findVertical(tx, actor.workspaceId, code);
    if (!v) throw notFound('Vertical');
    return v;
  });
}
