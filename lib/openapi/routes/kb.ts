// Knowledge-base routes: categories, articles (with hybrid search), files.
import { z } from 'zod';
import { defineRoute } from '../registry';
import { createCategorySchema, deleteCategoryQuery, listCategoriesQuery, updateCategorySchema } from '@/lib/kb/categories/schemas';
import { createArticleSchema, listArticlesQuery, updateArticleSchema } from '@/lib/kb/articles/schemas';
import { toggleArticleSchema } from '@/lib/kb/articles/toggle-article';

const tag = 'Knowledge base';
const cat = { id: 'uuid' } as const;
const art = { id: 'integer' } as const;

const category = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  parent_id: z.uuid().nullable(),
  path: z.string(),
  level: z.number(),
  subcategories_count: z.number(),
  articles_count: z.number(),
});
const articleItem = z.object({
  id: z.number(),
  title: z.string(),
  is_active: z.boolean(),
  categories: z.array(z.string()),
  category_ids: z.array(z.uuid()),
  related_articles_count: z.number(),
  files_count: z.number(),
  usage_count: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
  matched_by: z.array(z.enum(['fulltext', 'semantic'])).optional().describe('With `search`: which index found it'),
  snippet: z.string().optional().describe('With `search`: the best passage, matched terms marked'),
});
const pagination = z.object({ page: z.number(), limit: z.number(), total: z.number(), pages: z.number() });

defineRoute({ method: 'get', path: '/api/kb/categories', tag, summary: 'Categories (roots, children of parent_id, or the whole tree)', permission: 'kb.read', query: listCategoriesQuery, response: z.object({ categories: z.array(category) }) });
defineRoute({ method: 'post', path: '/api/kb/categories', tag, summary: 'Create a category', permission: 'kb.write', body: createCategorySchema, status: 201, response: z.object({ category }) });
defineRoute({ method: 'get', path: '/api/kb/categories/:id', tag, summary: 'One category', permission: 'kb.read', params: cat, response: z.object({ category }) });
defineRoute({ method: 'patch', path: '/api/kb/categories/:id', tag, summary: 'Rename, describe or move (paths of the subtree follow)', permission: 'kb.write', params: cat, body: updateCategorySchema, response: z.object({ category }) });
defineRoute({
  method: 'delete',
  path: '/api/kb/categories/:id',
  tag,
  summary: 'Delete a category and its subtree; `articles` says what happens to their articles (409 with counts when omitted and not empty)',
  permission: 'kb.write',
  params: cat,
  query: deleteCategoryQuery,
  status: 204,
});
defineRoute({ method: 'post', path: '/api/kb/categories/:id/duplicate', tag, summary: 'Copy a category with its subtree', permission: 'kb.write', params: cat, status: 201 });

defineRoute({
  method: 'get',
  path: '/api/kb/articles',
  tag,
  summary: 'Articles; with `search`, hybrid full-text + semantic search ordered by relevance',
  permission: 'kb.read',
  query: listArticlesQuery,
  response: z.object({ articles: z.array(articleItem), pagination }),
});
defineRoute({ method: 'post', path: '/api/kb/articles', tag, summary: 'Create an article', permission: 'kb.write', body: createArticleSchema, status: 201 });
defineRoute({ method: 'get', path: '/api/kb/articles/:id', tag, summary: 'An article with categories, related articles and files', permission: 'kb.read', params: art });
defineRoute({ method: 'patch', path: '/api/kb/articles/:id', tag, summary: 'Update an article (categories and relations replace the set)', permission: 'kb.write', params: art, body: updateArticleSchema });
defineRoute({ method: 'delete', path: '/api/kb/articles/:id', tag, summary: 'Delete an article and its files', permission: 'kb.write', params: art, status: 204 });
defineRoute({ method: 'post', path: '/api/kb/articles/:id/duplicate', tag, summary: 'Copy an article with its categories, relations and files', permission: 'kb.write', params: art, status: 201 });
defineRoute({ method: 'patch', path: '/api/kb/articles/:id/toggle', tag, summary: 'Set is_active, or flip it when the body is empty', permission: 'kb.write', params: art, body: toggleArticleSchema });
defineRoute({
  method: 'post',
  path: '/api/kb/articles/:id/files',
  tag,
  summary: 'Upload files (pdf, docx, txt, md, html, csv, xlsx, images); their text becomes searchable. 413/415 name the file',
  permission: 'kb.write',
  params: art,
  multipart: { files: 'files' },
  status: 201,
});
defineRoute({ method: 'delete', path: '/api/kb/articles/:id/files/:fileId', tag, summary: 'Delete a file', permission: 'kb.write', params: { id: 'integer', fileId: 'uuid' }, status: 204 });
defineRoute({ method: 'get', path: '/api/kb/articles/:id/files/:fileId/download', tag, summary: 'Download a file', permission: 'kb.read', params: { id: 'integer', fileId: 'uuid' } });
