// Which notification rows a reader sees: the workspace's team-wide ones and their own.
// (RLS says the same; the filter keeps the queries exact for system actors too.)
import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { WorkspaceActor } from '@/lib/db/actor';
import { notifications } from '@/lib/db/schema/core';

export function visibleTo(actor: WorkspaceActor): SQL {
  const mine = actor.kind === 'user' ? or(isNull(notifications.userId), eq(notifications.userId, actor.userId)) : isNull(notifications.userId);
  return and(eq(notifications.workspaceId, actor.workspaceId), mine)!;
}
