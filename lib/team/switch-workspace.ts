// Makes another of the user's workspaces the current one (remembered on the user).
import { eq } from 'drizzle-orm';
import { withActor, type UserActor } from '@/lib/db/actor';
import { users } from '@/lib/db/schema/core';
import { AppError } from '@/lib/api/errors';
import { listMemberships } from '@/lib/workspaces/resolve-membership';
import { switchWorkspaceSchema } from './schemas';

export async function switchWorkspace(actor: UserActor, raw: unknown) {
  const { workspace_id } = switchWorkspaceSchema.parse(raw);
  return withActor({ ...actor, workspaceId: undefined, role: undefined }, async (tx) => {
    const target = (await listMemberships(tx, actor.userId)).find((m) => m.workspace.id === workspace_id);
    if (!target) throw new AppError(403, 'not_a_member', 'You are not a member of this workspace');
    await tx.update(users).set({ lastWorkspaceId: workspace_id }).where(eq(users.id, actor.userId));
    return { workspace: { id: target.workspace.id, slug: target.workspace.slug, name: target.workspace.name, role: target.role } };
  });
}
