'use client';
// The thread's header: the client, channel and stage; who holds the dialog (a sentence);
// Take over / Hand back / Pause; assign an operator; change the stage. Viewers see it read-only.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { ArrowLeftIcon, HandIcon, PauseIcon, PlayIcon, SirenIcon } from 'lucide-react';
import { ChannelIcon } from '@/components/crm/deals/format';
import { memberName, useMembers, usePipelines } from '@/components/crm/deals/queries';
import { StageBadge } from '@/components/crm/deals/stage-badge';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { HolderIcon, useHolderSentence } from './holder-chip';
import type { useThreadActions } from './mutations';
import { shownKind, type InboxConversation } from './types';

const NOBODY = '__none';

export function ThreadHeader({
  conversation: c,
  canWrite,
  me,
  actions,
  onBack,
}: {
  conversation: InboxConversation;
  canWrite: boolean;
  me: string | null;
  actions: ReturnType<typeof useThreadActions>;
  onBack: () => void;
}) {
  const t = useTranslations('inbox.header');
  const tc = useTranslations('deals.channels');
  const tl = useTranslations('inbox.list');
  const sentence = useHolderSentence();
  const members = useMembers();
  const pipelines = usePipelines();
  const [pauseOpen, setPauseOpen] = useState(false);
  const [reason, setReason] = useState('');
  const holder = c.holder ?? null;
  const stages = pipelines.data?.find((p) => p.id === c.pipeline_id)?.stages ?? [];
  const kind = holder ? shownKind(holder) : null;
  const held = holder?.kind === 'human' || holder?.kind === 'paused';
  const busy = actions.takeover.isPending || actions.handBack.isPending || actions.pause.isPending;

  return (
    <header className="space-y-2 border-b p-3" data-testid="thread-header">
      <div className="flex items-start gap-2">
        <Button variant="ghost" size="icon" className="-ml-1 shrink-0 md:hidden" onClick={onBack} aria-label={t('back')} data-testid="thread-back">
          <ArrowLeftIcon aria-hidden />
        </Button>
        <div className="min-w-0 flex-1">
          <h2 className="flex items-center gap-2 truncate text-base font-semibold" data-testid="thread-client">
            {c.client.name || tl('noName')}
          </h2>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
            <span className="inline-flex items-center gap-1">
              <ChannelIcon channel={c.channel} className="size-3.5" />
              {c.channel ? tc(c.channel) : ''}
            </span>
            {c.agent && <span>· {c.agent.name}</span>}
            <StageBadge stage={c.stage} />
          </p>
        </div>
      </div>
      {holder && (
        <p className="flex flex-wrap items-center gap-1.5 text-sm" data-testid="thread-holder" data-kind={kind ?? ''}>
          <HolderIcon kind={kind ?? holder.kind} className="size-4 text-muted-foreground" />
          <span>{sentence(holder, me)}</span>
          {holder.needs_human_since && (
            <span className="inline-flex items-center gap-1 rounded-full bg-destructive/10 px-2 py-0.5 text-xs font-medium text-destructive dark:text-red-300" data-testid="thread-needs-human">
              <SirenIcon className="size-3" aria-hidden />
              {t('needsHuman')}
            </span>
          )}
        </p>
      )}
      {canWrite && (
        <div className="flex flex-wrap items-center gap-2">
          {kind !== 'human' && (
            <Button size="sm" onClick={() => actions.takeover.mutate()} disabled={busy} data-testid="thread-takeover">
              <HandIcon aria-hidden />
              {t('takeover')}
            </Button>
          )}
          {held && (
            <Button size="sm" variant="outline" onClick={() => actions.handBack.mutate()} disabled={busy} data-testid="thread-handback">
              <PlayIcon aria-hidden />
              {t('handBack')}
            </Button>
          )}
          {kind === 'agent' && (
            <Button size="sm" variant="outline" onClick={() => setPauseOpen(true)} disabled={busy} data-testid="thread-pause">
              <PauseIcon aria-hidden />
              {t('pause')}
            </Button>
          )}
          <div className="flex min-w-0 flex-wrap items-center gap-2 sm:ml-auto">
            <Select
              value={c.responsible?.id ?? NOBODY}
              onValueChange={(v) => actions.patch.mutate({ responsible_user_id: v === NOBODY ? null : v })}
            >
              <SelectTrigger size="sm" className="w-40" aria-label={t('operator')} data-testid="thread-assign">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NOBODY}>{t('noOperator')}</SelectItem>
                {(members.data ?? []).map((m) => (
                  <SelectItem key={m.user_id} value={m.user_id}>
                    {memberName(m)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            {stages.length > 0 && (
              <Select value={c.stage?.id} onValueChange={(v) => actions.patch.mutate({ stage_id: v })}>
                <SelectTrigger size="sm" className="w-40" aria-label={t('stage')} data-testid="thread-stage">
                  <SelectValue placeholder={t('stage')} />
                </SelectTrigger>
                <SelectContent>
                  {stages.map((s) => (
                    <SelectItem key={s.id} value={s.id}>
                      {s.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </div>
        </div>
      )}
      <Dialog open={pauseOpen} onOpenChange={setPauseOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{t('pauseTitle')}</DialogTitle>
          </DialogHeader>
          <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('pauseReason')} aria-label={t('pauseReason')} maxLength={500} data-testid="pause-reason" />
          <DialogFooter>
            <Button
              onClick={() => actions.pause.mutate(reason.trim(), { onSuccess: () => (setPauseOpen(false), setReason('')) })}
              disabled={actions.pause.isPending}
              data-testid="pause-confirm"
            >
              {t('pause')}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </header>
  );
}
