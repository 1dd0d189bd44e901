// Which first steps a workspace has already taken, from its data (the overview's checklist).
import { sql } from 'drizzle-orm';
import { queryRows, withActor } from '@/lib/db/actor';
import type { WorkspaceActor } from '@/lib/db/actor';

export interface OnboardingProgress {
  agent: boolean;
  knowledge: boolean;
  team: boolean;
  /** No channel can be connected yet (integrations are not built): always false for now. */
  channel: boolean;
}

export async function getOnboardingProgress(actor: WorkspaceActor): Promise<OnboardingProgress> {
  const ws = actor.workspaceId;
  const [row] = await withActor(actor, (tx) =>
    queryRows<{ agent: boolean; knowledge: boolean; members: number; invitations: number }>(
      tx,
      sql`select exists (select 1 from public.agents where workspace_id = ${ws}) as agent,
                 exists (select 1 from public.kb_articles where workspace_id = ${ws}) as knowledge,
                 (select count(*)::int from public.memberships where workspace_id = ${ws}) as members,
                 (select count(*)::int from public.invitations where workspace_id = ${ws}) as invitations`,
    ),
  );
  return {
    agent: Boolean(row.agent),
    knowledge: Boolean(row.knowledge),
    // A teammate who joined, or one invited (members cannot see invitations; owners and admins can).
    team: Number(row.members) > 1 || Number(row.invitations) > 0,
    channel: false,
  };
}
