// The actor's workspace row (plan, quotas, settings), read inside the caller's transaction.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { workspaces } from '@/lib/db/schema/core';
import { notFound } from '@/lib/api/errors';

export async function loadWorkspace(tx: Tx, workspaceId: string) {
  const [row] = await tx.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound('Workspace');
  return row;
}
