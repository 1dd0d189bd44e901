// An agent's working hours in its workspace's time zone (lib/channels/schedule).
import { eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';
import { workspaces } from '@/lib/db/schema/core';
import type { WorkingHours } from '../schedule/next-open-window';
import type { ReplyAgent } from './find-agent';

export async function workingHoursOf(tx: Tx, workspaceId: string, agent: ReplyAgent): Promise<WorkingHours> {
  const [ws] = await tx.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return { enabled: agent.scheduleEnabled, schedule: agent.workingSchedule, timeZone: ws?.timeZone ?? 'Asia/Almaty' };
}
