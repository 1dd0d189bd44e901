import { presentUser } from '@/lib/auth/present-user';
import type { Caller } from '@/lib/auth/resolve-caller';

export function getProfile(caller: Caller) {
  return {
    ...presentUser(caller.user, caller.workspace, caller.role),
    workspaces: caller.memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name, role: m.role })),
  };
}
