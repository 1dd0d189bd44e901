// The signed-in user with the current workspace and every workspace they belong to.
import { eq } from 'drizzle-orm';
import { withActor, type UserActor } from '@/lib/db/actor';
import type { Tx } from '@/lib/db/client';
import { users } from '@/lib/db/schema/core';
import { unauthorized } from '@/lib/api/errors';
import { presentUser } from '@/lib/auth/present-user';
import { listMemberships } from '@/lib/workspaces/resolve-membership';

/** Inside the caller's transaction: reads as the user without a workspace, so every membership shows. */
export async function loadProfile(tx: Tx, actor: UserActor) {
  const [user] = await tx.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw unauthorized('Account no longer exists', 'invalid_token');
  const memberships = await listMemberships(tx, actor.userId);
  const current = memberships.find((m) => m.workspace.id === actor.workspaceId);
  return {
    ...presentUser(user, current?.workspace, current?.role),
    workspaces: memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name, role: m.role })),
  };
}

export async function getProfile(actor: UserActor) {
  return withActor({ ...actor, workspaceId: undefined, role: undefined }, (tx) => loadProfile(tx, actor));
}
