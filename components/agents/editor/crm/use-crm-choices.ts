'use client';
// The workspace CRM's pipelines, stages and fields the editor picks from (GET /api/crm/choices),
// with system field names in the UI language; and refreshing the agent after a CRM-related save.
import { useLocale } from 'next-intl';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CrmChoices, ChoiceField } from '@/lib/crm/list-crm-choices';
import { apiGet } from '../../api-client';
import { agentKeys } from '../../types';
import { useEditor } from '../editor-context';

export type { CrmChoices, ChoiceField, ChoicePipeline, ChoiceStage } from '@/lib/crm/list-crm-choices';

export const crmChoicesKey = (locale: string) => ['agents', 'crm-choices', locale] as const;

export function useCrmChoices() {
  const locale = useLocale();
  return useQuery({
    queryKey: crmChoicesKey(locale),
    queryFn: ({ signal }) => apiGet<CrmChoices>(`/api/crm/choices?locale=${encodeURIComponent(locale)}`, signal),
    staleTime: 30_000,
  });
}

/** Re-reads the agent (its `warnings` are computed on read) after a save that may change them. */
export function useRefreshAgent() {
  const qc = useQueryClient();
  const { agent } = useEditor();
  return () => void qc.invalidateQueries({ queryKey: agentKeys.detail(agent.id) });
}

export function fieldsOf(choices: CrmChoices | undefined, entity: 'deal' | 'contact'): ChoiceField[] {
  if (!choices) return [];
  return entity === 'deal' ? choices.deal_fields : choices.contact_fields;
}

/** "#rrggbb" from the CRM, or a neutral grey for anything else. */
export function safeColor(c: string | undefined): string {
  return c && /^#[0-9a-f]{3,8}$/i.test(c) ? c : '#94a3b8';
}
