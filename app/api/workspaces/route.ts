import { userRoute } from '@/lib/api/route';

export const GET = userRoute(async ({ caller }) => ({
  workspaces: caller.memberships.map((m) => ({
    id: m.workspace.id,
    slug: m.workspace.slug,
    name: m.workspace.name,
    time_zone: m.workspace.timeZone,
    role: m.role,
    subscription_plan: m.workspace.subscriptionPlan,
    current: m.workspace.id === caller.workspace?.id,
  })),
}));
