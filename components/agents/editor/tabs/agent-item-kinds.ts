// The three per-agent lists of seed 001 (company knowledge, sales scripts, objection responses):
// endpoint, response key, cache key and the fields each entry has (validated by the API's schemas).
import type { KnowledgeItem, Objection, SalesScript } from '../../types';

export type ItemKindKey = 'knowledge' | 'scripts' | 'objections';
type CacheKey = 'company_knowledge' | 'sales_scripts' | 'objection_responses';
export type AgentItem = KnowledgeItem | SalesScript | Objection;

export interface ItemField {
  name: string;
  long?: boolean;
  required?: boolean;
  /** Empty input means null (optional CRM ids). */
  nullable?: boolean;
  mono?: boolean;
}

export interface ItemKind {
  key: ItemKindKey;
  endpoint: string;
  responseKey: string;
  cacheKey: CacheKey;
  fields: ItemField[];
  /** The field shown as the entry's heading and the one shown under it. */
  heading: string;
  body: string;
  badge?: string;
}

export const ITEM_KINDS: ItemKind[] = [
  {
    key: 'knowledge',
    endpoint: 'knowledge',
    responseKey: 'knowledge_entry',
    cacheKey: 'company_knowledge',
    fields: [
      { name: 'title', required: true },
      { name: 'content', long: true, required: true },
    ],
    heading: 'title',
    body: 'content',
  },
  {
    key: 'scripts',
    endpoint: 'scripts',
    responseKey: 'script',
    cacheKey: 'sales_scripts',
    fields: [
      { name: 'name', required: true },
      { name: 'stage', nullable: true, mono: true },
      { name: 'script', long: true, required: true },
    ],
    heading: 'name',
    body: 'script',
    badge: 'stage',
  },
  {
    key: 'objections',
    endpoint: 'objections',
    responseKey: 'objection',
    cacheKey: 'objection_responses',
    fields: [
      { name: 'objection', long: true, required: true },
      { name: 'response', long: true, required: true },
    ],
    heading: 'objection',
    body: 'response',
  },
];
