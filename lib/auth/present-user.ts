// The user object returned by auth and profile endpoints (seed 000 shape plus workspace).
import type { users, workspaces } from '@/lib/db/schema/core';
import type { Role } from './permissions';

type UserRow = typeof users.$inferSelect;
type WorkspaceRow = typeof workspaces.$inferSelect;

export function presentUser(user: UserRow, workspace?: WorkspaceRow | null, role?: Role | null) {
  return {
    id: user.id,
    email: user.email,
    full_name: user.fullName,
    avatar_url: user.avatarUrl,
    theme: user.theme,
    locale: user.locale,
    company_name: workspace?.name ?? null,
    company_logo_url: workspace?.companyLogoUrl ?? null,
    subscription_plan: workspace?.subscriptionPlan ?? null,
    subscription_status: workspace?.subscriptionStatus ?? null,
    trial_ends_at: workspace?.trialEndsAt?.toISOString() ?? null,
    ai_responses_used: workspace?.aiResponsesUsed ?? null,
    ai_responses_limit: workspace?.aiResponsesLimit ?? null,
    stop_on_human_reply: workspace?.stopOnHumanReply ?? null,
    auto_resume_after: workspace?.autoResumeAfter ?? null,
    auto_resume_unit: workspace?.autoResumeUnit ?? null,
    time_zone: workspace?.timeZone ?? null,
    workspace: workspace ? { id: workspace.id, slug: workspace.slug, name: workspace.name, role: role ?? null } : null,
    created_at: user.createdAt.toISOString(),
  };
}
export type PresentedUser = ReturnType<typeof presentUser>;
