// Profile: the user's own fields, and the company name of the current workspace (admins).
import { eq, sql } from 'drizzle-orm';
import { withActor, type UserActor } from '@/lib/db/actor';
import { users, workspaces } from '@/lib/db/schema/core';
import { recordAudit, diffValues } from '@/lib/audit/record-audit';
import { actorCan } from '@/lib/auth/permissions';
import { forbidden } from '@/lib/api/errors';
import { loadWorkspace } from '@/lib/workspaces/load-workspace';
import { updateProfileSchema, updateSettingsSchema, type UpdateSettingsInput } from './schemas';
import { loadProfile } from './get-profile';

type UserPatch = Partial<Pick<typeof users.$inferInsert, 'fullName' | 'theme' | 'locale' | 'avatarUrl'>>;
type WorkspacePatch = Partial<
  Pick<typeof workspaces.$inferInsert, 'name' | 'stopOnHumanReply' | 'autoResumeAfter' | 'autoResumeUnit' | 'timeZone'>
>;

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

async function apply(actor: UserActor, rawUser: UserPatch, rawWs: WorkspacePatch, action: string) {
  const userPatch = defined(rawUser);
  const wsPatch = defined(rawWs);
  if (Object.keys(wsPatch).length) {
    if (!actor.workspaceId) throw forbidden('You are not in a workspace');
    if (!actorCan(actor, 'settings.write')) {
      throw forbidden(`Your role (${actor.role}) cannot change workspace settings`);
    }
  }
  return withActor(actor, async (tx) => {
    if (Object.keys(userPatch).length) {
      const [user] = await tx.select().from(users).where(eq(users.id, actor.userId));
      const d = diffValues(user as unknown as Record<string, unknown>, userPatch);
      await tx.update(users).set({ ...userPatch, updatedAt: sql`now()` }).where(eq(users.id, user.id));
      if (d.changed) {
        await recordAudit(tx, actor, { action, entityType: 'user', entityId: user.id, oldValues: d.oldValues, newValues: d.newValues, workspaceId: null });
      }
    }
    if (actor.workspaceId && Object.keys(wsPatch).length) {
      const workspace = await loadWorkspace(tx, actor.workspaceId);
      const d = diffValues(workspace as unknown as Record<string, unknown>, wsPatch);
      await tx.update(workspaces).set({ ...wsPatch, updatedAt: sql`now()` }).where(eq(workspaces.id, workspace.id));
      if (d.changed) {
        await recordAudit(tx, actor, { action: 'update_workspace', entityType: 'workspace', entityId: workspace.id, oldValues: d.oldValues, newValues: d.newValues });
      }
    }
    return withActor({ ...actor, workspaceId: undefined, role: undefined }, (all) => loadProfile(all, actor));
  });
}

export async function updateProfile(actor: UserActor, raw: unknown) {
  const input = updateProfileSchema.parse(raw);
  return apply(
    actor,
    { fullName: input.full_name, theme: input.theme, locale: input.locale },
    input.company_name !== undefined ? { name: input.company_name } : {},
    'update_profile',
  );
}

export async function updateSettings(actor: UserActor, raw: unknown) {
  const input: UpdateSettingsInput = updateSettingsSchema.parse(raw);
  return apply(
    actor,
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

export async function setAvatarUrl(actor: UserActor, avatarUrl: string | null) {
  return apply(actor, { avatarUrl }, {}, 'update_avatar');
}
