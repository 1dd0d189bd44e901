import { workspaceRoute } from '@/lib/api/route';
import { parseJson, parseQuery } from '@/lib/api/request';
import { listCategories } from '@/lib/kb/categories/list-categories';
import { createCategory } from '@/lib/kb/categories/create-category';
import { createCategorySchema, listCategoriesQuery } from '@/lib/kb/categories/schemas';

export const GET = workspaceRoute(async ({ req, caller }) => listCategories(caller.actor, parseQuery(req, listCategoriesQuery)), {
  permission: 'kb.read',
});

export const POST = workspaceRoute(
  async ({ req, caller }) => ({ category: await createCategory(caller.actor, await parseJson(req, createCategorySchema)) }),
  { permission: 'kb.write', status: 201 },
);
