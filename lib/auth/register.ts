// Sign-up: a user, their own workspace on the trial plan, and the owner membership.
import { eq } from 'drizzle-orm';
import { TRIAL_DAYS, PLANS } from '@/lib/billing/plans';
import { withAuthService } from '@/lib/db/actor';
import { memberships, users, workspaces } from '@/lib/db/schema/core';
import { recordAudit } from '@/lib/audit/record-audit';
import { conflict } from '@/lib/api/errors';
import { consume } from '@/lib/ratelimit/limits';
import { hashPassword } from './password';
import { presentUser } from './present-user';
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
        .values({ email: input.email, passwordHash, fullName: input.full_name, locale: input.locale ?? 'ru' })
        .returning();
      const [workspace] = await tx
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
      await tx.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role: 'owner' });
      await tx.update(users).set({ lastWorkspaceId: workspace.id }).where(eq(users.id, user.id));
      const actor = { kind: 'user' as const, userId: user.id, workspaceId: workspace.id, ...meta };
      await recordAudit(tx, actor, {
        action: 'register',
        entityType: 'user',
        entityId: user.id,
        newValues: { email: user.email, full_name: user.fullName, workspace: workspace.name },
      });
      const tokens = opts.issueTokens === false ? null : await issueTokenPair(tx, user, workspace.subscriptionPlan, meta);
      return { user: presentUser({ ...user, lastWorkspaceId: workspace.id }, workspace, 'owner'), tokens };
    });
  } catch (err) {
    if ((err as { code?: string; cause?: { code?: string } }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') {
      throw conflict('An account with this email already exists', 'email_taken');
    }
    throw err;
  }
}
