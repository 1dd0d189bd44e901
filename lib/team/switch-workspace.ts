// Makes another of the user's workspaces the current one (remembered on the user).
import { eq } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { users } from '@/lib/db/schema/core';
import { AppError } from '@/lib/api/errors';
import type { Caller } from '@/lib/auth/resolve-caller';
import { switchWorkspaceSchema } from './schemas';

export async function switchWorkspace(caller: Caller, raw: unknown) {
  const { workspace_id } = switchWorkspaceSchema.parse(raw);
  const target = caller.memberships.find((m) => m.workspace.id === workspace_id);
  if (!target) throw new AppError(403, 'not_a_member', 'You are not a member of this workspace');
  await withActor(caller.actor, (tx) =>
    tx.update(users).set({ lastWorkspaceId: workspace_id }).where(eq(users.id, caller.user.id)),
  );
  return { workspace: { id: target.workspace.id, slug: target.workspace.slug, name: target.workspace.name, role: target.role } };
}
