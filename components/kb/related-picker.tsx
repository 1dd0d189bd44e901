'use client';
// Related articles: search by title or text and pick; never the article itself or one already chosen.
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useQuery } from '@tanstack/react-query';
import { FileTextIcon, SearchIcon, XIcon } from 'lucide-react';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { apiGet, query } from '@/components/agents/api-client';
import { useDebouncedValue } from '@/components/agents/use-debounced-value';
import type { ArticleListResponse } from './types';
import { useWorkspaceHref } from '@/components/dashboard/workspace-context';

export function RelatedPicker({
  value,
  onChange,
  titles,
  onPicked,
  excludeId,
}: {
  value: number[];
  onChange: (next: number[]) => void;
  titles: Map<number, string>;
  onPicked: (id: number, title: string) => void;
  excludeId?: number;
}) {
  const wsHref = useWorkspaceHref();
  const t = useTranslations('kb.editor');
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const search = useDebouncedValue(text.trim(), 300);
  const { data, isFetching } = useQuery({
    queryKey: ['kb', 'articles', 'picker', search],
    queryFn: ({ signal }) => apiGet<ArticleListResponse>(`/api/kb/articles${query({ search, limit: 8 })}`, signal),
    enabled: open,
  });
  const options = (data?.articles ?? []).filter((a) => a.id !== excludeId && !value.includes(a.id));

  const pick = (id: number, title: string) => {
    onPicked(id, title);
    onChange([...value, id]);
    setText('');
  };

  return (
    <div className="space-y-2">
      {value.length > 0 && (
        <ul className="space-y-1" data-testid="kb-related-list">
          {value.map((id) => (
            <li key={id} className="flex items-center gap-2 rounded-md border px-2 py-1.5 text-sm">
              <FileTextIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
              <Link href={wsHref(`/knowledge-base/articles/${id}`)} className="min-w-0 flex-1 truncate hover:underline">
                {titles.get(id) ?? `#${id}`}
              </Link>
              <button
                type="button"
                onClick={() => onChange(value.filter((v) => v !== id))}
                className="rounded-sm p-0.5 text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring/50"
                aria-label={t('removeRelated', { title: titles.get(id) ?? `#${id}` })}
              >
                <XIcon className="size-3.5" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="relative" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}>
        <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          placeholder={t('relatedSearch')}
          className="h-8 pl-8 text-sm md:text-sm"
          role="combobox"
          aria-expanded={open}
          aria-controls="kb-related-options"
          data-testid="kb-related-search"
        />
        {open && (
          <ul
            id="kb-related-options"
            role="listbox"
            className="absolute inset-x-0 top-full z-30 mt-1 max-h-64 overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-md"
          >
            {isFetching && !data && (
              <li className="flex justify-center py-3">
                <Spinner />
              </li>
            )}
            {data && options.length === 0 && <li className="px-2 py-2 text-sm text-muted-foreground">{t('relatedNone')}</li>}
            {options.map((a) => (
              <li key={a.id} role="option" aria-selected={false}>
                <button
                  type="button"
                  onClick={() => pick(a.id, a.title)}
                  className="flex w-full items-center gap-2 rounded-sm px-2 py-1.5 text-left text-sm outline-none hover:bg-accent focus-visible:bg-accent"
                  data-testid="kb-related-option"
                >
                  <FileTextIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
                  <span className="truncate">{a.title}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
