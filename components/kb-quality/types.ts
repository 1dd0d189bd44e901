// Shapes of /api/kb/unanswered and /api/kb/synonyms (docs/runtime-api.md) and their query keys.
export interface UnansweredQuestion {
  id: string;
  question: string;
  asked_count: number;
  first_asked_at: string;
  last_asked_at: string;
  status: 'open' | 'resolved' | 'dismissed';
  source: 'channel' | 'test_chat';
  agent: { id: string; name: string } | null;
  conversation_id: string | null;
  resolved_article_id: number | null;
}

export interface Synonym {
  id: string;
  term: string;
  synonyms: string[];
  created_at: string;
  updated_at: string;
}

export const qualityKeys = {
  all: ['kb-quality'] as const,
  unanswered: (status: string) => ['kb-quality', 'unanswered', status] as const,
  synonyms: () => ['kb-quality', 'synonyms'] as const,
};
