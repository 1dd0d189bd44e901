import { workspaceRoute } from '@/lib/api/route';
import { uuidParam } from '@/lib/api/params';
import { duplicateCategory } from '@/lib/kb/categories/duplicate-category';

export const POST = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => ({ category: await duplicateCategory(caller.actor, uuidParam(params.id, 'Category')) }),
  { permission: 'kb.write', status: 201 },
);
