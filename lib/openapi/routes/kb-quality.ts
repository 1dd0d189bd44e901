// Knowledge-base quality routes (issue 8): the workspace's own synonyms and the questions the
// agent could not answer.
import { z } from 'zod';
import { defineRoute } from '../registry';
import { createSynonymSchema, updateSynonymSchema } from '@/lib/kb/synonyms/schemas';
import { listUnansweredQuery, updateUnansweredSchema } from '@/lib/kb/unanswered/schemas';

const tag = 'Knowledge base';
const id = { id: 'uuid' } as const;

const synonym = z.object({ id: z.uuid(), term: z.string(), synonyms: z.array(z.string()), created_at: z.string(), updated_at: z.string() });
const question = z.object({
  id: z.uuid(),
  question: z.string(),
  asked_count: z.number(),
  first_asked_at: z.string(),
  last_asked_at: z.string(),
  status: z.enum(['open', 'resolved', 'dismissed']),
  source: z.enum(['channel', 'test_chat']),
  agent: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  conversation_id: z.uuid().nullable(),
  resolved_article_id: z.number().nullable(),
});

defineRoute({ method: 'get', path: '/api/kb/synonyms', tag, summary: "The workspace's synonyms (applied to every knowledge-base search)", permission: 'kb.read', response: z.object({ data: z.array(synonym) }) });
defineRoute({ method: 'post', path: '/api/kb/synonyms', tag, summary: 'Add a term and the words it means (409 synonym_exists for a term already there, any case)', permission: 'kb.write', body: createSynonymSchema, status: 201, response: z.object({ synonym }) });
defineRoute({ method: 'patch', path: '/api/kb/synonyms/:id', tag, summary: 'Change the term or its words (409 synonym_exists)', permission: 'kb.write', params: id, body: updateSynonymSchema, response: z.object({ synonym }) });
defineRoute({ method: 'delete', path: '/api/kb/synonyms/:id', tag, summary: 'Delete a synonym entry', permission: 'kb.write', params: id, status: 204 });

defineRoute({
  method: 'get',
  path: '/api/kb/unanswered',
  tag,
  summary: 'Questions the agent could not answer from the knowledge base, most recently asked first (keyset cursor)',
  permission: 'kb.read',
  query: listUnansweredQuery,
  response: z.object({ data: z.array(question), next_cursor: z.string().nullable() }),
});
defineRoute({ method: 'patch', path: '/api/kb/unanswered/:id', tag, summary: 'Resolve (with the article that answers it), dismiss or reopen (422 for an unknown article)', permission: 'kb.write', params: id, body: updateUnansweredSchema, response: z.object({ question }) });
defineRoute({ method: 'delete', path: '/api/kb/unanswered/:id', tag, summary: 'Delete a question (asked again, it comes back)', permission: 'kb.write', params: id, status: 204 });
