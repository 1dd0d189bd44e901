// The default phone region of a workspace (from its time zone): KZ or RU.
import { eq } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import type { Tx } from '@/lib/db/client';
import { workspaces } from '@/lib/db/schema/core';
import { phoneRegionOf } from './normalize-phone';

export async function workspaceRegion(tx: Tx, workspaceId: string): Promise<CountryCode> {
  const [ws] = await tx.select({ timeZone: workspaces.timeZone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return phoneRegionOf(ws?.timeZone);
}
