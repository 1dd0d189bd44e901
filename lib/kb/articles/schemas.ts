// Input schemas for knowledge-base articles (seed 000 "Валидация данных": title 1-500,
// content at least 10 characters, at least one category).
import { z } from 'zod';
import { paginationQuery, queryBool } from '@/lib/api/pagination';

export const CONTENT_MAX = 200_000;

const unique = <T>(list: T[]) => [...new Set(list)];

const title = z
  .string({ error: 'title is required' })
  .trim()
  .min(1, 'title is required')
  .max(500, 'title must be at most 500 characters');
const content = z
  .string({ error: 'content is required' })
  .trim()
  .min(10, 'content must be at least 10 characters')
  .max(CONTENT_MAX, `content must be at most ${CONTENT_MAX} characters`);
const isActive = z.boolean({ error: 'is_active must be true or false' });
const categories = z
  .array(z.uuid({ error: 'each category must be a category id (UUID)' }), { error: 'categories must be a list of category ids' })
  .min(1, 'choose at least one category')
  .max(100, 'at most 100 categories')
  .transform(unique);
const relatedArticles = z
  .array(
    z.int({ error: 'each related article must be an article id (integer)' }).positive('article ids are positive').max(2147483647, 'not an article id'),
    { error: 'related_articles must be a list of article ids' },
  )
  .max(100, 'at most 100 related articles')
  .transform(unique);

export const createArticleSchema = z.object({
  title,
  content,
  is_active: isActive.default(true),
  categories,
  related_articles: relatedArticles.default([]),
});
export type CreateArticleInput = z.infer<typeof createArticleSchema>;

export const updateArticleSchema = z
  .object({
    title: title.optional(),
    content: content.optional(),
    is_active: isActive.optional(),
    categories: categories.optional(),
    related_articles: relatedArticles.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    error: 'send at least one of title, content, is_active, categories, related_articles',
  });
export type UpdateArticleInput = z.infer<typeof updateArticleSchema>;

export const listArticlesQuery = paginationQuery.extend({
  search: z
    .string()
    .trim()
    .max(500, 'search must be at most 500 characters')
    .optional()
    .transform((v) => v || undefined),
  category_id: z.uuid({ error: 'category_id must be a category id (UUID)' }).optional(),
  is_active: queryBool.optional(),
});
export type ListArticlesQuery = z.infer<typeof listArticlesQuery>;
