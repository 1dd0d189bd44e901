'use client';
// One message of the test chat: the customer's on the left, the agent's on the right with its
// "why this answer" panel and, for a draft, approve / edit then approve / reject.
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { CheckIcon, InfoIcon, PencilIcon, XIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/sonner';
import { useErrorText } from '@/components/agents/use-api-errors';
import { WhyThisAnswer } from '@/components/runtime/why-this-answer';
import { cn } from '@/lib/utils/cn';
import { useDecideDraft } from './queries';
import type { ChatMessage } from './types';

export function CustomerBubble({ content, pending }: { content: string; pending?: boolean }) {
  const t = useTranslations('testChat');
  return (
    <li className="flex justify-start" data-testid="chat-customer-message">
      <div className={cn('max-w-[85%] rounded-2xl rounded-bl-sm bg-muted px-3 py-2 text-sm', pending && 'opacity-70')}>
        <p className="text-[11px] font-medium text-muted-foreground">{t('you')}</p>
        <p className="break-words whitespace-pre-wrap">{content}</p>
      </div>
    </li>
  );
}

function DraftActions({ conversationId, message, canWrite }: { conversationId: string; message: ChatMessage; canWrite: boolean }) {
  const t = useTranslations('testChat.draft');
  const errorText = useErrorText();
  const decide = useDecideDraft(conversationId);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(message.content);
  const run = (action: 'approve' | 'reject', content?: string) =>
    decide.mutate(
      { messageId: message.id, action, content },
      {
        onSuccess: () => {
          setEditing(false);
          toast.success(action === 'approve' ? t('approved') : t('rejected'));
        },
        onError: (e) => toast.error(errorText(e)),
      },
    );
  if (!canWrite) return null;
  if (editing) {
    return (
      <div className="mt-2 space-y-2" data-testid="draft-editor">
        <Textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={4096} aria-label={t('editLabel')} className="bg-background text-foreground" />
        <div className="flex flex-wrap justify-end gap-2">
          <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
            {t('cancel')}
          </Button>
          <Button size="sm" onClick={() => run('approve', text.trim())} disabled={decide.isPending || !text.trim()} data-testid="draft-save-approve">
            <CheckIcon aria-hidden />
            {t('saveApprove')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="mt-2 flex flex-wrap gap-1.5" data-testid="draft-actions">
      <Button size="sm" onClick={() => run('approve')} disabled={decide.isPending} data-testid="draft-approve">
        <CheckIcon aria-hidden />
        {t('approve')}
      </Button>
      <Button size="sm" variant="outline" onClick={() => setEditing(true)} disabled={decide.isPending} data-testid="draft-edit">
        <PencilIcon aria-hidden />
        {t('edit')}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => run('reject')} disabled={decide.isPending} data-testid="draft-reject">
        <XIcon aria-hidden />
        {t('reject')}
      </Button>
    </div>
  );
}

export function AgentBubble({
  message,
  agentName,
  conversationId,
  canWrite,
}: {
  message: ChatMessage;
  agentName: string;
  conversationId: string;
  canWrite: boolean;
}) {
  const t = useTranslations('testChat');
  const [open, setOpen] = useState(false);
  const draft = message.status === 'draft';
  const rejected = message.status === 'rejected';
  return (
    <li className="flex flex-col items-end gap-1.5" data-testid="chat-agent-message" data-status={message.status}>
      <div
        className={cn(
          'max-w-[85%] rounded-2xl rounded-br-sm px-3 py-2 text-sm',
          draft ? 'border-2 border-dashed border-primary/60 bg-primary/5' : 'bg-primary text-primary-foreground',
          rejected && 'bg-muted text-muted-foreground line-through opacity-70',
        )}
      >
        <div className="flex flex-wrap items-center gap-1.5">
          <p className="text-[11px] font-medium opacity-80">{agentName}</p>
          {draft && <Badge variant="warning">{t('draft.badge')}</Badge>}
          {rejected && <Badge variant="outline">{t('draft.rejectedBadge')}</Badge>}
          {message.turn?.mode === 'kb_only' && (
            <Badge variant="secondary" className="text-[10px]" data-testid="kb-only-label">
              {t('why.modeKbOnly')}
            </Badge>
          )}
        </div>
        <p className="break-words whitespace-pre-wrap">{message.content}</p>
        {draft && <DraftActions conversationId={conversationId} message={message} canWrite={canWrite} />}
      </div>
      <Button
        variant="ghost"
        size="sm"
        className="h-7 text-xs text-muted-foreground"
        onClick={() => setOpen((v) => !v)}
        aria-expanded={open}
        data-testid="why-toggle"
      >
        <InfoIcon aria-hidden />
        {open ? t('why.hide') : t('why.show')}
      </Button>
      {open && <WhyThisAnswer message={message} className="w-full max-w-[85%]" />}
    </li>
  );
}
