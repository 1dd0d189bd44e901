// Profile: the user's own fields, and the company name of the current workspace (admins).
import { eq, sql } from 'drizzle-orm';
import { withActor } from '@/lib/db/actor';
import { users, workspaces } from '@/lib/db/schema/core';
import { recordAudit, diffValues } from '@/lib/audit/record-audit';
import { can } from '@/lib/auth/permissions';
import { forbidden } from '@/lib/api/errors';
import type { Caller } from '@/lib/auth/resolve-caller';
import { updateProfileSchema, updateSettingsSchema, type UpdateSettingsInput } from './schemas';
import { getProfile } from './get-profile';

type UserPatch = Partial<Pick<typeof users.$inferInsert, 'fullName' | 'theme' | 'locale' | 'avatarUrl'>>;
type WorkspacePatch = Partial<
  Pick<typeof workspaces.$inferInsert, 'name' | 'stopOnHumanReply' | 'autoResumeAfter' | 'autoResumeUnit' | 'timeZone'>
>;

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

async function apply(caller: Caller, rawUser: UserPatch, rawWs: WorkspacePatch, action: string) {
  const userPatch = defined(rawUser);
  const wsPatch = defined(rawWs);
  if (Object.keys(wsPatch).length) {
    if (!caller.workspace) throw forbidden('You are not in a workspace');
    if (!can(caller.role, 'settings.write')) {
      throw forbidden(`Your role (${caller.role}) cannot change workspace settings`);
    }
  }
  const updated = await withActor(caller.actor, async (tx) => {
    let user = caller.user;
    let workspace = caller.workspace;
    if (Object.keys(userPatch).length) {
      const d = diffValues(user as unknown as Record<string, unknown>, userPatch);
      [user] = await tx.update(users).set({ ...userPatch, updatedAt: sql`now()` }).where(eq(users.id, user.id)).returning();
      if (d.changed) {
        await recordAudit(tx, caller.actor, { action, entityType: 'user', entityId: user.id, oldValues: d.oldValues, newValues: d.newValues, workspaceId: null });
      }
    }
    if (workspace && Object.keys(wsPatch).length) {
      const d = diffValues(workspace as unknown as Record<string, unknown>, wsPatch);
      [workspace] = await tx
        .update(workspaces)
        .set({ ...wsPatch, updatedAt: sql`now()` })
        .where(eq(workspaces.id, workspace.id))
        .returning();
      if (d.changed) {
        await recordAudit(tx, caller.actor, { action: 'update_workspace', entityType: 'workspace', entityId: workspace.id, oldValues: d.oldValues, newValues: d.newValues });
      }
    }
    return { user, workspace };
  });
  const memberships = caller.memberships.map((m) =>
    updated.workspace && m.workspace.id === updated.workspace.id ? { ...m, workspace: updated.workspace } : m,
  );
  return getProfile({ ...caller, user: updated.user, workspace: updated.workspace, memberships });
}

export async function updateProfile(caller: Caller, raw: unknown) {
  const input = updateProfileSchema.parse(raw);
  return apply(
    caller,
    { fullName: input.full_name, theme: input.theme, locale: input.locale },
    input.company_name !== undefined ? { name: input.company_name } : {},
    'update_profile',
  );
}

export async function updateSettings(caller: Caller, raw: unknown) {
  const input: UpdateSettingsInput = updateSettingsSchema.parse(raw);
  return apply(
    caller,
    { theme: input.theme, locale: input.locale },
    {
      stopOnHumanReply: input.stop_on_human_reply,
      autoResumeAfter: input.auto_resume_after,
      autoResumeUnit: input.auto_resume_unit,
      timeZone: input.time_zone,
    },
    'update_settings',
  );
}

export async function setAvatarUrl(caller: Caller, avatarUrl: string | null) {
  return apply(caller, { avatarUrl }, {}, 'update_avatar');
}
