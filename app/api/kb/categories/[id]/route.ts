import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { uuidParam } from '@/lib/api/params';
import { getCategory } from '@/lib/kb/categories/get-category';
import { updateCategory } from '@/lib/kb/categories/update-category';
import { deleteCategory } from '@/lib/kb/categories/delete-category';
import { deleteCategoryQuery, updateCategorySchema } from '@/lib/kb/categories/schemas';

export const GET = workspaceRoute<{ id: string }>(
  async ({ params, caller }) => ({ category: await getCategory(caller.actor, uuidParam(params.id, 'Category')) }),
  { permission: 'kb.read' },
);

export const PATCH = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => ({
    category: await updateCategory(caller.actor, uuidParam(params.id, 'Category'), await parseJson(req, updateCategorySchema)),
  }),
  { permission: 'kb.write' },
);

// 204 when no article was affected; otherwise 200 with what happened to them
// (articles left without any category are listed so the UI can offer to file them).
export const DELETE = workspaceRoute<{ id: string }>(
  async ({ req, params, caller }) => deleteCategory(caller.actor, uuidParam(params.id, 'Category'), parseQuery(req, deleteCategoryQuery)),
  { permission: 'kb.write' },
);
