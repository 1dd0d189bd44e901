// Drizzle mirrors of the knowledge-base tables (supabase/migrations/*_knowledge_base*.sql).
// kb_chunks.search_vector (generated) and .embedding (only with pgvector) are read via SQL.
import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const kbCategories = pgTable('kb_categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  name: varchar('name', { length: 255 }).notNull(),
  description: text('description'),
  parentId: uuid('parent_id'),
  path: varchar('path', { length: 2000 }).notNull().default('/'),
  level: integer('level').notNull().default(0),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  // Sibling names are unique case-insensitively (20261127000700_kb_category_sibling_names.sql).
  uniqueIndex('kb_categories_sibling_name_key').on(
    t.workspaceId,
    sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    sql`lower(${t.name})`,
  ),
]);

export const kbArticles = pgTable('kb_articles', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  workspaceId: uuid('workspace_id').notNull(),
  title: varchar('title', { length: 500 }).notNull(),
  content: text('content').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  usageCount: integer('usage_count').notNull().default(0),
  lastUsedAt: ts('last_used_at'),
  contentHash: varchar('content_hash', { length: 64 }),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const kbArticleCategories = pgTable('kb_article_categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  articleId: integer('article_id').notNull(),
  categoryId: uuid('category_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const kbArticleRelations = pgTable('kb_article_relations', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  articleId: integer('article_id').notNull(),
  relatedArticleId: integer('related_article_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const kbArticleFiles = pgTable('kb_article_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  articleId: integer('article_id').notNull(),
  fileName: varchar('file_name', { length: 255 }).notNull(),
  fileType: varchar('file_type', { length: 100 }).notNull(),
  fileUrl: text('file_url').notNull(),
  fileSize: integer('file_size'),
  extractedText: text('extracted_text'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** pending | done | failed: PDF/DOCX text is extracted in the background. */
  extractionStatus: varchar('extraction_status', { length: 20 }).notNull().default('done'),
  /** Why extraction failed (lib/kb/extract/extraction-failed.ts), else null. */
  extractionError: varchar('extraction_error', { length: 50 }),
});

export const kbChunks = pgTable('kb_chunks', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull(),
  articleId: integer('article_id').notNull(),
  fileId: uuid('file_id'),
  chunkIndex: integer('chunk_index').notNull(),
  title: varchar('title', { length: 500 }).notNull(),
  content: text('content').notNull(),
  contentHash: varchar('content_hash', { length: 64 }).notNull(),
  embeddingModel: varchar('embedding_model', { length: 100 }),
  embeddedAt: ts('embedded_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// Kept by triggers on kb_chunks (supabase/migrations/*_kb_search.sql); members only read them.
export const kbSearchTerms = pgTable('kb_search_terms', {
  workspaceId: uuid('workspace_id').notNull(),
  term: varchar('term', { length: 64 }).notNull(),
  ndoc: integer('ndoc').notNull().default(0),
});

export const kbSearchStats = pgTable('kb_search_stats', {
  workspaceId: uuid('workspace_id').primaryKey(),
  chunks: integer('chunks').notNull().default(0),
});
