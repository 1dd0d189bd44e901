// Serialises changes to one workspace's category tree. A move rewrites paths by prefix;
// without this, two concurrent moves could form a cycle, or a child created under a
// category being moved could keep its parent's old path.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/client';

/** First key of the two-key advisory lock; the second is the workspace. */
const KB_TREE_LOCK = 0x6b62; // "kb"

export async function lockCategoryTree(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${KB_TREE_LOCK}::int, hashtext(${workspaceId}::text))`);
}
