// The billing path: the only way a workspace's plan, subscription dates and AI-response
// quota change. It acts as the "billing" system actor, which alone may call
// app.apply_billing; members (owners included) have no UPDATE on these columns.
import { sql } from 'drizzle-orm';
import { withActor, type Actor } from '@/lib/db/actor';
import { recordAudit } from '@/lib/audit/record-audit';
import { PLANS, type PlanId } from './plans';

export const billingActor = (workspaceId: string): Actor => ({ kind: 'system', name: 'billing', workspaceId });

export interface PlanChange {
  plan: PlanId;
  status?: 'active' | 'cancelled' | 'expired';
  expiresAt?: Date | null;
  trialEndsAt?: Date | null;
}

export async function changePlan(workspaceId: string, change: PlanChange): Promise<void> {
  const plan = PLANS[change.plan];
  const actor = billingActor(workspaceId);
  await withActor(actor, async (tx) => {
    await tx.execute(
      sql`select app.apply_billing(${workspaceId}::uuid, ${plan.id}, ${change.status ?? 'active'},
            ${change.expiresAt?.toISOString() ?? null}::timestamptz, ${change.trialEndsAt?.toISOString() ?? null}::timestamptz,
            ${plan.aiResponsesLimit})`,
    );
    await recordAudit(tx, actor, {
      action: 'change_plan',
      entityType: 'workspace',
      entityId: workspaceId,
      newValues: { subscription_plan: plan.id, subscription_status: change.status ?? 'active', ai_responses_limit: plan.aiResponsesLimit },
    });
  });
}
