// Who may download a stored file, decided by its key's owner prefix.
import { and, eq } from 'drizzle-orm';
import { withActor, type UserActor } from '@/lib/db/actor';
import { memberships, users } from '@/lib/db/schema/core';

export async function canReadFile(actor: UserActor, key: string): Promise<boolean> {
  const [scope, owner] = key.split('/');
  if (scope === 'avatars') {
    if (owner === actor.userId) return true;
    // Row-level security shows a user only to those who share a workspace with them.
    const rows = await withActor(actor, (tx) => tx.select({ id: users.id }).from(users).where(eq(users.id, owner)));
    return rows.length > 0;
  }
  if (scope === 'workspaces') {
    // Any of the user's workspaces, not only the current one.
    const rows = await withActor({ ...actor, workspaceId: undefined, role: undefined }, (tx) =>
      tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.userId, actor.userId), eq(memberships.workspaceId, owner))),
    );
    return rows.length > 0;
  }
  return false;
}
