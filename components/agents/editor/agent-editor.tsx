'use client';
// The agent editor: a header, one tab per concern, and the unsaved-changes bar and guards.
import { useCallback, useEffect, useMemo, useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ArrowLeftIcon } from 'lucide-react';
import { modelById } from '@/lib/ai/models';
import { Badge } from '@/components/ui/badge';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { apiGet } from '../api-client';
import { agentKeys, type FullAgent } from '../types';
import type { AgentVocab } from '../vocab';
import { UnsavedBar, useLeaveGuard } from '../unsaved-changes';
import { ViewerNote } from '../viewer-note';
import { EditorContext, type ActiveForm } from './editor-context';
import { EditorActions } from './editor-actions';
import { ReadinessPanel } from './readiness-panel';
import { ReadinessBadge } from '../readiness-badge';
import { ChainTotals } from './chain-totals';
import { EDITOR_TABS, isEditorTab, type EditorTab } from './tabs';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

export function AgentEditor({
  initialAgent,
  canWrite,
  instructionsLimit,
  vocab,
  initialTab,
}: {
  initialAgent: FullAgent;
  canWrite: boolean;
  instructionsLimit: number;
  vocab: AgentVocab;
  initialTab?: string;
}) {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('agents.editor');
  const { data: agent = initialAgent } = useQuery({
    queryKey: agentKeys.detail(initialAgent.id),
    queryFn: ({ signal }) => apiGet<{ agent: FullAgent }>(`/api/agents/${initialAgent.id}`, signal).then((r) => r.agent),
    initialData: initialAgent,
  });
  const [tab, setTab] = useState<EditorTab>(isEditorTab(initialTab) ? initialTab : 'basics');
  const [activeForm, setActiveFormState] = useState<ActiveForm | null>(null);
  const setActiveForm = useCallback((f: ActiveForm | null) => setActiveFormState(f), []);
  const dirty = !!activeForm?.dirty;
  const { confirmLeave, dialog } = useLeaveGuard(dirty, () => activeForm?.discard());

  const selectTab = (next: string) => {
    if (!isEditorTab(next) || next === tab) return;
    confirmLeave(() => {
      setTab(next);
      const url = new URL(window.location.href);
      url.searchParams.set('tab', next);
      window.history.replaceState(window.history.state, '', url);
    });
  };

  // On phones the tab list scrolls sideways: keep the open tab in view.
  useEffect(() => {
    document.querySelector(`[data-testid="agent-tab-${tab}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [tab]);

  // Ctrl/Cmd+S saves the open tab.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && activeForm?.dirty && !activeForm.saving) {
        e.preventDefault();
        activeForm.save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [activeForm]);

  const ctx = useMemo(() => ({ agent, canWrite, instructionsLimit, vocab, setActiveForm }), [agent, canWrite, instructionsLimit, vocab, setActiveForm]);

  return (
    <EditorContext.Provider value={ctx}>
      <div className="space-y-6" data-testid="agent-editor" data-agent-id={agent.id}>
        <div className="space-y-3">
          <Link
            href={wsHref('/agents')}
            className="inline-flex items-center gap-1.5 text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:underline"
            data-testid="agent-editor-back"
          >
            <ArrowLeftIcon className="size-4" aria-hidden />
            {t('back')}
          </Link>
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0 space-y-2">
              <h1 className="truncate text-2xl font-semibold tracking-tight" data-testid="agent-editor-title">
                {agent.name}
              </h1>
              <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                <Badge variant={agent.is_active ? 'success' : 'secondary'} data-testid="agent-editor-status">
                  {agent.is_active ? t('active') : t('inactive')}
                </Badge>
                <ReadinessBadge readiness={agent.readiness} />
                <Badge variant="outline" className="font-normal">
                  {modelById(agent.model)?.label ?? agent.model}
                </Badge>
                <ChainTotals chains={agent.chains} onOpen={() => selectTab('chains')} />
              </div>
            </div>
            {canWrite && <EditorActions agent={agent} />}
          </div>
          {!canWrite && <ViewerNote />}
        </div>
        <ReadinessPanel />

        <Tabs value={tab} onValueChange={selectTab} orientation="vertical" className="flex-col gap-6 lg:grid lg:grid-cols-[13rem_minmax(0,1fr)] lg:items-start">
          <TabsList
            aria-label={t('tabsLabel')}
            className="h-auto w-full justify-start gap-1 overflow-x-auto rounded-xl border bg-card p-1.5 shadow-xs data-[orientation=vertical]:flex-row lg:sticky lg:top-20 lg:data-[orientation=vertical]:flex-col lg:data-[orientation=vertical]:items-stretch"
          >
            {EDITOR_TABS.map(({ key, icon: Icon }) => (
              <TabsTrigger
                key={key}
                value={key}
                data-testid={`agent-tab-${key}`}
                className="flex-none justify-start px-3 py-2 text-muted-foreground data-[state=active]:bg-accent data-[state=active]:text-accent-foreground data-[state=active]:shadow-none dark:data-[state=active]:border-transparent dark:data-[state=active]:bg-accent"
              >
                <Icon aria-hidden />
                {t(`tabs.${key}`)}
              </TabsTrigger>
            ))}
          </TabsList>
          {EDITOR_TABS.map(({ key, component: Panel }) => (
            <TabsContent key={key} value={key} className="min-w-0" data-testid={`agent-panel-${key}`}>
              <Panel />
            </TabsContent>
          ))}
        </Tabs>
        <UnsavedBar
          visible={dirty && canWrite}
          saving={!!activeForm?.saving}
          onSave={() => activeForm?.save()}
          onDiscard={() => activeForm?.discard()}
        />
        {dialog}
      </div>
    </EditorContext.Provider>
  );
}
