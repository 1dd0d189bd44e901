// Input schemas for knowledge-base categories (REST routes and server actions share them).
import { z } from 'zod';

/** Root categories are level 0; the schema's check allows levels up to 10. */
export const MAX_CATEGORY_LEVEL = 10;

const name = z
  .string({ error: 'name is required' })
  .trim()
  .min(1, 'name is required')
  .max(255, 'name must be at most 255 characters');
const description = z.string({ error: 'description must be text' }).trim().max(10_000, 'description must be at most 10000 characters').nullable();
const parentId = z.uuid({ error: 'parent_id must be a category id (UUID) or null' }).nullable();

export const createCategorySchema = z.object({
  name,
  description: description.optional(),
  parent_id: parentId.optional(),
});
export type CreateCategoryInput = z.infer<typeof createCategorySchema>;

export const updateCategorySchema = z
  .object({ name: name.optional(), description: description.optional(), parent_id: parentId.optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined || v.parent_id !== undefined, {
    error: 'send at least one of name, description, parent_id',
  });
export type UpdateCategoryInput = z.infer<typeof updateCategorySchema>;

export const listCategoriesQuery = z.object({
  parent_id: z.union([z.literal('null'), z.uuid()], { error: 'parent_id must be a category id (UUID) or "null" for root categories' }).optional(),
});

export const DELETE_MODES = ['move_to_parent', 'detach', 'delete'] as const;
export type DeleteMode = (typeof DELETE_MODES)[number];
export const deleteCategoryQuery = z.object({
  articles: z.enum(DELETE_MODES, { error: 'articles must be move_to_parent, detach or delete' }).optional(),
});
