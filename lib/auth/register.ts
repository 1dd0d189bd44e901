// Sign-up: a user, their own workspace on the trial plan, and the owner membership; or,
// from an invitation link, a user who joins the inviting workspace with the invited role.
import { eq } from 'drizzle-orm';
import { TRIAL_DAYS, PLANS } from '@/lib/billing/plans';
import { withAuthService } from '@/lib/db/actor';
import { memberships, userCredentials, users, workspaces } from '@/lib/db/schema/core';
import { recordAudit } from '@/lib/audit/record-audit';
import { conflict } from '@/lib/api/errors';
import { consume } from '@/lib/ratelimit/limits';
import { claimSignUpInvitation } from '@/lib/team/sign-up-invitation';
import { hashPassword } from './password';
import { presentUser } from './present-user';
import type { Role } from './permissions';
import { issueTokenPair } from './issue-session';
import { registerSchema, type RegisterInput } from './schemas';
import type { RequestMeta } from './meta';

export async function registerUser(raw: unknown, meta: RequestMeta, opts: { issueTokens?: boolean } = {}) {
  const input: RegisterInput = registerSchema.parse(raw);
  if (meta.ip) await consume('authIp', meta.ip);
  const passwordHash = await hashPassword(input.password);
  try {
    return await withAuthService(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, fullName: input.full_name, locale: input.locale ?? 'ru' })
        .returning();
      await tx.insert(userCredentials).values({ userId: user.id, passwordHash });
      const invited = input.invite_token ? await claimSignUpInvitation(tx, input.invite_token, input.email) : null;
      const [workspace] = invited
        ? [invited.workspace]
        : await tx
            .insert(workspaces)
            .values({
              name: input.company_name ?? 'World Wide Services',
              subscriptionPlan: 'trial',
              trialEndsAt: new Date(Date.now() + TRIAL_DAYS * 86_400_000),
              aiResponsesLimit: PLANS.trial.aiResponsesLimit,
              createdBy: user.id,
              timeZone: input.time_zone,
            })
            .returning();
      const role = (invited?.role ?? 'owner') as Role;
      await tx.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role });
      await tx.update(users).set({ lastWorkspaceId: workspace.id }).where(eq(users.id, user.id));
      const actor = { kind: 'user' as const, userId: user.id, workspaceId: workspace.id, ...meta };
      await recordAudit(tx, actor, {
        action: 'register',
        entityType: 'user',
        entityId: user.id,
        newValues: { email: user.email, full_name: user.fullName, workspace: workspace.name },
      });
      if (invited) {
        await recordAudit(tx, actor, { action: 'join_workspace', entityType: 'membership', entityId: user.id, newValues: { role } });
      }
      const tokens = opts.issueTokens === false ? null : await issueTokenPair(tx, user, workspace.subscriptionPlan, meta);
      return { user: presentUser({ ...user, lastWorkspaceId: workspace.id }, workspace, role), tokens };
    });
  } catch (err) {
    if ((err as { code?: string; cause?: { code?: string } }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') {
      throw conflict('An account with this email already exists', 'email_taken');
    }
    throw err;
  }
}
