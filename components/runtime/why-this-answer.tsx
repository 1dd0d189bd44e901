'use client';
// "Why this answer": what a turn of the agent runtime used and did (messages.turn, TurnTrace):
// articles (linked), fields changed, triggers fired, tool calls (refused ones with the reason),
// tokens, cost, time, mode and language. Reusable wherever an agent message is shown.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { BookOpenIcon, CoinsIcon, LanguagesIcon, TimerIcon, WrenchIcon, ZapIcon, PencilLineIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';
import type { TurnTrace } from '@/lib/runtime/types';
import { cn } from '@/lib/utils/cn';

export interface WhyMessage {
  model?: string | null;
  provider?: string | null;
  tokens_in?: number | null;
  tokens_out?: number | null;
  tokens_used?: number | null;
  cost_usd?: number | string | null;
  response_time_ms?: number | null;
  turn?: TurnTrace | null;
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function Section({ title, icon, children, testId }: { title: string; icon: React.ReactNode; children: React.ReactNode; testId: string }) {
  return (
    <section className="space-y-1" data-testid={testId}>
      <h4 className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
        {icon}
        {title}
      </h4>
      {children}
    </section>
  );
}

export function WhyThisAnswer({ message, className }: { message: WhyMessage; className?: string }) {
  const t = useTranslations('testChat.why');
  const href = useWorkspaceHref();
  const turn = message.turn;
  if (!turn) return <p className={cn('text-xs text-muted-foreground', className)}>{t('noTrace')}</p>;
  const cost = message.cost_usd == null ? null : Number(message.cost_usd);
  const refused = turn.tools.filter((c) => c.status === 'refused' || c.status === 'failed');
  const made = turn.tools.filter((c) => c.status !== 'refused' && c.status !== 'failed');
  return (
    <div className={cn('space-y-3 rounded-lg border bg-card p-3 text-sm text-card-foreground', className)} data-testid="why-this-answer">
      <div className="flex flex-wrap items-center gap-1.5">
        <Badge variant={turn.mode === 'kb_only' ? 'secondary' : 'outline'} data-testid="why-mode">
          {turn.mode === 'kb_only' ? t('modeKbOnly') : t('modeModel', { model: message.model ?? turn.model ?? '—' })}
        </Badge>
        {turn.no_answer && <Badge variant="destructive">{t('noAnswer')}</Badge>}
        {(turn as TurnTrace & { edited?: boolean }).edited && <Badge variant="outline">{t('edited')}</Badge>}
        <span className="inline-flex items-center gap-1 text-xs text-muted-foreground">
          <LanguagesIcon className="size-3.5" aria-hidden />
          {t('language', { language: turn.language })}
          {turn.detected_language && turn.detected_language !== turn.language ? ` (${t('detected', { language: turn.detected_language })})` : ''}
        </span>
      </div>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs sm:grid-cols-4" data-testid="why-numbers">
        <div>
          <dt className="text-muted-foreground">{t('tokens')}</dt>
          <dd className="tabular-nums">
            {message.tokens_in ?? 0} / {message.tokens_out ?? 0}
          </dd>
        </div>
        <div>
          <dt className="flex items-center gap-1 text-muted-foreground">
            <CoinsIcon className="size-3" aria-hidden />
            {t('cost')}
          </dt>
          <dd className="tabular-nums">{cost == null ? '—' : `$${cost.toFixed(cost < 0.01 ? 5 : 3)}`}</dd>
        </div>
        <div>
          <dt className="flex items-center gap-1 text-muted-foreground">
            <TimerIcon className="size-3" aria-hidden />
            {t('time')}
          </dt>
          <dd className="tabular-nums">{t('ms', { ms: message.response_time_ms ?? turn.timings.total_ms })}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">{t('provider')}</dt>
          <dd>{message.provider ?? turn.provider ?? '—'}</dd>
        </div>
      </dl>
      <Section title={t('articles')} icon={<BookOpenIcon className="size-3.5" aria-hidden />} testId="why-articles">
        {turn.articles.length === 0 ? (
          <p className="text-xs text-muted-foreground">{t('noArticles')}</p>
        ) : (
          <ul className="space-y-1">
            {turn.articles.map((a) => (
              <li key={a.id} className="text-xs">
                <Link href={href(`/knowledge-base/articles/${a.id}`)} className="font-medium text-primary underline-offset-2 hover:underline">
                  {a.title}
                </Link>
                <span className="ml-1 text-muted-foreground tabular-nums">{a.score.toFixed(2)}</span>
                {a.passage && <p className="line-clamp-2 text-muted-foreground">{a.passage}</p>}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {turn.fields_changed.length > 0 && (
        <Section title={t('fields')} icon={<PencilLineIcon className="size-3.5" aria-hidden />} testId="why-fields">
          <ul className="space-y-0.5 text-xs">
            {turn.fields_changed.map((f, i) => (
              <li key={`${f.entity}.${f.code}.${i}`}>
                <span className="font-medium">{t(`entity.${f.entity}`)}</span> <code>{f.code}</code>: <span className="text-muted-foreground line-through">{show(f.old_value)}</span> →{' '}
                <span>{show(f.new_value)}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {turn.triggers.length > 0 && (
        <Section title={t('triggers')} icon={<ZapIcon className="size-3.5" aria-hidden />} testId="why-triggers">
          <ul className="space-y-0.5 text-xs">
            {turn.triggers.map((tr) => (
              <li key={tr.id}>
                <span className="font-medium">{tr.name}</span> <span className="text-muted-foreground">{tr.actions.join(', ')}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {turn.tools.length > 0 && (
        <Section title={t('tools')} icon={<WrenchIcon className="size-3.5" aria-hidden />} testId="why-tools">
          <ul className="space-y-0.5 text-xs">
            {[...made, ...refused].map((c, i) => (
              <li key={`${c.name}.${i}`} data-status={c.status}>
                <code>{c.name}</code>{' '}
                <Badge variant={c.status === 'refused' || c.status === 'failed' ? 'destructive' : 'outline'} className="px-1 py-0 text-[10px]">
                  {t(`toolStatus.${c.status}`)}
                </Badge>
                {c.reason && <span className="ml-1 text-muted-foreground">{t('reason', { reason: c.reason })}</span>}
              </li>
            ))}
          </ul>
        </Section>
      )}
      {turn.error && <p className="text-xs text-destructive">{turn.error.message}</p>}
    </div>
  );
}
