'use client';
// The editor's readiness checklist (what is missing and where to fix it) and the answer mode:
// an AI model, or quotes from the knowledge base only (no model key needed).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { CircleCheckIcon, CircleXIcon, InfoIcon } from 'lucide-react';
import { Label } from '@/components/ui/label';
import { RadioGroup, RadioGroupItem } from '@/components/ui/radio-group';
import { WorkspaceLink } from '@/components/dashboard/workspace-link';
import { cn } from '@/lib/utils/cn';
import { api } from '../api-client';
import { agentKeys, type FullAgent } from '../types';
import { useErrorToast } from '../use-api-errors';
import { useEditor, usePatchAgentCache } from './editor-context';

const FIX: Record<string, string> = { model: '/settings', knowledge: '/knowledge-base', channel: '/integrations' };

export function ReadinessPanel() {
  const t = useTranslations('notifications.readiness');
  const { agent, canWrite } = useEditor();
  const patchCache = usePatchAgentCache();
  const qc = useQueryClient();
  const showError = useErrorToast();
  const mode = useMutation({
    mutationFn: (kb_only: boolean) => api<{ agent: FullAgent }>('PATCH', `/api/agents/${agent.id}`, { kb_only }),
    onSuccess: ({ agent: saved }) => {
      patchCache(saved);
      void qc.invalidateQueries({ queryKey: agentKeys.lists() });
    },
    onError: showError,
  });
  const readiness = agent.readiness;

  return (
    <section className="grid gap-5 rounded-xl border bg-card p-4 shadow-xs sm:p-5 md:grid-cols-[minmax(0,1fr)_16rem]" data-testid="agent-readiness-panel">
      <div className="min-w-0 space-y-3">
        <div>
          <h2 className="font-semibold">{t('title')}</h2>
          <p className="text-sm text-muted-foreground">{t('intro')}</p>
        </div>
        <ul className="space-y-2">
          {readiness.checks.map((c) => {
            const key = c.code === 'model' && c.ok && readiness.mode === 'kb_only' ? 'okKbOnly' : c.ok ? 'ok' : 'fail';
            const Icon = c.ok ? CircleCheckIcon : c.blocking ? CircleXIcon : InfoIcon;
            return (
              <li key={c.code} className="flex items-start gap-2.5 text-sm" data-testid={`readiness-check-${c.code}`} data-ok={c.ok}>
                <Icon className={cn('mt-0.5 size-4 shrink-0', c.ok ? 'text-success' : c.blocking ? 'text-destructive' : 'text-muted-foreground')} aria-hidden />
                <span className="min-w-0">
                  <span>{t(`checks.${c.code}.${key}`)}</span>
                  <span className="ml-1.5 text-xs text-muted-foreground">({c.blocking ? t('blocking') : t('info')})</span>
                  {!c.ok && (
                    <WorkspaceLink to={FIX[c.code]} className="ml-2 font-medium text-primary underline-offset-4 hover:underline" data-testid={`readiness-fix-${c.code}`}>
                      {t(`checks.${c.code}.fix`)}
                    </WorkspaceLink>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium" id="answer-mode-label">{t('mode')}</p>
        <RadioGroup
          aria-labelledby="answer-mode-label"
          value={agent.kb_only ? 'kb_only' : 'model'}
          onValueChange={(v) => mode.mutate(v === 'kb_only')}
          disabled={!canWrite || mode.isPending}
          className="gap-2"
          data-testid="agent-answer-mode"
        >
          {(['model', 'kb_only'] as const).map((v) => (
            <div key={v} className="flex items-center gap-2">
              <RadioGroupItem value={v} id={`answer-mode-${v}`} data-testid={`agent-answer-mode-${v}`} />
              <Label htmlFor={`answer-mode-${v}`} className="font-normal">
                {v === 'model' ? t('modeModel') : t('modeKbOnly')}
              </Label>
            </div>
          ))}
        </RadioGroup>
        <p className="text-xs text-muted-foreground">{t('modeHint')}</p>
      </div>
    </section>
  );
}
