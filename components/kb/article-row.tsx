'use client';
// One article in the list: title, categories, counts, active switch; for search hits also
// the snippet with highlighted terms and which index found it.
import Link from 'next/link';
import { useNow, useTranslations } from 'next-intl';
import { useTimeFormat } from '@/components/dashboard/use-time-format';
import { FileTextIcon, LinkIcon, PaperclipIcon } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Switch } from '@/components/ui/switch';
import { Snippet } from './rich-text';
import type { MatchKind, SearchHit } from './types';
import { useToggleArticle } from './use-toggle-article';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

function matchKinds(m: SearchHit['matched_by']): MatchKind[] {
  const list = (Array.isArray(m) ? m : m ? [m] : []).filter((x): x is MatchKind => x === 'fulltext' || x === 'semantic');
  return list.length === 2 ? ['both'] : list;
}

export function ArticleRow({ article, canWrite, searching }: { article: SearchHit; canWrite: boolean; searching: boolean }) {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('kb.articles');
  const time = useTimeFormat();
  const now = useNow({ updateInterval: 60_000 });
  const toggle = useToggleArticle();
  const href = wsHref(`/knowledge-base/articles/${article.id}`);
  const kinds = searching ? matchKinds(article.matched_by) : [];

  return (
    <article
      className="group relative flex items-start gap-3 rounded-xl border bg-card px-4 py-3.5 shadow-xs transition-colors hover:border-primary/40"
      data-testid="kb-article-row"
      data-article-id={article.id}
    >
      <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg bg-accent text-accent-foreground">
        <FileTextIcon className="size-4" aria-hidden />
      </span>
      <div className="min-w-0 flex-1 space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <Link
            href={href}
            className="min-w-0 truncate font-medium outline-none after:absolute after:inset-0 after:rounded-xl hover:underline focus-visible:underline"
            data-testid="kb-article-link"
          >
            {article.title}
          </Link>
          {!article.is_active && <Badge variant="secondary">{t('inactive')}</Badge>}
          {kinds.map((k) => (
            <Badge key={k} variant={k === 'semantic' ? 'outline' : 'success'} className="font-normal" data-testid={`kb-match-${k}`}>
              {t(`match.${k}`)}
            </Badge>
          ))}
        </div>
        {searching && article.snippet ? <Snippet text={article.snippet} className="line-clamp-3" /> : null}
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
          {article.categories.length > 0 && <span className="truncate">{article.categories.join(' · ')}</span>}
          {article.files_count > 0 && (
            <span className="inline-flex items-center gap-1" title={t('filesCount', { count: article.files_count })}>
              <PaperclipIcon className="size-3" aria-hidden />
              {article.files_count}
            </span>
          )}
          {article.related_articles_count > 0 && (
            <span className="inline-flex items-center gap-1" title={t('relatedCount', { count: article.related_articles_count })}>
              <LinkIcon className="size-3" aria-hidden />
              {article.related_articles_count}
            </span>
          )}
          <span>{t('updated', { date: time.relative(article.updated_at, now) })}</span>
        </div>
      </div>
      <Switch
        checked={article.is_active}
        disabled={!canWrite}
        onCheckedChange={(is_active) => toggle.mutate({ id: article.id, is_active })}
        aria-label={t('toggle', { title: article.title })}
        className="relative z-10 mt-1"
        data-testid="kb-article-toggle"
      />
    </article>
  );
}
