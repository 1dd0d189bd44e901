// Who may download a stored file, decided by its key's owner prefix.
import type { Caller } from '@/lib/auth/resolve-caller';
import { withActor } from '@/lib/db/actor';
import { users } from '@/lib/db/schema/core';
import { eq } from 'drizzle-orm';

export async function canReadFile(caller: Caller, key: string): Promise<boolean> {
  const [scope, owner] = key.split('/');
  if (scope === 'avatars') {
    if (owner === caller.user.id) return true;
    // Row-level security shows a user only to those who share a workspace with them.
    const rows = await withActor(caller.actor, (tx) => tx.select({ id: users.id }).from(users).where(eq(users.id, owner)));
    return rows.length > 0;
  }
  if (scope === 'workspaces') return caller.memberships.some((m) => m.workspace.id === owner);
  return false;
}
