// The UnansweredQuestion shape of docs/runtime-api.md.
import type { kbUnansweredQuestions } from '@/lib/db/schema/runtime';

type Row = typeof kbUnansweredQuestions.$inferSelect;

export interface UnansweredQuestionView {
  id: string;
  question: string;
  asked_count: number;
  first_asked_at: string;
  last_asked_at: string;
  status: Row['status'];
  source: Row['source'];
  agent: { id: string; name: string } | null;
  conversation_id: string | null;
  resolved_article_id: number | null;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export function presentUnanswered(row: Row, agentName: string | null): UnansweredQuestionView {
  return {
    id: row.id,
    question: row.question,
    asked_count: row.askedCount,
    first_asked_at: iso(row.firstAskedAt),
    last_asked_at: iso(row.lastAskedAt),
    status: row.status,
    source: row.source,
    agent: row.agentId && agentName !== null ? { id: row.agentId, name: agentName } : null,
    conversation_id: row.conversationId,
    resolved_article_id: row.resolvedArticleId,
  };
}
