// Tasks (docs/crm-api.md `Task`) as the "my tasks" page reads them.
export interface Task {
  id: string;
  text: string;
  due_at: string | null;
  responsible_user_id: string | null;
  responsible: { id: string; name: string } | null;
  client_id: string | null;
  conversation_id: string | null;
  client: { id: string; name: string } | null;
  done: boolean;
  done_at: string | null;
  overdue: boolean;
  source: string;
  created_at: string;
}

export const taskKeys = {
  all: () => ['crm', 'tasks'] as const,
  list: (q: { mine: boolean; done: boolean }) => ['crm', 'tasks', q] as const,
};

export type TaskGroup = 'overdue' | 'today' | 'later' | 'noDate' | 'done';
