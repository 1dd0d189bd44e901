'use client';
// The test chat page: pick an agent (?agent= preselects) and a test conversation (?conversation=),
// type as a customer and watch the reply stream in; simulate the deal's stage and the channel;
// start over or delete; decide drafts; every agent reply explains itself.
import { useEffect, useMemo, useRef, useState } from 'react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { AlertTriangleIcon, BotIcon, PlusIcon, SendIcon, SquareIcon, Trash2Icon } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Label } from '@/components/ui/label';
import { PageHeader } from '@/components/ui/page-header';
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/sonner';
import { ConfirmDelete } from '@/components/agents/confirm-delete';
import { useErrorText } from '@/components/agents/use-api-errors';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import { AgentBubble, CustomerBubble } from './chat-bubble';
import { ConversationList } from './conversation-list';
import { useAgent, useAgentChoices, useDeleteTestConversation, usePipelineChoices, useTestConversation } from './queries';
import { chatKeys, SIM_CHANNELS, type ChatFailure, type SimChannel, type TestConversation, type TurnResponse } from './types';
import { useSendMessage } from './use-send-message';

const NO_STAGE = '__conversation';

export function TestChatView({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('testChat');
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const href = useWorkspaceHref();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const agents = useAgentChoices();
  const agentId = params.get('agent') ?? agents.data?.[0]?.id ?? null;
  const conversationId = params.get('conversation');
  const agent = useAgent(agentId);
  const pipelines = usePipelineChoices();
  // A conversation being deleted is not read again (its URL param may linger for a render).
  const [deletedId, setDeletedId] = useState<string | null>(null);
  const thread = useTestConversation(conversationId === deletedId ? null : conversationId);
  const remove = useDeleteTestConversation();
  const [text, setText] = useState('');
  const [stageId, setStageId] = useState<string>(NO_STAGE);
  const [channel, setChannel] = useState<SimChannel>('test');
  const [failure, setFailure] = useState<ChatFailure | null>(null);
  const [deleting, setDeleting] = useState(false);
  const bottom = useRef<HTMLDivElement>(null);

  const setParams = (next: Record<string, string | null>) => {
    const qs = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(next)) (v ? qs.set(k, v) : qs.delete(k));
    router.replace(`${pathname}?${qs.toString()}`, { scroll: false });
  };

  const { send, stop, pending } = useSendMessage({
    onAccepted: (id) => {
      if (id !== conversationId) setParams({ agent: agentId, conversation: id });
      void qc.invalidateQueries({ queryKey: chatKeys.lists() });
    },
    onDone: (res: TurnResponse) => {
      qc.setQueryData<TestConversation>(chatKeys.conversation(res.conversation_id), (old) => {
        if (!old) return old;
        const ids = new Set(old.messages.map((m) => m.id));
        const added = [res.customer_message, res.message].filter((m) => m && !ids.has(m.id)) as TestConversation['messages'];
        return { ...old, messages: [...old.messages, ...added] };
      });
      void qc.invalidateQueries({ queryKey: chatKeys.conversation(res.conversation_id) });
      void qc.invalidateQueries({ queryKey: chatKeys.lists() });
      if (res.outcome === 'skipped' && res.skipped) toast.info(t(`skipped.${res.skipped}`));
    },
    onFailed: (f, id) => {
      setFailure(f);
      if (id) void qc.invalidateQueries({ queryKey: chatKeys.conversation(id) });
    },
  });

  // Stages the agent works in (its pipelines), else every pipeline's.
  const stageGroups = useMemo(() => {
    const all = pipelines.data ?? [];
    const links = (agent.data?.pipelines ?? []).filter((p) => p.is_active);
    const chosen = links.length ? all.filter((p) => links.some((l) => l.pipeline_id === p.id)) : all;
    return chosen.map((p) => {
      const link = links.find((l) => l.pipeline_id === p.id);
      const stages = link && !link.all_stages && link.stages.length ? p.stages.filter((s) => link.stages.includes(s.id)) : p.stages;
      return { id: p.id, name: p.name, stages };
    });
  }, [pipelines.data, agent.data]);

  const messages = thread.data?.messages ?? [];
  const shownIds = new Set(messages.map((m) => m.id));
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, pending?.reply, pending?.customer]);

  const submit = () => {
    const message = text.trim();
    if (!message || !agentId || pending) return;
    setFailure(null);
    setText('');
    void send({
      agent_id: agentId,
      message,
      conversation_id: conversationId,
      simulate: { stage_id: stageId === NO_STAGE ? null : stageId, channel_type: channel },
    });
  };

  const reset = () => {
    setFailure(null);
    setParams({ agent: agentId, conversation: null });
  };

  // Every state keeps the page's heading (one h1 per page).
  const bare = (body: React.ReactNode) => (
    <div className="space-y-4" data-testid="test-chat">
      <PageHeader title={t('title')} description={t('description')} />
      {body}
    </div>
  );
  if (agents.isPending) return bare(<Skeleton className="h-96 w-full" />);
  if (agents.isError) return bare(<p className="text-sm text-destructive">{errorText(agents.error)}</p>);
  if (!agents.data.length) {
    return bare(
      <EmptyState
        icon={<BotIcon aria-hidden />}
        title={t('noAgents')}
        description={t('noAgentsHint')}
        action={
          <Button asChild>
            <Link href={href('/agents')}>{t('toAgents')}</Link>
          </Button>
        }
      />,
    );
  }
  const agentName = agent.data?.name ?? agents.data.find((a) => a.id === agentId)?.name ?? '';

  return (
    <div className="space-y-4" data-testid="test-chat">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button variant="outline" onClick={reset} disabled={!!pending} data-testid="chat-reset">
              <PlusIcon aria-hidden />
              {t('newConversation')}
            </Button>
            {conversationId && canWrite && (
              <Button variant="ghost" onClick={() => setDeleting(true)} disabled={!!pending} data-testid="chat-delete">
                <Trash2Icon aria-hidden />
                {t('delete')}
              </Button>
            )}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[280px_minmax(0,1fr)]">
        <aside className="min-w-0 space-y-4">
          <div className="space-y-1.5">
            <Label htmlFor="chat-agent">{t('agent')}</Label>
            <Select value={agentId ?? undefined} onValueChange={(v) => setParams({ agent: v, conversation: null })}>
              <SelectTrigger id="chat-agent" className="w-full" data-testid="chat-agent">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {agents.data.map((a) => (
                  <SelectItem key={a.id} value={a.id}>
                    {a.name}
                    {!a.is_active ? ` · ${t('inactive')}` : ''}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="space-y-1.5">
            <p className="text-sm font-medium">{t('list.title')}</p>
            <ConversationList agentId={agentId} selected={conversationId} onSelect={(id) => setParams({ agent: agentId, conversation: id })} />
          </div>
        </aside>
        <section className="flex min-h-[60vh] flex-col rounded-xl border bg-card">
          <div className="grid gap-3 border-b p-3 sm:grid-cols-2">
            <div className="space-y-1">
              <Label htmlFor="chat-stage" className="text-xs">
                {t('simulate.stage')}
              </Label>
              <Select value={stageId} onValueChange={setStageId}>
                <SelectTrigger id="chat-stage" className="w-full" size="sm" data-testid="chat-stage">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NO_STAGE}>{t('simulate.conversationStage')}</SelectItem>
                  {stageGroups.map((g) => (
                    <SelectGroup key={g.id}>
                      <SelectLabel>{g.name}</SelectLabel>
                      {g.stages.map((s) => (
                        <SelectItem key={s.id} value={s.id}>
                          {s.name}
                        </SelectItem>
                      ))}
                    </SelectGroup>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <div className="space-y-1">
              <Label htmlFor="chat-channel" className="text-xs">
                {t('simulate.channel')}
              </Label>
              <Select value={channel} onValueChange={(v) => setChannel(v as SimChannel)}>
                <SelectTrigger id="chat-channel" className="w-full" size="sm" data-testid="chat-channel">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {SIM_CHANNELS.map((c) => (
                    <SelectItem key={c} value={c}>
                      {t(`channels.${c}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          </div>
          <div className="flex-1 overflow-y-auto p-3" aria-live="polite">
            {conversationId && thread.isPending ? (
              <Skeleton className="h-32 w-full" />
            ) : !messages.length && !pending ? (
              <p className="py-12 text-center text-sm text-muted-foreground" data-testid="chat-empty">
                {t('empty', { agent: agentName })}
              </p>
            ) : null}
            <ol className="space-y-3" data-testid="chat-thread">
              {messages.map((m) =>
                m.role === 'agent' ? (
                  <AgentBubble key={m.id} message={m} agentName={agentName} conversationId={conversationId!} canWrite={canWrite} />
                ) : (
                  <CustomerBubble key={m.id} content={m.content} />
                ),
              )}
              {pending && !(pending.customer && shownIds.has(pending.customer.id)) && <CustomerBubble content={pending.text} pending={!pending.customer} />}
              {pending && (
                <li className="flex justify-end" data-testid="chat-streaming">
                  <div className="max-w-[85%] rounded-2xl rounded-br-sm bg-primary/80 px-3 py-2 text-sm text-primary-foreground">
                    <p className="text-[11px] font-medium opacity-80">
                      {agentName} · {t(`status.${pending.stage ?? 'waiting'}`)}
                    </p>
                    <p className="break-words whitespace-pre-wrap">{pending.reply || '…'}</p>
                  </div>
                </li>
              )}
            </ol>
            <div ref={bottom} />
          </div>
          {failure && <FailureNote failure={failure} onClose={() => setFailure(null)} />}
          <form
            className="flex items-end gap-2 border-t p-3"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <Textarea
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  submit();
                }
              }}
              placeholder={canWrite ? t('placeholder') : t('viewerNote')}
              aria-label={t('placeholder')}
              rows={2}
              maxLength={4000}
              disabled={!canWrite || !agentId}
              className="min-h-10 resize-none"
              data-testid="chat-input"
            />
            {pending ? (
              <Button type="button" variant="outline" size="icon" onClick={stop} aria-label={t('stop')} data-testid="chat-stop">
                <SquareIcon aria-hidden />
              </Button>
            ) : (
              <Button type="submit" size="icon" disabled={!canWrite || !text.trim() || !agentId} aria-label={t('send')} data-testid="chat-send">
                <SendIcon aria-hidden />
              </Button>
            )}
          </form>
        </section>
      </div>
      <ConfirmDelete
        open={deleting}
        onOpenChange={setDeleting}
        title={t('deleteTitle')}
        description={t('deleteDescription')}
        pending={remove.isPending}
        onConfirm={() => {
          if (!conversationId) return;
          // Leave the conversation first, so nothing refetches it once it is gone.
          const id = conversationId;
          setDeletedId(id);
          reset();
          remove.mutate(id, {
            onSuccess: () => {
              setDeleting(false);
              toast.success(t('deleted'));
            },
            onError: (e) => {
              setDeleting(false);
              toast.error(errorText(e));
            },
          });
        }}
      />
    </div>
  );
}

const KNOWN_FAILURES = ['quota_exceeded', 'provider_not_configured', 'provider_failed', 'provider_timeout', 'not_found', 'rate_limited', 'network'];

function FailureNote({ failure, onClose }: { failure: ChatFailure; onClose: () => void }) {
  const t = useTranslations('testChat.errors');
  const code = KNOWN_FAILURES.includes(failure.code) ? failure.code : 'generic';
  return (
    <div role="alert" className="mx-3 mb-1 flex items-start gap-2 rounded-lg border border-destructive/40 bg-destructive/10 p-3 text-sm" data-testid="chat-error" data-code={failure.code}>
      <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
      <div className="flex-1 space-y-0.5">
        <p className="font-medium">{t(code, { used: failure.used ?? 0, limit: failure.limit ?? 0 })}</p>
        {failure.customerMessageId && <p className="text-muted-foreground">{t('kept')}</p>}
      </div>
      <Button variant="ghost" size="sm" onClick={onClose}>
        {t('dismiss')}
      </Button>
    </div>
  );
}
